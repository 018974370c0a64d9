package quantlab.tflite;

/**
 * The fused activation of an operator ({@code ActivationFunctionType} in the schema), applied to
 * the operator's output before it is stored. In int8 models it becomes a clamp of the output
 * codes: RELU clamps at {@code max(qmin, zeroPoint)}, RELU6 also at {@code zeroPoint +
 * round(6 / scale)}.
 */
public enum Activation {
  NONE(0),
  RELU(1),
  RELU_N1_TO_1(2),
  RELU6(3),
  TANH(4),
  SIGN_BIT(5);

  private final int code;

  Activation(int code) {
    this.code = code;
  }

  /** The schema's code for this activation. */
  public int code() {
    return code;
  }

  /** The activation with schema code {@code code}. */
  public static Activation ofCode(int code) {
    for (Activation a : values()) {
      if (a.code == code) {
        return a;
      }
    }
    throw new TfliteFormatException("unknown fused activation code " + code
        + " (known: 0..5, NONE to SIGN_BIT)");
  }
}
