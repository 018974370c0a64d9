package quantlab.quant;

/** What quantizing does with a NaN in {@code x}; infinities are always clipped and counted. */
public enum NanPolicy {
  /** Throw an {@link IllegalArgumentException} naming the index of the first NaN (the default). */
  REJECT,
  /** Give NaN the zero point's code, i.e. treat it as 0.0 (and do not count it as clipped). */
  TO_ZERO
}
