package quantlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import quantlab.quant.IntFormat;
import quantlab.quant.NanPolicy;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.QuantParams;
import quantlab.quant.Quantizer;
import quantlab.quant.Rounding;
import quantlab.quant.Shape;

/**
 * quantlab's per-tensor int8 quantize ({@code float[] -> byte[]}) and dequantize
 * ({@code byte[] -> float[]}) of 16 M floats, single thread, into preallocated arrays; plus
 * {@link Quantizer#quantize(float[], Shape, QuantParams)}, the learner's entry point, which
 * allocates its {@code int[]} codes on every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QuantlabBench {
  /** The rounding of the quantize benchmarks (dequantize has none, so it runs once). */
  @State(Scope.Benchmark)
  public static class Round {
    /** TensorFlow's SCALED mode rounds half to even; quantlab's default is half away from zero. */
    @Param({"HALF_TO_EVEN", "HALF_AWAY_FROM_ZERO"})
    public Rounding rounding;

    private Quantizer quantizer;

    @Setup(Level.Trial)
    public void setUp() {
      quantizer = Quantizer.builder().bits(8).symmetric().rounding(rounding).build();
    }
  }

  private float[] x;
  private byte[] q;
  private float[] xHat;
  private QuantParams params;
  private Shape shape;

  @Setup(Level.Trial)
  public void setUp() {
    x = BenchData.gaussian();
    q = new byte[BenchData.N];
    xHat = new float[BenchData.N];
    QuantKernels.quantize(
        x, 0, x.length, BenchData.SCALE, BenchData.ZERO_POINT, BenchData.QMIN, BenchData.QMAX,
        Rounding.HALF_TO_EVEN, null, NanPolicy.REJECT, q);
    shape = Shape.vector(BenchData.N);
    params = QuantParams.of(IntFormat.int8(), BenchData.SCALE, BenchData.ZERO_POINT);
  }

  /** {@code q = clamp(round(x / scale) + zeroPoint, -128, 127)} into a byte[]; returns clipped. */
  @Benchmark
  public long quantize(Round r) {
    return QuantKernels.quantize(
        x, 0, x.length, BenchData.SCALE, BenchData.ZERO_POINT, BenchData.QMIN, BenchData.QMAX,
        r.rounding, null, NanPolicy.REJECT, q);
  }

  /** {@code xHat = scale * (q - zeroPoint)} from a byte[] into a float[]. */
  @Benchmark
  public float[] dequantize() {
    QuantKernels.dequantize(q, 0, q.length, BenchData.SCALE, BenchData.ZERO_POINT, false, xHat);
    return xHat;
  }

  /** The learner's call: allocates a 64 MB int[] of codes and a QuantizedTensor each time. */
  @Benchmark
  public Object quantizerQuantize(Round r) {
    return r.quantizer.quantize(x, shape, params);
  }
}
