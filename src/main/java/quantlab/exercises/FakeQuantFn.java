package quantlab.exercises;

/**
 * The shape of a learner's fake quantization of one value, as TensorFlow's
 * {@code FakeQuantWithMinMaxArgs} does it: nudge {@code [min, max]} so 0 is a code, clamp
 * {@code x} into the nudged range, round to the nearest of the {@code 2^bits} steps (ties up) and
 * return the real value of that step, {@code xHat}. Used in lesson 06.
 */
@FunctionalInterface
public interface FakeQuantFn {
  float xHat(float x, float min, float max, int bits);
}
