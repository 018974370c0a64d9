package quantlab.tfref;

/**
 * The {@code mode} attribute of TensorFlow's {@code QuantizeV2} and {@code Dequantize}: how the
 * float range {@code [min, max]} is mapped onto the codes of a {@link TfQuantType}.
 *
 * <ul>
 *   <li>{@link #MIN_COMBINED}: {@code min} maps to the lowest code and {@code max} to the highest,
 *       {@code q = round((x - min) * (highest - lowest) / (max - min) - halfRange)}.
 *   <li>{@link #MIN_FIRST}: as MIN_COMBINED but computed as {@code round(x * s) - round(min * s)}
 *       with {@code s = (2^bits - 1) / (max - min)}, so the codes of two tensors with the same
 *       {@code min} line up.
 *   <li>{@link #SCALED}: symmetric around 0, {@code q = round(x * s)} with one scale for both
 *       sides chosen so that neither side overflows.
 * </ul>
 */
public enum Mode {
  MIN_COMBINED,
  MIN_FIRST,
  SCALED
}
