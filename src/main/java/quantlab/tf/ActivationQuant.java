package quantlab.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import quantlab.quant.Range;

/**
 * Fake quantization of a model's activations: each tap ({@code "input"} and every weight layer's
 * output, see {@link Model#activationNames()}) goes through TensorFlow's
 * {@code FakeQuantWithMinMaxVars} with its calibrated range. That op is affine: it nudges
 * {@code [min, max]} so that 0 is exactly representable, uses codes {@code [0, 2^bits - 1]}
 * ({@code [1, 2^bits - 1]} with narrow range) and rounds half up.
 *
 * @param bits activation bit width, 2 to 16 (TensorFlow's limits)
 * @param narrowRange whether the lowest code is left out
 * @param ranges one range per activation tap, by name
 */
public record ActivationQuant(int bits, boolean narrowRange, Map<String, Range> ranges) {
  public ActivationQuant {
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException("bits must be in [2, 16] for FakeQuant, got " + bits);
    }
    ranges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
  }
}
