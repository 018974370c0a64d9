/**
 * Pure-Java replicas of TensorFlow's quantization kernels (QuantizeV2, Dequantize, the FakeQuant
 * family, QuantizeAndDequantizeV4) that reproduce TensorFlow 2.18's CPU results bit for bit;
 * start with {@link quantlab.tfref.TfOps}. Explained in lesson 08.
 */
package quantlab.tfref;
