/** Quantization-aware training: fine-tunes a float model through fake-quantized weights and activations in TensorFlow Java's graph (explained in the QAT lesson, see docs/qat.md). */
package quantlab.qat;
