package quantlab.tflite;

/**
 * Padding of a convolution or pooling window, as in TensorFlow: {@code SAME} pads so that
 * {@code out = ceil(in / stride)}; {@code VALID} does not pad, {@code out = ceil((in -
 * effectiveFilter + 1) / stride)} with {@code effectiveFilter = (filter - 1) * dilation + 1}.
 */
public enum Padding {
  SAME(0),
  VALID(1);

  private final int code;

  Padding(int code) {
    this.code = code;
  }

  /** The schema's code for this padding. */
  public int code() {
    return code;
  }

  /** The padding with schema code {@code code}. */
  public static Padding ofCode(int code) {
    for (Padding p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new TfliteFormatException("unknown padding code " + code + " (known: 0 SAME, 1 VALID)");
  }

  /**
   * Output size along one spatial axis.
   *
   * <p>Example: {@code SAME.outputSize(28, 3, 2, 1)} is 14; {@code VALID.outputSize(28, 3, 1, 1)}
   * is 26.
   */
  public int outputSize(int in, int filter, int stride, int dilation) {
    int effective = (filter - 1) * dilation + 1;
    if (this == SAME) {
      return (in + stride - 1) / stride;
    }
    return (in - effective + stride) / stride;
  }
}
