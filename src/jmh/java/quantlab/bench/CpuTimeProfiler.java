package quantlab.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation ({@code ·cpu.ms/op}), next to JMH's wall-clock
 * score. On a machine shared with other work, wall time counts the time this JVM waited for a
 * core; CPU time does not, so it is the steadier figure there (it still includes JIT and GC
 * threads, and memory bandwidth taken by others still slows it).
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private long cpuStart;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - cpuStart;
    long ops = result.getMetadata().getMeasuredOps();
    if (cpu < 0 || ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.ms/op", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
