package quantlab.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Wraps an int8-input/int8-output model as float -> QUANTIZE -> model -> DEQUANTIZE -> float,
 * so that LiteRT.js (which passes only float32, int32 and uint8 tensors) can run it. Feeding
 * values on the input grid {@code (q - zeroPoint) * scale} makes QUANTIZE give back exactly q.
 */
final class FloatEdges {
  private FloatEdges() {}

  static byte[] wrap(byte[] model) {
    ModelT m = ModelT.deserializeFromBinary(model);
    SubGraphT sg = m.getSubgraphs()[0];
    List<TensorT> tensors = new ArrayList<>(Arrays.asList(sg.getTensors()));
    int in = sg.getInputs()[0];
    int out = sg.getOutputs()[0];
    int fin = tensors.size();
    tensors.add(floatTensor("input_float", tensors.get(in).getShape()));
    int fout = tensors.size();
    tensors.add(floatTensor("output_float", tensors.get(out).getShape()));
    List<OperatorCodeT> codes = new ArrayList<>(Arrays.asList(m.getOperatorCodes()));
    int q = opcode(codes, BuiltinOperator.QUANTIZE, 1);
    int dq = opcode(codes, BuiltinOperator.DEQUANTIZE, 2);
    List<OperatorT> ops = new ArrayList<>();
    ops.add(op(q, fin, in));
    ops.addAll(Arrays.asList(sg.getOperators()));
    ops.add(op(dq, out, fout));
    sg.setTensors(tensors.toArray(new TensorT[0]));
    sg.setOperators(ops.toArray(new OperatorT[0]));
    sg.setInputs(new int[] {fin});
    sg.setOutputs(new int[] {fout});
    m.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
    // The object API turns an absent data vector into an empty one; LiteRT then takes the
    // tensor for a constant of 0 bytes ("Tensor 2 is invalidly specified in schema").
    for (BufferT b : m.getBuffers()) {
      if (b.getData() != null && b.getData().length == 0) {
        b.setData(null);
      }
    }
    return m.serializeToBinary();
  }

  private static TensorT floatTensor(String name, int[] shape) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setType(TensorType.FLOAT32);
    t.setShape(shape.clone());
    t.setBuffer(0);
    return t;
  }

  private static int opcode(List<OperatorCodeT> codes, int builtin, int version) {
    for (int i = 0; i < codes.size(); i++) {
      OperatorCodeT c = codes.get(i);
      if (Math.max(c.getBuiltinCode(), c.getDeprecatedBuiltinCode()) == builtin) {
        return i;
      }
    }
    OperatorCodeT c = new OperatorCodeT();
    c.setBuiltinCode(builtin);
    c.setDeprecatedBuiltinCode((byte) builtin);
    c.setVersion(version);
    codes.add(c);
    return codes.size() - 1;
  }

  private static OperatorT op(int opcode, int in, int out) {
    OperatorT o = new OperatorT();
    o.setOpcodeIndex(opcode);
    o.setInputs(new int[] {in});
    o.setOutputs(new int[] {out});
    return o;
  }
}
