package quantlab.kernel;

/**
 * Thrown in place of {@code System.exit(status)} when a cell calls it: the kernel reports the
 * call as an error and stays alive with its state. Restart the kernel to start afresh.
 */
public final class CellExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** An exit request with {@code status}. */
  public CellExitException(int status) {
    super("System.exit(" + status + ") was called in a cell; the kernel ignores it and keeps "
        + "its state (use Kernel > Restart to start afresh)");
    this.status = status;
  }

  /** The status the cell passed to {@code System.exit}. */
  public int status() {
    return status;
  }
}
