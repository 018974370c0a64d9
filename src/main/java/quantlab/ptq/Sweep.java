package quantlab.ptq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import quantlab.data.LabeledImages;
import quantlab.quant.Granularity;
import quantlab.quant.Quantizer;
import quantlab.quant.Range;
import quantlab.quant.Rounding;
import quantlab.quant.Scheme;
import quantlab.tf.ActivationQuant;
import quantlab.tf.Model;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluates a grid of quantization settings on one trained model and returns one Tablesaw row
 * per setting, in one call: columns {@code bits, granularity, scheme, rounding, calibration,
 * accuracy, accuracy_drop, weight_sqnr_db, model_bytes}. The float weights are restored after
 * each row, so one trained model serves the whole grid.
 *
 * <pre>{@code
 * Table t = Sweep.builder().bits(8, 6, 4, 3, 2)
 *     .granularities(Granularity.perTensor(), Granularity.perChannel(-1))
 *     .roundings(Rounding.HALF_TO_EVEN, Rounding.TRUNCATE)
 *     .build().run(model, data.test());          // 20 rows
 * }</pre>
 *
 * With {@link Builder#activations(int, LabeledImages, int, ActivationCalibration...)}, every row
 * also fake-quantizes the activations, once per calibration method (so the rows multiply).
 * {@code accuracy_drop} is in accuracy units (0.01 = one point); {@code model_bytes} counts the
 * packed kernels, their scales (and zero points when affine) and the float32 biases.
 */
public final class Sweep {
  private final int[] bits;
  private final List<Granularity> granularities;
  private final List<Rounding> roundings;
  private final List<Scheme> schemes;
  private final boolean narrowRange;
  private final int activationBits;
  private final LabeledImages calibrationImages;
  private final int calibrationCount;
  private final List<ActivationCalibration> calibrations;

  private Sweep(Builder b) {
    this.bits = b.bits.clone();
    this.granularities = List.copyOf(b.granularities);
    this.roundings = List.copyOf(b.roundings);
    this.schemes = List.copyOf(b.schemes);
    this.narrowRange = b.narrowRange;
    this.activationBits = b.activationBits;
    this.calibrationImages = b.calibrationImages;
    this.calibrationCount = b.calibrationCount;
    this.calibrations = List.copyOf(b.calibrations);
  }

  /**
   * Defaults: bits {8, 6, 4, 3, 2}, per tensor and per channel (axis -1), HALF_TO_EVEN,
   * symmetric narrow range, weights only.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of rows {@link #run} makes. */
  public int size() {
    return bits.length * granularities.size() * roundings.size() * schemes.size()
        * Math.max(1, calibrations.size());
  }

  /** Runs every setting on {@code model}, evaluating on {@code test}. */
  public Table run(Model model, LabeledImages test) {
    double floatAccuracy = model.evaluate(test).accuracy();
    Map<String, Map<String, Range>> ranges = new LinkedHashMap<>();
    for (ActivationCalibration c : calibrations) {
      ranges.put(c.name(), Ptq.calibrate(model, calibrationImages, calibrationCount, c));
    }
    IntColumn bitsCol = IntColumn.create("bits");
    StringColumn granCol = StringColumn.create("granularity");
    StringColumn schemeCol = StringColumn.create("scheme");
    StringColumn roundCol = StringColumn.create("rounding");
    StringColumn calCol = StringColumn.create("calibration");
    DoubleColumn accCol = DoubleColumn.create("accuracy");
    DoubleColumn dropCol = DoubleColumn.create("accuracy_drop");
    DoubleColumn sqnrCol = DoubleColumn.create("weight_sqnr_db");
    LongColumn bytesCol = LongColumn.create("model_bytes");
    List<String> calNames = calibrations.isEmpty() ? java.util.Collections.singletonList(null)
        : new ArrayList<>(ranges.keySet());
    for (int b : bits) {
      for (Granularity g : granularities) {
        for (Scheme s : schemes) {
          for (Rounding r : roundings) {
            Quantizer q = Quantizer.builder().bits(b).scheme(s).narrowRange(narrowRange && b > 1)
                .granularity(g).rounding(r).build();
            for (String cal : calNames) {
              ActivationQuant aq = cal == null ? null
                  : new ActivationQuant(activationBits, false, ranges.get(cal));
              PtqResult res = Ptq.quantized(model, q, model.layerNames(), aq, test,
                  floatAccuracy);
              bitsCol.append(b);
              granCol.append(g.toString());
              schemeCol.append(s.name().toLowerCase(java.util.Locale.ROOT));
              roundCol.append(r.name());
              calCol.append(cal == null ? "none (float activations)"
                  : cal + ", a" + activationBits);
              accCol.append(res.accuracy());
              dropCol.append(res.accuracyDrop());
              sqnrCol.append(res.weightSqnrDb());
              bytesCol.append(res.modelBytes());
            }
          }
        }
      }
    }
    return Table.create("PTQ sweep of " + model.architecture() + String.format(
        java.util.Locale.ROOT, " (float accuracy %.4f on %d images, float model %d bytes)",
        floatAccuracy, test.count(), Ptq.floatBytes(model)), bitsCol, granCol, schemeCol,
        roundCol, calCol, accCol, dropCol, sqnrCol, bytesCol);
  }

  /** Configures a {@link Sweep}. */
  public static final class Builder {
    private int[] bits = {8, 6, 4, 3, 2};
    private List<Granularity> granularities =
        List.of(Granularity.perTensor(), Granularity.perChannel(-1));
    private List<Rounding> roundings = List.of(Rounding.HALF_TO_EVEN);
    private List<Scheme> schemes = List.of(Scheme.SYMMETRIC);
    private boolean narrowRange = true;
    private int activationBits;
    private LabeledImages calibrationImages;
    private int calibrationCount;
    private final List<ActivationCalibration> calibrations = new ArrayList<>();

    private Builder() {}

    /** Weight bit widths, each in [2, 16]. */
    public Builder bits(int... bits) {
      for (int b : bits) {
        if (b < 2 || b > 16) {
          throw new IllegalArgumentException("bits must be in [2, 16], got " + b);
        }
      }
      this.bits = bits.clone();
      return this;
    }

    public Builder granularities(Granularity... g) {
      this.granularities = List.of(g);
      return this;
    }

    public Builder roundings(Rounding... r) {
      this.roundings = List.of(r);
      return this;
    }

    public Builder schemes(Scheme... s) {
      this.schemes = List.of(s);
      return this;
    }

    /** Leave out the lowest code (default true: int8 as [-127, 127], as TFLite's weights). */
    public Builder narrowRange(boolean narrowRange) {
      this.narrowRange = narrowRange;
      return this;
    }

    /**
     * Also fake-quantizes activations at {@code bits}, with ranges calibrated on the first
     * {@code count} images of {@code images} by each of {@code methods}.
     */
    public Builder activations(int bits, LabeledImages images, int count,
        ActivationCalibration... methods) {
      if (bits < 2 || bits > 16) {
        throw new IllegalArgumentException("activation bits must be in [2, 16], got " + bits);
      }
      if (methods.length == 0) {
        throw new IllegalArgumentException("methods must name at least one calibration");
      }
      this.activationBits = bits;
      this.calibrationImages = Objects.requireNonNull(images, "images");
      this.calibrationCount = count;
      this.calibrations.clear();
      this.calibrations.addAll(List.of(methods));
      return this;
    }

    public Sweep build() {
      return new Sweep(this);
    }
  }
}
