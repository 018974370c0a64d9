package quantlab.tflite;

import java.util.Arrays;

/**
 * One operator of a subgraph: its resolved builtin opcode ({@code max(builtin_code,
 * deprecated_builtin_code)}), its version, its input and output tensor indices (-1 marks an
 * omitted optional input) and its options.
 *
 * <p>Example: operator 1 of micro_speech is {@code DEPTHWISE_CONV_2D v3, inputs [4, 8, 0],
 * outputs [2]} (input, filter, bias).
 */
public final class TfliteOperator {
  private final int index;
  private final int opcodeIndex;
  private final int builtinCode;
  private final String opName;
  private final String customCode;
  private final int version;
  private final int[] inputs;
  private final int[] outputs;
  private final OpOptions options;

  TfliteOperator(int index, int opcodeIndex, int builtinCode, String opName, String customCode,
      int version, int[] inputs, int[] outputs, OpOptions options) {
    this.index = index;
    this.opcodeIndex = opcodeIndex;
    this.builtinCode = builtinCode;
    this.opName = opName;
    this.customCode = customCode;
    this.version = version;
    this.inputs = inputs;
    this.outputs = outputs;
    this.options = options;
  }

  /** Position in the subgraph's execution order. */
  public int index() {
    return index;
  }

  /** Index into the model's operator code list. */
  public int opcodeIndex() {
    return opcodeIndex;
  }

  /** The resolved {@code BuiltinOperator} code, for example 9 for FULLY_CONNECTED. */
  public int builtinCode() {
    return builtinCode;
  }

  /** The builtin operator's name ({@code "FULLY_CONNECTED"}), or the custom code for CUSTOM. */
  public String opName() {
    return opName;
  }

  /** The custom operator's name, or empty. */
  public String customCode() {
    return customCode;
  }

  /** The operator version (what the kernel must support). */
  public int version() {
    return version;
  }

  /** Input tensor indices; -1 for an omitted optional input. */
  public int[] inputs() {
    return inputs.clone();
  }

  public int input(int i) {
    return inputs[i];
  }

  public int inputCount() {
    return inputs.length;
  }

  /** Output tensor indices. */
  public int[] outputs() {
    return outputs.clone();
  }

  public int output(int i) {
    return outputs[i];
  }

  public int outputCount() {
    return outputs.length;
  }

  public OpOptions options() {
    return options;
  }

  @Override
  public String toString() {
    String o = options.toString();
    return "TfliteOperator{#" + index + " " + opName + " v" + version + ", inputs "
        + Arrays.toString(inputs) + ", outputs " + Arrays.toString(outputs)
        + (o.isEmpty() ? "" : ", " + o) + "}";
  }
}
