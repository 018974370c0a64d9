package quantlab.tfref;

/**
 * The {@code round_mode} attribute of TensorFlow's quantization ops.
 *
 * <pre>
 *   v      HALF_AWAY_FROM_ZERO  HALF_TO_EVEN  HALF_UP
 *   2.5    3                    2             3
 *  -2.5   -3                   -2            -2
 *   3.5    4                    4             4
 * </pre>
 *
 * <p>{@code QuantizeV2} accepts HALF_AWAY_FROM_ZERO (its default, {@code std::round}) and
 * HALF_TO_EVEN (only with {@link Mode#SCALED}); {@code QuantizeAndDequantizeV4} accepts
 * HALF_TO_EVEN (its default) and HALF_UP ({@code floor(v + 0.5)}).
 */
public enum RoundMode {
  /** Ties away from zero, {@code std::round}. */
  HALF_AWAY_FROM_ZERO,
  /** Ties to the even integer, {@code rint}. */
  HALF_TO_EVEN,
  /** Ties toward +infinity, {@code floor(v + 0.5f)} in float32. */
  HALF_UP
}
