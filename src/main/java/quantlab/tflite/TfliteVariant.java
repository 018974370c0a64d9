package quantlab.tflite;

/**
 * The four forms {@link TfliteWriter} writes, as the TFLite converter names them.
 *
 * <ul>
 *   <li>{@link #FLOAT32}: everything float32; the reference size.
 *   <li>{@link #DYNAMIC_RANGE}: weights int8 (symmetric, [-127, 127]), activations and biases
 *       float32; the runtime quantizes activations on the fly ("hybrid" kernels). About 1/4 of
 *       the weight bytes.
 *   <li>{@link #FLOAT16}: weights and biases stored as float16, each followed by a DEQUANTIZE
 *       to float32. About 1/2 of the bytes.
 *   <li>{@link #INT8}: full integer: int8 weights per channel, int32 biases, int8 activations
 *       with the calibrated ranges; inputs and outputs int8 or float32.
 * </ul>
 */
public enum TfliteVariant {
  FLOAT32,
  DYNAMIC_RANGE,
  FLOAT16,
  INT8
}
