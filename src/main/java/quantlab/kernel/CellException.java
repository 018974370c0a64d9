package quantlab.kernel;

import java.util.List;

/**
 * A cell that failed: a compile error, an exception thrown by the cell, an interrupt or a call to
 * {@code System.exit}. {@link #lines()} is what the notebook shows as the traceback.
 */
public class CellException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> lines;

  CellException(String message, List<String> lines) {
    super(message);
    this.lines = List.copyOf(lines);
  }

  /** The traceback lines shown to the user (no line contains a newline). */
  public List<String> lines() {
    return lines;
  }

  /** The cell did not compile. */
  public static final class CompileException extends CellException {
    private static final long serialVersionUID = 1L;

    CompileException(String message, List<String> lines) {
      super(message, lines);
    }
  }

  /** The cell threw an exception (the original class name starts {@link #getMessage()}). */
  public static final class EvaluationException extends CellException {
    private static final long serialVersionUID = 1L;
    private final String exceptionClass;

    EvaluationException(String exceptionClass, String message, List<String> lines) {
      super(message, lines);
      this.exceptionClass = exceptionClass;
    }

    /** The fully qualified class name of what the cell threw. */
    public String exceptionClass() {
      return exceptionClass;
    }
  }

  /** The cell was interrupted (Kernel > Interrupt). */
  public static final class InterruptedCellException extends CellException {
    private static final long serialVersionUID = 1L;

    InterruptedCellException(String message, List<String> lines) {
      super(message, lines);
    }
  }

  /** The cell called {@code System.exit}; the kernel stayed alive. */
  public static final class ExitCalledException extends CellException {
    private static final long serialVersionUID = 1L;

    ExitCalledException(String message, List<String> lines) {
      super(message, lines);
    }
  }
}
