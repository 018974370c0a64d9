package quantlab.minifloat;

/**
 * What {@link MiniFloat#encode(float)} does with a value whose rounded magnitude is larger than
 * the format's largest finite value, and with an infinite input.
 *
 * <p>Rounding happens first (to nearest, ties to even, as if the exponent had no upper limit), so
 * only values that round past the maximum overflow. Example for fp8 E4M3 (max 448, next step 32):
 * 464 is a tie between 448 (mantissa 110, even) and 480 (mantissa 111) and rounds to 448; 465
 * rounds to 480, which overflows: {@code INFINITY_OR_NAN} gives NaN, {@code SATURATE} gives 448.
 */
public enum Overflow {
  /**
   * Non-saturating: overflow gives +-infinity where the format has infinities (IEEE 754), NaN where
   * it has only NaN (fp8 E4M3, as PyTorch's and ml_dtypes' float8_e4m3fn casts do). The default
   * for formats with infinity or NaN.
   */
  INFINITY_OR_NAN,
  /**
   * Saturating: overflow and +-infinity give +-max finite (CUDA's {@code satfinite}); NaN stays
   * NaN.
   * The only choice, and the default, for formats without infinity and NaN (fp4 E2M1).
   */
  SATURATE
}
