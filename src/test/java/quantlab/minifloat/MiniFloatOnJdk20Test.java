package quantlab.minifloat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * float16 against the JDK's own conversions, {@code Float.floatToFloat16} and
 * {@code Float.float16ToFloat} (JDK 20+, looked up reflectively so this compiles for Java 17).
 * The POM runs classes named {@code *OnJdk20Test} only on JDK 20+ (CI's Temurin 25 pass), so the
 * JDK 17 pass neither runs nor skips them; started by hand on JDK 17, they skip with a message.
 */
class MiniFloatOnJdk20Test {
  private static MethodHandle toHalf;
  private static MethodHandle fromHalf;

  @BeforeAll
  static void lookUp() throws IllegalAccessException {
    try {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      toHalf = l.findStatic(Float.class, "floatToFloat16",
          MethodType.methodType(short.class, float.class));
      fromHalf = l.findStatic(Float.class, "float16ToFloat",
          MethodType.methodType(float.class, short.class));
    } catch (NoSuchMethodException e) {
      String message = "SKIPPED: Float.floatToFloat16 needs JDK 20+, this is JDK "
          + Runtime.version().feature() + "; CI runs this test on Temurin 25";
      System.err.println("*** " + message);
      Assumptions.abort(message);
    }
  }

  @Test
  void allHalvesDecodeAsTheJdkDoes() throws Throwable {
    for (int bits = 0; bits < 65536; bits++) {
      float jdk = (float) fromHalf.invokeExact((short) bits);
      float ours = MiniFloat.FLOAT16.decode(bits);
      if (Float.isNaN(jdk)) {
        assertTrue(Float.isNaN(ours), Integer.toHexString(bits));
      } else {
        assertEquals(Float.floatToRawIntBits(jdk), Float.floatToRawIntBits(ours),
            Integer.toHexString(bits));
      }
    }
  }

  @Test
  void allHalvesEncodeAsTheJdkDoes() throws Throwable {
    for (int bits = 0; bits < 65536; bits++) {
      float x = MiniFloat.FLOAT16.decode(bits);
      assertSameEncoding(x);
      assertSameEncoding(Math.nextUp(x));
      assertSameEncoding(Math.nextDown(x));
    }
  }

  @Test
  void millionsOfRandomFloatsEncodeAsTheJdkDoes() throws Throwable {
    SplittableRandom random = new SplittableRandom(20260101L);
    for (int i = 0; i < 2_000_000; i++) {
      assertSameEncoding(Float.intBitsToFloat(random.nextInt())); // any float
    }
    int limit = Float.floatToIntBits(70000f);
    for (int i = 0; i < 2_000_000; i++) {
      float x = Float.intBitsToFloat(random.nextInt(limit)); // within float16's range
      assertSameEncoding(random.nextBoolean() ? x : -x);
    }
  }

  private static void assertSameEncoding(float x) throws Throwable {
    short jdk = (short) toHalf.invokeExact(x);
    int ours = MiniFloat.FLOAT16.encode(x);
    if (Float.isNaN(x)) {
      assertTrue(MiniFloat.FLOAT16.isNaN(ours) && MiniFloat.FLOAT16.isNaN(jdk), "NaN");
    } else {
      assertEquals(jdk & 0xFFFF, ours, () -> x + " (" + Float.toHexString(x) + ")");
    }
  }
}
