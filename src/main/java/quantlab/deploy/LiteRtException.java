package quantlab.deploy;

/**
 * LiteRT.js could not run a model: it rejected the file, failed while running, timed out, or
 * wrote unreadable results. The message is LiteRT.js's own where it gave one.
 */
public class LiteRtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public LiteRtException(String message) {
    super(message);
  }
}
