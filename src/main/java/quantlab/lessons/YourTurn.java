package quantlab.lessons;

/**
 * Thrown by the stub that stands in for an exercise solution in a learner's notebook: the cell
 * stops with a friendly message and a hint instead of a wrong answer.
 */
public final class YourTurn extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public YourTurn(String hint) {
    super("Your turn! This exercise is waiting for your code. Hint: " + hint);
  }

  /** No stack trace: the message is all a learner needs. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
