package quantlab.interp;

/** Runs one operator: resolves shapes at run time (so any batch size works) and calls a kernel. */
final class Ops {
  private Ops() {}

  static void run(Graph g, Graph.Node n, Interpreter.Run r, Requantization mode) {
    Graph.TensorSpec in = g.tensor(n.inputs()[0]);
    Graph.TensorSpec out = g.tensor(n.outputs()[0]);
    Object x = r.values[in.index()];
    int[] xs = r.shapes[in.index()];
    if (x == null) {
      throw new IllegalStateException("operator " + n.index() + " (" + n.opName()
          + "): input " + in.describe() + " has no value yet (graph not in execution order?)");
    }
    Graph.Options o = n.options();
    boolean int8 = in.type() == DataType.INT8;
    Object y;
    int[] ys = ShapeInference.outputShape(g, n, r.shapes);
    switch (n.op()) {
      case FULLY_CONNECTED: {
        Graph.TensorSpec w = g.tensor(n.inputs()[1]);
        Graph.TensorSpec b = optional(g, n, 2);
        int units = w.shape()[0];
        int depth = w.shape()[1];
        int batches = Shapes.count(xs) / depth;
        if (isHybrid(in, w)) {
          y = HybridKernels.fullyConnected((float[]) x, batches, depth, (byte[]) w.data(),
              w.scales(), units, b == null ? null : (float[]) b.data(), o.activation(),
              hybridScheme(n, w, mode));
        } else if (int8) {
          Requantizer rq = new Requantizer(mode, in.scale(), w.scales(), out.scale(),
              out.zeroPoint(), o.activation());
          y = Int8Kernels.fullyConnected((byte[]) x, batches, depth, in.zeroPoint(),
              (byte[]) w.data(), units, w.zeroPoints(), b == null ? null : (int[]) b.data(), rq);
        } else {
          y = FloatKernels.fullyConnected((float[]) x, batches, depth, (float[]) w.data(), units,
              b == null ? null : (float[]) b.data(), o.activation());
        }
        break;
      }
      case CONV_2D:
      case DEPTHWISE_CONV_2D: {
        Graph.TensorSpec w = g.tensor(n.inputs()[1]);
        Graph.TensorSpec b = optional(g, n, 2);
        int[] ws = w.shape();
        ConvGeometry geo = new ConvGeometry(o.padding(), xs[1], xs[2], ws[1], ws[2],
            o.strideH(), o.strideW(), o.dilationH(), o.dilationW());
        boolean dw = n.op() == Graph.Op.DEPTHWISE_CONV_2D;
        int outC = dw ? ws[3] : ws[0];
        int dm = dw ? (o.depthMultiplier() > 0 ? o.depthMultiplier() : outC / xs[3]) : 1;
        if (isHybrid(in, w)) {
          float[] bias = b == null ? null : (float[]) b.data();
          HybridKernels.Scheme s = hybridScheme(n, w, mode);
          y = dw
              ? HybridKernels.depthwiseConv2d((float[]) x, xs, (byte[]) w.data(), ws, w.scales(),
                  bias, geo, dm, o.activation(), s)
              : HybridKernels.conv2d((float[]) x, xs, (byte[]) w.data(), ws, w.scales(), bias,
                  geo, o.activation(), s);
        } else if (int8) {
          Requantizer rq = new Requantizer(mode, in.scale(), w.scales(), out.scale(),
              out.zeroPoint(), o.activation());
          int[] bias = b == null ? null : (int[]) b.data();
          y = dw
              ? Int8Kernels.depthwiseConv2d((byte[]) x, xs, in.zeroPoint(), (byte[]) w.data(), ws,
                  w.zeroPoints(), bias, geo, dm, rq)
              : Int8Kernels.conv2d((byte[]) x, xs, in.zeroPoint(), (byte[]) w.data(), ws,
                  w.zeroPoints(), bias, geo, rq);
        } else {
          float[] bias = b == null ? null : (float[]) b.data();
          y = dw
              ? FloatKernels.depthwiseConv2d((float[]) x, xs, (float[]) w.data(), ws, bias, geo, dm,
                  o.activation())
              : FloatKernels.conv2d((float[]) x, xs, (float[]) w.data(), ws, bias, geo,
                  o.activation());
        }
        break;
      }
      case MAX_POOL_2D:
      case AVERAGE_POOL_2D: {
        ConvGeometry geo = new ConvGeometry(o.padding(), xs[1], xs[2], o.filterH(), o.filterW(),
            o.strideH(), o.strideW(), 1, 1);
        boolean max = n.op() == Graph.Op.MAX_POOL_2D;
        if (int8) {
          int[] range = mode == Requantization.REFERENCE
              ? Requant.activationRangeReference(o.activation(), out.scale(), out.zeroPoint(),
                  -128, 127)
              : Requant.activationRangeXnnpack(o.activation(), out.scale(), out.zeroPoint(), -128,
                  127);
          y = Int8Kernels.pool((byte[]) x, xs, geo, o.filterH(), o.filterW(), max, range[0],
              range[1]);
        } else {
          y = FloatKernels.pool((float[]) x, xs, geo, o.filterH(), o.filterW(), max,
              o.activation());
        }
        break;
      }
      case RESHAPE:
        y = x;
        break;
      case SOFTMAX: {
        int depth = xs[xs.length - 1];
        if (int8) {
          y = mode == Requantization.REFERENCE
              ? SoftmaxInt8.reference((byte[]) x, depth, in.scale(), o.beta())
              : SoftmaxInt8.lookupTable((byte[]) x, depth, in.scale(), o.beta(), out.scale(),
                  out.zeroPoint());
        } else {
          y = FloatKernels.softmax((float[]) x, depth, o.beta());
        }
        break;
      }
      case QUANTIZE:
        y = Int8Kernels.quantize((float[]) x, out.scale(), out.zeroPoint(), mode);
        break;
      case DEQUANTIZE:
        y = Int8Kernels.dequantize((byte[]) x, in.scale(), in.zeroPoint(), mode);
        break;
      case ADD: {
        Graph.TensorSpec in2 = g.tensor(n.inputs()[1]);
        Object x2 = r.values[in2.index()];
        int[] xs2 = r.shapes[in2.index()];
        if (int8) {
          y = Int8Kernels.add((byte[]) x, xs, in.scale(), in.zeroPoint(), (byte[]) x2, xs2,
              in2.scale(), in2.zeroPoint(), ys, out.scale(), out.zeroPoint(), o.activation(),
              mode);
        } else {
          y = FloatKernels.add((float[]) x, xs, (float[]) x2, xs2, ys, o.activation());
        }
        break;
      }
      default:
        throw new AssertionError(n.op());
    }
    r.values[out.index()] = y;
    r.shapes[out.index()] = ys;
  }

  /** A hybrid (dynamic-range) operator: float32 input, int8 weights. */
  static boolean isHybrid(Graph.TensorSpec in, Graph.TensorSpec w) {
    return in.type() == DataType.FLOAT32 && w.type() == DataType.INT8;
  }

  /**
   * The arithmetic of a hybrid operator in each mode. REFERENCE follows TFLite's built-in
   * kernels: FULLY_CONNECTED quantizes its input asymmetrically when the operator's
   * {@code asymmetric_quantize_inputs} is set, else symmetrically ({@code fully_connected.cc}
   * EvalHybrid); CONV_2D uses EvalHybridPerChannel (asymmetric input,
   * {@code reference_ops::HybridConvPerChannel}) when its weights have distinct per-channel
   * scales, else EvalHybrid (symmetric input); DEPTHWISE_CONV_2D is always per channel with an
   * asymmetric input ({@code reference_integer_ops::DepthwiseConvHybridPerChannel}). XNNPACK
   * follows what LiteRT.js computes (measured, docs/interpreter.md).
   */
  static HybridKernels.Scheme hybridScheme(Graph.Node n, Graph.TensorSpec w, Requantization mode) {
    boolean perChannel = HybridKernels.distinctScales(w.scales());
    if (mode == Requantization.REFERENCE) {
      return switch (n.op()) {
        case FULLY_CONNECTED -> new HybridKernels.Scheme(n.options().asymmetricQuantizeInputs()
            ? HybridKernels.InputQuantization.TFLITE_ASYMMETRIC
            : HybridKernels.InputQuantization.TFLITE_SYMMETRIC,
            HybridKernels.Product.SCALES_FIRST);
        case CONV_2D -> perChannel
            ? new HybridKernels.Scheme(HybridKernels.InputQuantization.TFLITE_ASYMMETRIC,
                HybridKernels.Product.WEIGHT_THEN_INPUT)
            : new HybridKernels.Scheme(HybridKernels.InputQuantization.TFLITE_SYMMETRIC,
                HybridKernels.Product.SCALES_FIRST);
        case DEPTHWISE_CONV_2D -> new HybridKernels.Scheme(
            HybridKernels.InputQuantization.TFLITE_ASYMMETRIC, HybridKernels.Product.SCALES_FIRST);
        default -> throw new AssertionError(n.op());
      };
    }
    // Measured against LiteRT.js 2.5.3 (HybridRuntimeIT, bit for bit): XNNPACK takes hybrid
    // FULLY_CONNECTED and CONV_2D with its own dynamic quantization (qd8, whatever the
    // asymmetric_quantize_inputs option says); DEPTHWISE_CONV_2D stays with TFLite's optimized
    // kernel (AsymmetricQuantizeFloats, DepthwiseConvHybridGeneral).
    return switch (n.op()) {
      case FULLY_CONNECTED, CONV_2D -> new HybridKernels.Scheme(
          HybridKernels.InputQuantization.XNNPACK_QD8, HybridKernels.Product.INPUT_THEN_WEIGHT);
      case DEPTHWISE_CONV_2D -> new HybridKernels.Scheme(
          HybridKernels.InputQuantization.TFLITE_ASYMMETRIC,
          HybridKernels.Product.INPUT_THEN_WEIGHT);
      default -> throw new AssertionError(n.op());
    };
  }

  static Graph.TensorSpec optional(Graph g, Graph.Node n, int i) {
    return n.inputs().length > i && n.inputs()[i] >= 0 ? g.tensor(n.inputs()[i]) : null;
  }
}
