package quantlab.tflite;

import java.io.IOException;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Summaries of a {@link TfliteModel} as Tablesaw tables and as text: its tensors (shape, type,
 * bytes, quantization with the quantized dimension, which Netron does not show), its operators,
 * where the bytes go, and a tensor-by-tensor comparison of two files.
 *
 * <pre>{@code
 * TfliteInspector in = TfliteInspector.read(Path.of("mlp_int8.tflite"));
 * in.tensors().print();
 * TfliteInspector.compare(floatModel, int8Model).print();  // bytes per tensor and the ratio
 * }</pre>
 *
 * <p>Used by {@code ./quantlab tflite inspect FILE}. See docs/tflite.md.
 */
public final class TfliteInspector {
  private final TfliteModel model;

  private TfliteInspector(TfliteModel model) {
    this.model = model;
  }

  public static TfliteInspector of(TfliteModel model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    return new TfliteInspector(model);
  }

  /** Reads {@code file} and inspects it. */
  public static TfliteInspector read(Path file) throws IOException {
    return new TfliteInspector(TfliteModel.read(file));
  }

  public TfliteModel model() {
    return model;
  }

  /**
   * One row per tensor of subgraph {@code s}: index, name, type, shape, elements, bytes (of
   * constant data; 0 for activations), buffer, scales (count), quantized_dim (-1 when not
   * per-channel), quantization (a short description).
   */
  public Table tensors(int s) {
    TfliteSubgraph g = model.subgraph(s);
    Table t = Table.create("tensors of subgraph " + s);
    IntColumn index = IntColumn.create("index");
    StringColumn name = StringColumn.create("name");
    StringColumn type = StringColumn.create("type");
    StringColumn shape = StringColumn.create("shape");
    LongColumn elements = LongColumn.create("elements");
    IntColumn bytes = IntColumn.create("bytes");
    IntColumn buffer = IntColumn.create("buffer");
    IntColumn scales = IntColumn.create("scales");
    IntColumn qdim = IntColumn.create("quantized_dim");
    StringColumn quant = StringColumn.create("quantization");
    for (TfliteTensor x : g.tensors()) {
      index.append(x.index());
      name.append(x.name());
      type.append(x.type().name());
      shape.append(Arrays.toString(x.shape()));
      elements.append(x.elementCount());
      bytes.append(x.bufferSize());
      buffer.append(x.bufferIndex());
      TfliteQuantization q = x.quantization().orElse(null);
      scales.append(q == null ? 0 : q.count());
      qdim.append(q != null && q.isPerChannel() ? q.quantizedDimension() : -1);
      quant.append(q == null ? "" : q.describe());
    }
    return t.addColumns(index, name, type, shape, elements, bytes, buffer, scales, qdim, quant);
  }

  /** {@link #tensors(int)} of the main subgraph. */
  public Table tensors() {
    return tensors(0);
  }

  /**
   * One row per operator of subgraph {@code s}, in execution order: index, op, version, inputs
   * and outputs (tensor indices), options.
   */
  public Table operators(int s) {
    TfliteSubgraph g = model.subgraph(s);
    Table t = Table.create("operators of subgraph " + s);
    IntColumn index = IntColumn.create("index");
    StringColumn op = StringColumn.create("op");
    IntColumn version = IntColumn.create("version");
    StringColumn inputs = StringColumn.create("inputs");
    StringColumn outputs = StringColumn.create("outputs");
    StringColumn options = StringColumn.create("options");
    for (TfliteOperator o : g.operators()) {
      index.append(o.index());
      op.append(o.opName());
      version.append(o.version());
      inputs.append(Arrays.toString(o.inputs()));
      outputs.append(Arrays.toString(o.outputs()));
      options.append(o.options().toString());
    }
    return t.addColumns(index, op, version, inputs, outputs, options);
  }

  /** {@link #operators(int)} of the main subgraph. */
  public Table operators() {
    return operators(0);
  }

  /**
   * Where the bytes go: one row per tensor with constant data in the main subgraph, largest
   * first, with its share of the file ({@code percent_of_file}).
   */
  public Table sizes() {
    Table t = Table.create("bytes per tensor");
    StringColumn name = StringColumn.create("name");
    StringColumn type = StringColumn.create("type");
    IntColumn bytes = IntColumn.create("bytes");
    DoubleColumn share = DoubleColumn.create("percent_of_file");
    List<TfliteTensor> withData = model.subgraphs().isEmpty() ? List.of()
        : model.subgraph().tensors().stream().filter(TfliteTensor::hasData)
            .sorted((a, b) -> Integer.compare(b.bufferSize(), a.bufferSize()))
            .collect(Collectors.toList());
    for (TfliteTensor x : withData) {
      name.append(x.name());
      type.append(x.type().name());
      bytes.append(x.bufferSize());
      share.append(round2(100.0 * x.bufferSize() / model.fileSize()));
    }
    return t.addColumns(name, type, bytes, share);
  }

  /**
   * The quantization of one tensor of the main subgraph, one row per channel (one row when per
   * tensor): {@code channel}, {@code scale}, {@code zero_point}, and for a tensor with integer
   * data (INT8, UINT8, INT16, INT32) the smallest and largest code of that channel
   * ({@code q_min}, {@code q_max}) and the real values they stand for,
   * {@code xHat = scale * (q - zeroPoint)} ({@code xhat_min}, {@code xhat_max}). Element
   * {@code i} of a tensor of shape {@code [d0, ..., dn]} quantized along dimension {@code k}
   * belongs to channel {@code (i / (d(k+1) * ... * dn)) % dk}. Explained in lesson 07.
   *
   * <p>Example: int8 FULLY_CONNECTED weights {@code [2, 3]} = {@code [[1, -2, 4], [0.5, 0, 0]]}
   * written per channel have rows {@code channel 0: scale 4/127, zero point 0, q in [-64, 127],
   * xHat in [-2.0157, 4]} and {@code channel 1: scale 0.5/127, q in [0, 127], xHat in [0, 0.5]}.
   *
   * @throws IllegalArgumentException when the tensor has no scales
   */
  public Table channels(String tensorName) {
    TfliteTensor x = model.subgraph().tensor(tensorName);
    TfliteQuantization q = x.quantization().filter(TfliteQuantization::hasScales)
        .orElseThrow(() -> new IllegalArgumentException("tensor '" + tensorName
            + "' has no quantization scales (type " + x.type() + ")"));
    long[] codes = integerCodes(x);
    int n = q.count();
    int[] shape = x.shape();
    long stride = 1;
    if (q.isPerChannel()) {
      for (int d = q.quantizedDimension() + 1; d < shape.length; d++) {
        stride *= shape[d];
      }
    }
    long[] lo = new long[n];
    long[] hi = new long[n];
    Arrays.fill(lo, Long.MAX_VALUE);
    Arrays.fill(hi, Long.MIN_VALUE);
    if (codes != null) {
      for (int i = 0; i < codes.length; i++) {
        int c = n == 1 ? 0 : (int) ((i / stride) % n);
        lo[c] = Math.min(lo[c], codes[i]);
        hi[c] = Math.max(hi[c], codes[i]);
      }
    }
    Table t = Table.create("quantization of '" + tensorName + "' " + x.type() + " "
        + Arrays.toString(shape) + (q.isPerChannel()
            ? ", per channel along dimension " + q.quantizedDimension() : ", per tensor"));
    IntColumn channel = IntColumn.create("channel");
    FloatColumn scale = FloatColumn.create("scale");
    LongColumn zero = LongColumn.create("zero_point");
    LongColumn qmin = LongColumn.create("q_min");
    LongColumn qmax = LongColumn.create("q_max");
    FloatColumn xmin = FloatColumn.create("xhat_min");
    FloatColumn xmax = FloatColumn.create("xhat_max");
    for (int c = 0; c < n; c++) {
      channel.append(c);
      scale.append(q.scale(c));
      zero.append(q.zeroPoint(c));
      if (codes != null && lo[c] <= hi[c]) {
        qmin.append(lo[c]);
        qmax.append(hi[c]);
        xmin.append(q.scale(c) * (float) (lo[c] - q.zeroPoint(c)));
        xmax.append(q.scale(c) * (float) (hi[c] - q.zeroPoint(c)));
      }
    }
    NumberColumnFormatter sixDigits = new NumberColumnFormatter(new SignificantDigits(6));
    scale.setPrintFormatter(sixDigits);
    xmin.setPrintFormatter(sixDigits);
    xmax.setPrintFormatter(sixDigits);
    t.addColumns(channel, scale, zero);
    if (codes != null) {
      t.addColumns(qmin, qmax, xmin, xmax);
    }
    return t;
  }

  /** Prints numbers with {@code digits} significant digits, trailing zeros dropped (%g). */
  static final class SignificantDigits extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final int digits;

    SignificantDigits(int digits) {
      this.digits = digits;
    }

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
        return to.append(v == 0 ? "0" : String.valueOf(v));
      }
      String s = String.format(Locale.ROOT, "%." + digits + "g", v);
      int e = s.indexOf('e');
      String mantissa = e < 0 ? s : s.substring(0, e);
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return to.append(mantissa).append(e < 0 ? "" : s.substring(e));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return to.append(v);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("format only");
    }
  }

  /** The tensor's data as integer codes, or null when it has none or is not an integer type. */
  private static long[] integerCodes(TfliteTensor x) {
    if (!x.hasData() || x.isSparse()) {
      return null;
    }
    long[] r;
    switch (x.type()) {
      case INT8 -> {
        byte[] v = x.int8s();
        r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          r[i] = v[i];
        }
      }
      case UINT8 -> r = Arrays.stream(x.uint8s()).asLongStream().toArray();
      case INT16 -> {
        short[] v = x.int16s();
        r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          r[i] = v[i];
        }
      }
      case INT32 -> r = Arrays.stream(x.int32s()).asLongStream().toArray();
      default -> r = null;
    }
    return r;
  }

  /**
   * Tensor-by-tensor comparison of two models' main subgraphs, matched by tensor name: type and
   * bytes in each, and {@code ratio = bytes_b / bytes_a}. Tensors with data in either file are
   * listed; the last row, {@code (file)}, compares the whole files.
   *
   * <p>Example: a float32 and an int8 MLP give ratio 0.25 for each weight matrix (4 bytes to 1)
   * and 1.0 for each bias (float32 to int32).
   */
  public static Table compare(TfliteModel a, TfliteModel b) {
    Table t = Table.create("comparison");
    StringColumn name = StringColumn.create("name");
    StringColumn typeA = StringColumn.create("type_a");
    IntColumn bytesA = IntColumn.create("bytes_a");
    StringColumn typeB = StringColumn.create("type_b");
    IntColumn bytesB = IntColumn.create("bytes_b");
    DoubleColumn ratio = DoubleColumn.create("ratio");
    Map<String, TfliteTensor> inB = new HashMap<>();
    for (TfliteTensor x : b.subgraph().tensors()) {
      inB.putIfAbsent(x.name(), x);
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (TfliteTensor x : a.subgraph().tensors()) {
      TfliteTensor y = inB.get(x.name());
      if (!x.hasData() && (y == null || !y.hasData())) {
        continue;
      }
      seen.add(x.name());
      name.append(x.name());
      typeA.append(x.type().name());
      bytesA.append(x.bufferSize());
      typeB.append(y == null ? "(absent)" : y.type().name());
      bytesB.append(y == null ? 0 : y.bufferSize());
      ratio.append(x.bufferSize() == 0 || y == null ? Double.NaN
          : round4((double) y.bufferSize() / x.bufferSize()));
    }
    for (TfliteTensor y : b.subgraph().tensors()) {
      if (y.hasData() && !seen.contains(y.name())) {
        seen.add(y.name());
        name.append(y.name());
        typeA.append("(absent)");
        bytesA.append(0);
        typeB.append(y.type().name());
        bytesB.append(y.bufferSize());
        ratio.append(Double.NaN);
      }
    }
    name.append("(file)");
    typeA.append("");
    bytesA.append(a.fileSize());
    typeB.append("");
    bytesB.append(b.fileSize());
    ratio.append(round4((double) b.fileSize() / a.fileSize()));
    return t.addColumns(name, typeA, bytesA, typeB, bytesB, ratio);
  }

  /** The whole summary as text: model facts, then the tensor, operator and size tables. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "TFLite model: %,d bytes, schema version %d%n",
        model.fileSize(), model.version()));
    if (!model.description().isEmpty()) {
      sb.append("description: ").append(model.description()).append('\n');
    }
    sb.append("min_runtime_version: ").append(model.minRuntimeVersion().orElse("(none)"))
        .append('\n');
    sb.append("metadata: ").append(model.metadata().keySet()).append('\n');
    sb.append(String.format(Locale.ROOT, "buffers: %d, %,d bytes of data%n",
        model.bufferCount(), model.totalBufferBytes()));
    sb.append("opcodes: ");
    sb.append(model.opcodes().stream()
        .map(c -> c + (c.usesDeprecatedCodeOnly() ? " (deprecated_builtin_code only)" : ""))
        .collect(Collectors.joining(", ")));
    sb.append('\n');
    for (TfliteSubgraph g : model.subgraphs()) {
      sb.append('\n').append(String.format(Locale.ROOT,
          "subgraph %d%s: %d tensors, %d operators, inputs %s, outputs %s%n", g.index(),
          g.name().isEmpty() ? "" : " '" + g.name() + "'", g.tensors().size(),
          g.operators().size(), describeRefs(g, g.inputs()), describeRefs(g, g.outputs())));
      sb.append(tensors(g.index()).printAll()).append("\n\n");
      sb.append(operators(g.index()).printAll()).append('\n');
    }
    if (!model.subgraphs().isEmpty()) {
      sb.append('\n').append(sizes().printAll()).append('\n');
    }
    return sb.toString();
  }

  private static String describeRefs(TfliteSubgraph g, int[] refs) {
    return Arrays.stream(refs).mapToObj(i -> {
      TfliteTensor t = g.tensor(i);
      return "#" + i + " " + t.type() + Arrays.toString(t.shape());
    }).collect(Collectors.joining(", ", "[", "]"));
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  @Override
  public String toString() {
    return "TfliteInspector{" + model + "}";
  }
}
