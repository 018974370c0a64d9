package quantlab.tflite;

/**
 * A {@code .tflite} file that is truncated, corrupted or otherwise not a valid TensorFlow Lite
 * model. The message says what was wrong and where ("subgraph 0, tensor 7: buffer index 99 is out
 * of range [0, 12)"), so a learner can tell a damaged file from an unsupported feature.
 *
 * <p>Reading never lets a low-level error (an index out of bounds, a buffer underflow, an
 * out-of-memory from a hostile length) escape: it is turned into this exception.
 */
public final class TfliteFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TfliteFormatException(String message) {
    super(message);
  }

  public TfliteFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
