package quantlab.interp;

import java.util.ArrayList;
import java.util.List;

/** Collects the terms of one output element for a {@link NeuronTrace}. */
final class Tracer {
  private Tracer() {}

  static NeuronTrace trace(Graph g, Graph.Node n, Object[] values, int[][] shapes,
      int outputIndex, Requantization mode) {
    Graph.Op op = n.op();
    if (op != Graph.Op.FULLY_CONNECTED && op != Graph.Op.CONV_2D
        && op != Graph.Op.DEPTHWISE_CONV_2D) {
      throw new IllegalArgumentException("operator " + n.index() + " is " + n.opName()
          + "; trace steps through FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D");
    }
    Graph.TensorSpec in = g.tensor(n.inputs()[0]);
    Graph.TensorSpec w = g.tensor(n.inputs()[1]);
    Graph.TensorSpec b = Ops.optional(g, n, 2);
    Graph.TensorSpec out = g.tensor(n.outputs()[0]);
    if (in.type() != DataType.INT8) {
      throw new IllegalArgumentException("operator " + n.index() + " (" + n.opName()
          + ") computes in " + in.type() + "; trace shows int8 arithmetic");
    }
    byte[] x = (byte[]) values[in.index()];
    int[] xs = shapes[in.index()];
    byte[] wd = (byte[]) w.data();
    int[] ws = w.shape();
    Graph.Options o = n.options();
    List<int[]> terms = new ArrayList<>(); // {x, w}
    List<String> labels = new ArrayList<>();
    int channel;
    int[] coords;
    int total;
    if (op == Graph.Op.FULLY_CONNECTED) {
      int units = ws[0];
      int depth = ws[1];
      int batches = Shapes.count(xs) / depth;
      total = batches * units;
      checkIndex(n, outputIndex, total);
      int bi = outputIndex / units;
      channel = outputIndex % units;
      coords = new int[] {bi, channel};
      for (int d = 0; d < depth; d++) {
        terms.add(new int[] {x[bi * depth + d], wd[channel * depth + d]});
        labels.add("k=" + d);
      }
    } else {
      boolean dw = op == Graph.Op.DEPTHWISE_CONV_2D;
      ConvGeometry geo = new ConvGeometry(o.padding(), xs[1], xs[2], ws[1], ws[2], o.strideH(),
          o.strideW(), o.dilationH(), o.dilationW());
      int outC = dw ? ws[3] : ws[0];
      total = xs[0] * geo.outH * geo.outW * outC;
      checkIndex(n, outputIndex, total);
      channel = outputIndex % outC;
      int ox = (outputIndex / outC) % geo.outW;
      int oy = (outputIndex / outC / geo.outW) % geo.outH;
      int bi = outputIndex / outC / geo.outW / geo.outH;
      coords = new int[] {bi, oy, ox, channel};
      int inH = xs[1];
      int inW = xs[2];
      int inC = xs[3];
      int dm = dw ? outC / inC : 1;
      for (int ky = 0; ky < ws[1]; ky++) {
        int iy = oy * geo.strideH - geo.padH + geo.dilationH * ky;
        for (int kx = 0; kx < ws[2]; kx++) {
          int ix = ox * geo.strideW - geo.padW + geo.dilationW * kx;
          if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
            continue;
          }
          if (dw) {
            int ic = channel / dm;
            terms.add(new int[] {x[((bi * inH + iy) * inW + ix) * inC + ic],
                wd[(ky * ws[2] + kx) * outC + channel]});
            labels.add("y" + iy + " x" + ix + " c" + ic);
          } else {
            for (int ic = 0; ic < inC; ic++) {
              terms.add(new int[] {x[((bi * inH + iy) * inW + ix) * inC + ic],
                  wd[((channel * ws[1] + ky) * ws[2] + kx) * inC + ic]});
              labels.add("y" + iy + " x" + ix + " c" + ic);
            }
          }
        }
      }
    }
    int[] xv = new int[terms.size()];
    int[] wv = new int[terms.size()];
    for (int k = 0; k < xv.length; k++) {
      xv[k] = terms.get(k)[0];
      wv[k] = terms.get(k)[1];
    }
    int bias = b == null ? 0 : ((int[]) b.data())[channel];
    Requantizer ref = new Requantizer(Requantization.REFERENCE, in.scale(), w.scales(),
        out.scale(), out.zeroPoint(), o.activation());
    Requantizer xnn = new Requantizer(Requantization.XNNPACK, in.scale(), w.scales(),
        out.scale(), out.zeroPoint(), o.activation());
    return new NeuronTrace(n.opName(), n.index(), outputIndex, coords,
        labels.toArray(new String[0]), xv, wv, in.zeroPoint(),
        Int8Kernels.zp(w.zeroPoints(), channel), bias, ref, xnn, channel, out.scale(), mode);
  }

  private static void checkIndex(Graph.Node n, int index, int total) {
    if (index < 0 || index >= total) {
      throw new IllegalArgumentException("outputIndex must be in [0, " + total + ") for operator "
          + n.index() + " (" + n.opName() + "), got " + index);
    }
  }
}
