package quantlab.deploy;

/**
 * LiteRT.js cannot run on this machine: {@code node} is not on {@code PATH} or the npm package
 * {@code @litertjs/core} is not installed. The message says which and how to fix it; check
 * {@link LiteRt#availability()} first to avoid it.
 */
public class LiteRtUnavailableException extends LiteRtException {
  private static final long serialVersionUID = 1L;

  /** An exception with the reason, e.g. {@code "node not found on PATH"}. */
  public LiteRtUnavailableException(String reason) {
    super(reason);
  }
}
