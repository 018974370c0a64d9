/**
 * The quantization primitives: integer code formats, scale and zero point per tensor, per channel
 * or per group, rounding modes, and quantize / dequantize / fake-quantize on arrays and shaped
 * tensors, with the error statistics between {@code x} and {@code xHat}.
 *
 * <p>Start with {@link quantlab.quant.Quant}; lessons 01-03 explain every idea used here.
 */
package quantlab.quant;
