package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {
  @Test
  void knownValues() {
    // From the IEEE 754 binary16 table: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF (max),
    // 2^-24 = 0x0001 (smallest subnormal), 0.333251953125 = 0x3555.
    assertEquals(1f, Half.toFloat((short) 0x3C00));
    assertEquals(-2f, Half.toFloat((short) 0xC000));
    assertEquals(65504f, Half.toFloat((short) 0x7BFF));
    assertEquals(0x1p-24f, Half.toFloat((short) 0x0001));
    assertEquals((short) 0x3555, Half.fromFloat(1f / 3));
    assertEquals((short) 0x7C00, Half.fromFloat(65520f)); // rounds up to infinity
    assertEquals((short) 0x7BFF, Half.fromFloat(65519f));
    assertEquals((short) 0x0000, Half.fromFloat(0x1p-26f)); // below half the smallest subnormal
    assertEquals((short) 0x0001, Half.fromFloat(0x1.8p-25f));
  }

  @Test
  void everyHalfRoundTrips() {
    for (int h = 0; h < 65536; h++) {
      float f = Half.toFloat((short) h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))));
        continue;
      }
      assertEquals((short) h, Half.fromFloat(f), "pattern " + Integer.toHexString(h));
    }
  }

  @Test
  void fromFloatIsNearestTiesToEven() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) ((rng.nextDouble() * 2 - 1) * Math.pow(2, rng.nextInt(-26, 17)));
      short h = Half.fromFloat(x);
      double got = Half.toFloat(h);
      if (Double.isInfinite(got)) {
        assertTrue(Math.abs(x) >= 65520f, "overflow of " + x);
        continue;
      }
      double err = Math.abs(got - x);
      // No neighbouring half value is closer.
      for (int step : new int[] {-1, 1}) {
        int n = (h & 0xFFFF) + step;
        if (n < 0 || n > 0xFFFF || ((n ^ h) & 0x8000) != 0) {
          continue;
        }
        float other = Half.toFloat((short) n);
        if (Float.isFinite(other)) {
          double e2 = Math.abs(other - x);
          assertTrue(err < e2 || (err == e2 && (h & 1) == 0),
              x + " -> " + got + " but " + other + " is closer (or an even tie)");
        }
      }
    }
  }
}
