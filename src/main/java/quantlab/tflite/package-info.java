/**
 * TensorFlow Lite files: read any {@code .tflite} model into immutable views, inspect it as
 * tables, and write small models in float32, dynamic-range, float16 and full-integer int8 form.
 * Explained in docs/tflite.md and the deployment lesson.
 */
package quantlab.tflite;
