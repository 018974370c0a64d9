package quantlab.kernel;

/**
 * Static methods that snippet bytecode calls after {@link SnippetRewriter} rewrote it: the
 * replacements for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}, and the
 * capture of a cell's value. Public only because snippet classes live in another class loader.
 */
public final class KernelHooks {
  private static volatile Object captured;
  private static volatile boolean hasCaptured;

  private KernelHooks() {}

  /** Replaces {@code System.exit(status)} in cells: throws instead of ending the kernel. */
  public static void exit(int status) {
    throw new CellExitException(status);
  }

  /** Replaces {@code Runtime.getRuntime().exit(status)} in cells. */
  public static void runtimeExit(Runtime runtime, int status) {
    throw new CellExitException(status);
  }

  /** Replaces {@code Runtime.getRuntime().halt(status)} in cells. */
  public static void runtimeHalt(Runtime runtime, int status) {
    throw new CellExitException(status);
  }

  /** Called with the value every snippet's {@code do_it$} method returns. */
  public static void capture(Object value) {
    captured = value;
    hasCaptured = true;
  }

  static void resetCapture() {
    captured = null;
    hasCaptured = false;
  }

  static boolean hasCaptured() {
    return hasCaptured;
  }

  static Object captured() {
    return captured;
  }
}
