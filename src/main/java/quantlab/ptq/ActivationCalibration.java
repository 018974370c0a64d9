package quantlab.ptq;

import java.util.Objects;
import java.util.function.Function;
import quantlab.quant.Range;

/**
 * How an activation tensor's range is chosen from the values seen on a calibration sample: one
 * {@link Range} per tensor. {@link #minMax()} is built in; any other method plugs in as a
 * function, and the {@code quantlab.calib} methods through {@link #of(quantlab.calib.Calibration)}:
 * {@code ActivationCalibration.of(Calibration.percentile(99.99))}.
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

  /**
   * A {@code quantlab.calib} method, per tensor: {@code of(Calibration.percentile(99.99))}.
   * Each tensor gets a fresh calibrator.
   */
  public static ActivationCalibration of(quantlab.calib.Calibration method) {
    Objects.requireNonNull(method, "method");
    return new ActivationCalibration(method.toString(), v -> method.calibrate(v));
  }

  /** Two-sided percentile clipping, {@code Calibration.percentile(p)}. */
  public static ActivationCalibration percentile(double p) {
    return of(quantlab.calib.Calibration.percentile(p));
  }

  /**
   * The clipping with the least fake-quantization MSE for {@code bits}-bit affine unsigned codes,
   * the format of TensorFlow's FakeQuant on activations.
   */
  public static ActivationCalibration mse(int bits) {
    return of(quantlab.calib.Calibration.mse(quantlab.quant.IntFormat.of(bits, false, false),
        quantlab.quant.Scheme.AFFINE));
  }

  /** TensorRT's entropy (KL divergence) calibration, {@code Calibration.entropy()}. */
  public static ActivationCalibration entropy() {
    return of(quantlab.calib.Calibration.entropy());
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
