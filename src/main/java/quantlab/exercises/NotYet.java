package quantlab.exercises;

/**
 * A failed exercise check: the message names the first failing input, the expected and the actual
 * result, and a hint. No stack trace: the message is what a learner needs.
 */
public final class NotYet extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotYet(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
