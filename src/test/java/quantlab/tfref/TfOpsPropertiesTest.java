package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Properties of the replicas that hold for any input, checked without TensorFlow. */
class TfOpsPropertiesTest {
  /**
   * FakeQuant lands on the nudged grid: the output is {@code k * scale} for an integer
   * {@code k} in {@code [-quantZero, quantMax - quantMin - quantZero]}, and an input inside
   * {@code [nudgedMin, nudgedMax]} moves by at most half a step (plus float rounding).
   */
  @Property(tries = 3000)
  void fakeQuantVarsLandsOnTheNudgedGrid(
      @ForAll @FloatRange(min = -100f, max = 0f) float min,
      @ForAll @FloatRange(min = 0.001f, max = 100f) @Scale(4) float max,
      @ForAll @IntRange(min = 2, max = 16) int bits, @ForAll boolean narrow,
      @ForAll @FloatRange(min = -150f, max = 150f) float x) {
    FakeQuantNudge n = FakeQuantNudge.of(min, max, bits, narrow);
    float xHat = TfOps.fakeQuantWithMinMaxVars(new float[] {x}, min, max, bits, narrow)[0];
    double k = xHat / (double) n.scale();
    // xHat = k * scale rounded to float: k is recovered to within |k| * 2^-23
    assertEquals(Math.rint(k), k, 1e-3 + Math.abs(k) * 0x1p-23,
        "on the grid: " + xHat + " / " + n.scale());
    assertTrue(Math.rint(k) >= -n.quantZero() && Math.rint(k)
        <= n.quantMax() - n.quantMin() - n.quantZero(), "k " + k + " within the codes");
    if (x >= n.nudgedMin() && x <= n.nudgedMax()) {
      // float32 rounding of x - nudgedMin and of k * scale adds a few ulps of the largest term
      float big = Math.max(Math.abs(x), Math.max(-n.nudgedMin(), n.nudgedMax()));
      assertTrue(Math.abs(xHat - (double) x) <= n.scale() * 0.5 + Math.ulp(big) * 4,
          "error " + (xHat - x) + " within half a step " + n.scale());
    }
  }

  /** Args and PerChannel run the same arithmetic (multiply by invScale) in TensorFlow. */
  @Property(tries = 2000)
  void perChannelWithOneChannelIsArgs(
      @ForAll @FloatRange(min = -10f, max = -0.001f) @Scale(4) float min,
      @ForAll @FloatRange(min = 0.001f, max = 10f) @Scale(4) float max,
      @ForAll @IntRange(min = 2, max = 16) int bits, @ForAll boolean narrow,
      @ForAll float x) {
    float args = TfOps.fakeQuantWithMinMaxArgs(new float[] {x}, min, max, bits, narrow)[0];
    float channel = TfOps.fakeQuantWithMinMaxVarsPerChannel(
        new float[] {x}, new float[] {min}, new float[] {max}, bits, narrow)[0];
    assertTrue(Bits.same(args, channel), args + " vs " + channel);
  }

  /**
   * SCALED: dequantize(quantizeV2(x)) is within half a step of x for x inside the output range,
   * with either round mode.
   */
  @Property(tries = 3000)
  void scaledRoundTripIsWithinHalfAStep(
      @ForAll @FloatRange(min = -50f, max = 0f) float min,
      @ForAll @FloatRange(min = 0.01f, max = 50f) float max,
      @ForAll TfQuantType type, @ForAll boolean narrow, @ForAll boolean toEven,
      @ForAll @FloatRange(min = 0f, max = 1f) float t) {
    RoundMode round = toEven ? RoundMode.HALF_TO_EVEN : RoundMode.HALF_AWAY_FROM_ZERO;
    TfQuantized probe = TfOps.quantizeV2(new float[0], min, max, type, Mode.SCALED, round, narrow);
    // inside the output range (for quint8 under narrow range it starts at 1 / s, not 0)
    float x = probe.outputMin() + t * (probe.outputMax() - probe.outputMin());
    TfQuantized q = TfOps.quantizeV2(new float[] {x}, min, max, type, Mode.SCALED, round, narrow);
    float xHat = TfOps.dequantize(q, Mode.SCALED, narrow)[0];
    double step = probe.outputMax() / (double) type.highest();
    assertTrue(Math.abs(xHat - (double) x) <= step * 0.5001 + Math.ulp(x) * 4,
        "x " + x + " xHat " + xHat + " step " + step);
  }
}
