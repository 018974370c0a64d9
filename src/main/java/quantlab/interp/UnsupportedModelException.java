package quantlab.interp;

/**
 * A model uses an operator, type or option the interpreter does not run. The message names the
 * operator index, the operator and what is wrong, e.g.
 * {@code "operator 3 (SQUEEZE, version 1): operator not supported; the interpreter runs ADD,
 * AVERAGE_POOL_2D, ..."}.
 */
public class UnsupportedModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int operatorIndex;

  UnsupportedModelException(int operatorIndex, String message) {
    super(message);
    this.operatorIndex = operatorIndex;
  }

  /** The index of the offending operator in the subgraph, or -1 if the model as a whole. */
  public int operatorIndex() {
    return operatorIndex;
  }
}
