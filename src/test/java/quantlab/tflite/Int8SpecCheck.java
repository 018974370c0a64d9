package quantlab.tflite;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a model against the TFLite int8 quantization specification, written from the spec
 * (quantization_spec.md and the kernels' prepare-time checks), independently of the writer.
 * Returns the violations found, empty when the model conforms.
 */
final class Int8SpecCheck {
  private Int8SpecCheck() {}

  static List<String> violations(TfliteModel m) {
    List<String> v = new ArrayList<>();
    TfliteSubgraph g = m.subgraph();
    for (TfliteOperator op : g.operators()) {
      String at = "op " + op.index() + " " + op.opName();
      switch (op.opName()) {
        case "FULLY_CONNECTED", "CONV_2D", "DEPTHWISE_CONV_2D" -> {
          TfliteTensor in = g.tensor(op.input(0));
          TfliteTensor w = g.tensor(op.input(1));
          TfliteTensor out = g.tensor(op.output(0));
          int channelAxis = op.opName().equals("DEPTHWISE_CONV_2D") ? 3 : 0;
          activation(v, at + " input", in);
          activation(v, at + " output", out);
          if (w.type() != TensorType.INT8) {
            v.add(at + ": weights are " + w.type());
            continue;
          }
          TfliteQuantization wq = w.quantization().orElse(null);
          if (wq == null || !wq.hasScales()) {
            v.add(at + ": weights have no scales");
            continue;
          }
          for (long z : wq.zeroPoints()) {
            if (z != 0) {
              v.add(at + ": weight zero point " + z + " != 0");
            }
          }
          if (wq.isPerChannel() && wq.quantizedDimension() != channelAxis) {
            v.add(at + ": weights quantized along " + wq.quantizedDimension() + ", expected "
                + channelAxis);
          }
          if (wq.isPerChannel() && !op.opName().equals("FULLY_CONNECTED")
              && wq.count() != w.shape()[channelAxis]) {
            v.add(at + ": " + wq.count() + " weight scales for " + w.shape()[channelAxis]
                + " channels");
          }
          for (byte b : w.int8s()) {
            if (b == -128) {
              v.add(at + ": weight code -128 outside [-127, 127]");
              break;
            }
          }
          if (op.inputCount() > 2 && op.input(2) >= 0) {
            TfliteTensor b = g.tensor(op.input(2));
            if (b.type() != TensorType.INT32) {
              v.add(at + ": bias is " + b.type());
              continue;
            }
            TfliteQuantization bq = b.quantization().orElseThrow();
            float sIn = in.quantization().orElseThrow().scale();
            for (int c = 0; c < bq.count(); c++) {
              if (bq.zeroPoint(c) != 0) {
                v.add(at + ": bias zero point " + bq.zeroPoint(c));
              }
              double expected = (double) (sIn * wq.scale(wq.count() == 1 ? 0 : c));
              double got = bq.scale(c);
              // The runtime's check (kernel_util.cc): |product - bias_scale| <= 1e-6 * min.
              if (Math.abs(expected - got) > 1e-6 * Math.min(expected, got)) {
                v.add(at + ": bias scale " + got + " != input_scale * weight_scale = "
                    + expected + " (channel " + c + ")");
              }
            }
          }
        }
        case "SOFTMAX" -> {
          TfliteQuantization q = g.tensor(op.output(0)).quantization().orElseThrow();
          if (q.scale() != 1f / 256 || q.zeroPoint() != -128) {
            v.add(at + ": output scale " + q.scale() + " zero point " + q.zeroPoint()
                + ", expected 1/256 and -128");
          }
        }
        case "MAX_POOL_2D", "AVERAGE_POOL_2D", "RESHAPE" -> {
          TfliteQuantization a = g.tensor(op.input(0)).quantization().orElseThrow();
          TfliteQuantization b = g.tensor(op.output(0)).quantization().orElseThrow();
          if (a.scale() != b.scale() || a.zeroPoint() != b.zeroPoint()) {
            v.add(at + ": input and output parameters differ: " + a + " vs " + b);
          }
        }
        case "ADD" -> {
          activation(v, at + " input 0", g.tensor(op.input(0)));
          activation(v, at + " input 1", g.tensor(op.input(1)));
          activation(v, at + " output", g.tensor(op.output(0)));
        }
        default -> { }
      }
    }
    return v;
  }

  private static void activation(List<String> v, String at, TfliteTensor t) {
    if (t.type() != TensorType.INT8) {
      v.add(at + ": " + t.type() + ", expected INT8");
      return;
    }
    TfliteQuantization q = t.quantization().orElse(null);
    if (q == null || q.count() != 1) {
      v.add(at + ": activations need one scale per tensor, got " + q);
      return;
    }
    if (q.zeroPoint() < -128 || q.zeroPoint() > 127) {
      v.add(at + ": zero point " + q.zeroPoint() + " outside [-128, 127]");
    }
  }
}
