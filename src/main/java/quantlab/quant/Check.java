package quantlab.quant;

import java.util.Arrays;

/** Argument checks whose messages name the argument and the bad value. */
final class Check {
  private Check() {}

  static int inRange(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(
          name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
    return value;
  }

  static float positiveFinite(String name, float value) {
    if (!(value > 0f) || Float.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
    return value;
  }

  static float finite(String name, float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
    return value;
  }

  static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
    if (lengthA != lengthB) {
      throw new IllegalArgumentException(
          nameA + ".length (" + lengthA + ") must equal " + nameB + ".length (" + lengthB + ")");
    }
  }

  static void shapeMatches(String name, int length, Shape shape) {
    if (length != shape.size()) {
      throw new IllegalArgumentException(
          name + ".length (" + length + ") does not match shape " + shape + " of size "
              + shape.size());
    }
  }

  static String preview(float[] values) {
    return values.length <= 4
        ? Arrays.toString(values)
        : "[" + values[0] + ", " + values[1] + ", ..., " + values[values.length - 1] + "] ("
            + values.length + " values)";
  }
}
