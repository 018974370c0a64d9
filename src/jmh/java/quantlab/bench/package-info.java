/**
 * JMH benchmarks that time quantlab's int8 quantize and dequantize of 16 M floats against
 * TensorFlow's {@code QuantizeV2} / {@code Dequantize} and a plain array copy; run them with
 * {@code ./mvnw -B -Pbench -DskipTests package exec:exec} (see docs/benchmarks.md).
 */
package quantlab.bench;
