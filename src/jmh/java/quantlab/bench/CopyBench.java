package quantlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor: a plain {@code System.arraycopy} of the same 16 M floats into another float[]
 * (64 MB read, 64 MB written), and of 16 M bytes into another byte[] (16 MB each way).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CopyBench {
  private float[] x;
  private float[] xCopy;
  private byte[] q;
  private byte[] qCopy;

  @Setup(Level.Trial)
  public void setUp() {
    x = BenchData.gaussian();
    xCopy = new float[BenchData.N];
    q = new byte[BenchData.N];
    for (int i = 0; i < q.length; i++) {
      q[i] = (byte) Math.round(x[i] * 32);
    }
    qCopy = new byte[BenchData.N];
  }

  @Benchmark
  public float[] copyFloats() {
    System.arraycopy(x, 0, xCopy, 0, x.length);
    return xCopy;
  }

  @Benchmark
  public byte[] copyBytes() {
    System.arraycopy(q, 0, qCopy, 0, q.length);
    return qCopy;
  }
}
