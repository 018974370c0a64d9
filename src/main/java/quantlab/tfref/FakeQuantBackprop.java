package quantlab.tfref;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code FakeQuantWithMinMaxVarsGradient} returns: the gradient with respect to the inputs
 * (the straight-through estimator with clipping) and with respect to the range ends. See
 * {@link TfOps#fakeQuantWithMinMaxVarsGradient}. Explained in lesson 06.
 *
 * @param wrtInput {@code dL/dx}: {@code dL/dy} where {@code nudgedMin <= x <= nudgedMax}, else 0
 * @param wrtMin {@code dL/dmin}: the sum of {@code dL/dy} over the {@code x < nudgedMin}
 * @param wrtMax {@code dL/dmax}: the sum of {@code dL/dy} over the {@code x > nudgedMax}
 */
public record FakeQuantBackprop(float[] wrtInput, float wrtMin, float wrtMax) {
  public FakeQuantBackprop {
    wrtInput = wrtInput.clone();
  }

  @Override
  public float[] wrtInput() {
    return wrtInput.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FakeQuantBackprop b && Arrays.equals(wrtInput, b.wrtInput)
        && Float.compare(wrtMin, b.wrtMin) == 0 && Float.compare(wrtMax, b.wrtMax) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(wrtInput) + Float.hashCode(wrtMin)) + Float.hashCode(wrtMax);
  }

  /** {@code FakeQuantBackprop{wrtInput=[0.0, 2.0, 0.0], wrtMin=1.0, wrtMax=3.0}}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FakeQuantBackprop{wrtInput=%s, wrtMin=%s, wrtMax=%s}",
        Arrays.toString(wrtInput), wrtMin, wrtMax);
  }
}
