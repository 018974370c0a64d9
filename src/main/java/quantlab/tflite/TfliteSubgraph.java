package quantlab.tflite;

import java.util.Arrays;
import java.util.List;

/**
 * A subgraph: its tensors, its operators in execution order, and the tensor indices of its
 * inputs and outputs. Most models have one subgraph; control flow adds more.
 */
public final class TfliteSubgraph {
  private final int index;
  private final String name;
  private final List<TfliteTensor> tensors;
  private final List<TfliteOperator> operators;
  private final int[] inputs;
  private final int[] outputs;

  TfliteSubgraph(int index, String name, List<TfliteTensor> tensors,
      List<TfliteOperator> operators, int[] inputs, int[] outputs) {
    this.index = index;
    this.name = name;
    this.tensors = List.copyOf(tensors);
    this.operators = List.copyOf(operators);
    this.inputs = inputs;
    this.outputs = outputs;
  }

  public int index() {
    return index;
  }

  /** The subgraph's name (often empty or {@code "main"}). */
  public String name() {
    return name;
  }

  public List<TfliteTensor> tensors() {
    return tensors;
  }

  public TfliteTensor tensor(int i) {
    return tensors.get(i);
  }

  /** The tensor named {@code name}. */
  public TfliteTensor tensor(String name) {
    for (TfliteTensor t : tensors) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no tensor named '" + name + "' in subgraph " + index);
  }

  public List<TfliteOperator> operators() {
    return operators;
  }

  public TfliteOperator operator(int i) {
    return operators.get(i);
  }

  /** Tensor indices of the subgraph's inputs. */
  public int[] inputs() {
    return inputs.clone();
  }

  /** Tensor indices of the subgraph's outputs. */
  public int[] outputs() {
    return outputs.clone();
  }

  /** The first input tensor. */
  public TfliteTensor inputTensor() {
    return tensors.get(inputs[0]);
  }

  /** The first output tensor. */
  public TfliteTensor outputTensor() {
    return tensors.get(outputs[0]);
  }

  @Override
  public String toString() {
    return "TfliteSubgraph{#" + index + (name.isEmpty() ? "" : " '" + name + "'") + ", "
        + tensors.size() + " tensors, " + operators.size() + " operators, inputs "
        + Arrays.toString(inputs) + ", outputs " + Arrays.toString(outputs) + "}";
  }
}
