package quantlab.minifloat;

/**
 * Which bit patterns of a {@link MiniFloat} are not finite numbers.
 *
 * <pre>
 *   IEEE      exponent all ones: mantissa 0 is +-infinity, any other mantissa is NaN
 *             (float16, bfloat16, fp8 E5M2)
 *   NAN_ONLY  no infinities; only S.1111.111 (all exponent and mantissa bits set) is NaN, so the
 *             all-ones exponent still holds finite values (OCP "FN" formats: fp8 E4M3)
 *   NONE      every pattern is a finite number (OCP MX fp4 E2M1)
 * </pre>
 */
public enum Specials {
  /** IEEE 754: the all-ones exponent holds infinity (mantissa 0) and NaN (any other mantissa). */
  IEEE,
  /** No infinities; the one pattern with every exponent and mantissa bit set is NaN. */
  NAN_ONLY,
  /** No infinities and no NaN: every bit pattern is a finite number. */
  NONE
}
