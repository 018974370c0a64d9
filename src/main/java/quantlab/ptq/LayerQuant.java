package quantlab.ptq;

import java.util.Locale;

/**
 * What quantizing one kernel did to it.
 *
 * @param variable the kernel's name, e.g. {@code "dense1_kernel"}
 * @param count number of weights
 * @param signalEnergy {@code sum(x^2)}
 * @param errorEnergy {@code sum((xHat - x)^2)}
 * @param clipped how many weights were clipped
 * @param packedBytes bytes of the codes packed densely, {@code ceil(count * bits / 8)}, plus 4
 *     bytes per scale and, for affine schemes, 4 per zero point
 */
public record LayerQuant(String variable, int count, double signalEnergy, double errorEnergy,
    long clipped, long packedBytes) {

  /** {@code 10 log10(sum x^2 / sum error^2)} in dB (infinite when there is no error). */
  public double sqnrDb() {
    return sqnrDb(signalEnergy, errorEnergy);
  }

  static double sqnrDb(double signal, double error) {
    return error == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / error);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LayerQuant{%s, %d weights, SQNR %.2f dB, clipped %d, "
        + "%d bytes}", variable, count, sqnrDb(), clipped, packedBytes);
  }
}
