/**
 * A pure-Java interpreter for float32, int8 and dynamic-range (hybrid) TensorFlow Lite models,
 * with the two integer
 * requantization schemes of real runtimes (TFLite reference fixed point and XNNPACK float32) and a
 * step-through of one output neuron's integer arithmetic.
 *
 * <p>Start with {@link quantlab.interp.Interpreter}; {@link quantlab.interp.Requant} holds the
 * arithmetic. Explained in docs/interpreter.md.
 */
package quantlab.interp;
