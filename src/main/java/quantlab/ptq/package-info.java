/**
 * Post-training quantization simulated in float: fake-quantize a trained model's weights (and,
 * with calibrated ranges, its activations), evaluate, and sweep settings into a Tablesaw table.
 */
package quantlab.ptq;
