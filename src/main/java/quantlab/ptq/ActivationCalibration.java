package quantlab.ptq;

import java.util.Objects;
import java.util.function.Function;
import quantlab.quant.Range;

/**
 * How an activation tensor's range is chosen from the values seen on a calibration sample: one
 * {@link Range} per tensor. {@link #minMax()} is built in; any other method plugs in as a
 * function, e.g. a {@code quantlab.calib} calibrator:
 * {@code ActivationCalibration.of("percentile 99.99", v -> Calibration.percentile(99.99)
 * .create().observe(v).range())}.
 *
 * <p>Example: {@code minMax().range(new float[] {0f, 2.5f, 0.5f})} is {@code [0.0, 2.5]}.
 */
public final class ActivationCalibration {
  private final String name;
  private final Function<float[], Range> method;

  private ActivationCalibration(String name, Function<float[], Range> method) {
    this.name = name;
    this.method = method;
  }

  /** A method named {@code name} (shown in sweep tables). */
  public static ActivationCalibration of(String name, Function<float[], Range> method) {
    return new ActivationCalibration(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(method, "method"));
  }

  /** The smallest range holding every observed value. */
  public static ActivationCalibration minMax() {
    return new ActivationCalibration("min-max", Range::of);
  }

  /** The range for the observed {@code values} of one tensor. */
  public Range range(float[] values) {
    return method.apply(values);
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
