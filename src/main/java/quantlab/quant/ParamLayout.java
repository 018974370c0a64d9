package quantlab.quant;

/**
 * How the elements of a row-major tensor map to (scale, zeroPoint) pairs under a
 * {@link Granularity}: which pair element {@code i} uses, and contiguous runs of elements that share
 * one pair (so loops can hoist the parameters).
 *
 * <p>Example: shape {@code [2, 3]} per channel along axis 1 maps elements 0..5 to pairs
 * {@code 0 1 2 0 1 2}; per group of 3 along axis 1 maps them to {@code 0 0 0 1 1 1}.
 */
public final class ParamLayout {
  /** Receives one run {@code [from, to)} of elements that all use parameter pair {@code param}. */
  @FunctionalInterface
  public interface RunConsumer {
    void accept(int from, int to, int param);
  }

  private final Shape shape;
  private final Granularity granularity;
  private final int dim;
  private final int inner;
  private final int groupSize;
  private final int paramCount;

  private ParamLayout(Shape shape, Granularity granularity) {
    granularity.validate(shape);
    this.shape = shape;
    this.granularity = granularity;
    if (granularity instanceof Granularity.PerChannel c) {
      dim = shape.dim(c.axis());
      inner = shape.stride(c.axis());
      groupSize = 1;
    } else if (granularity instanceof Granularity.PerGroup g) {
      dim = shape.dim(g.axis());
      inner = shape.stride(g.axis());
      groupSize = g.groupSize();
    } else {
      dim = 1;
      inner = shape.size();
      groupSize = 1;
    }
    this.paramCount = granularity.paramCount(shape);
  }

  /** The layout of {@code shape} under {@code granularity}; checks that they fit. */
  public static ParamLayout of(Shape shape, Granularity granularity) {
    return new ParamLayout(Check.notNull("shape", shape), Check.notNull("granularity", granularity));
  }

  public Shape shape() {
    return shape;
  }

  public Granularity granularity() {
    return granularity;
  }

  /** How many parameter pairs this layout needs. */
  public int paramCount() {
    return paramCount;
  }

  /** The parameter pair of flat element {@code i}. */
  public int paramIndex(int i) {
    if (granularity instanceof Granularity.PerTensor) {
      return 0;
    }
    int c = (i / inner) % dim;
    if (granularity instanceof Granularity.PerChannel) {
      return c;
    }
    int outer = i / (dim * inner);
    return (outer * (dim / groupSize) + c / groupSize) * inner + (i % inner);
  }

  /** Calls {@code consumer} for every maximal run of elements that share a parameter pair. */
  public void forEachRun(RunConsumer consumer) {
    int n = shape.size();
    if (n == 0) {
      return;
    }
    if (granularity instanceof Granularity.PerTensor) {
      consumer.accept(0, n, 0);
    } else if (granularity instanceof Granularity.PerChannel) {
      for (int from = 0, block = 0; from < n; from += inner, block++) {
        consumer.accept(from, from + inner, block % dim);
      }
    } else if (inner == 1) {
      for (int from = 0, group = 0; from < n; from += groupSize, group++) {
        consumer.accept(from, from + groupSize, group);
      }
    } else {
      for (int i = 0; i < n; i++) {
        consumer.accept(i, i + 1, paramIndex(i));
      }
    }
  }
}
