package quantlab.interp;

/** A fused activation of an operator ({@code ActivationFunctionType} in the schema). */
enum Activation {
  NONE,
  RELU,
  RELU_N1_TO_1,
  RELU6;

  /** The schema code: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3 (TANH 4 and others unsupported). */
  static Activation fromCode(int code) {
    switch (code) {
      case 0:
        return NONE;
      case 1:
        return RELU;
      case 2:
        return RELU_N1_TO_1;
      case 3:
        return RELU6;
      default:
        return null;
    }
  }

  /** Applies the activation to a float, as {@code ActivationFunctionWithMinMax} does. */
  float apply(float x) {
    switch (this) {
      case NONE:
        return x;
      case RELU:
        return Math.max(x, 0f);
      case RELU_N1_TO_1:
        return Math.max(-1f, Math.min(1f, x));
      case RELU6:
        return Math.max(0f, Math.min(6f, x));
      default:
        throw new AssertionError(this);
    }
  }
}
