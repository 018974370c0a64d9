/**
 * The inner loops behind {@code quantlab.quant} (quantize, dequantize and fake-quantize over a run
 * of values), public only so that other quantlab packages and the benchmarks can call them: not
 * API, and not imported into kernel cells; use {@code Quantizer}, {@code Quant} and
 * {@code QuantParams} instead.
 */
package quantlab.quant.internal;
