package quantlab.tfref;

import java.util.Arrays;

/**
 * What TensorFlow's {@code QuantizeV2} returns: the codes {@code q} (as ints, whatever the
 * {@link TfQuantType}) and the float range {@code [outputMin, outputMax]} that the codes stand
 * for, which is what {@code Dequantize} must be given back.
 *
 * <p>Example: {@code TfOps.quantizeV2(new float[] {-1.5f, 0.3f, 2.5f}, -1.5f, 2.5f,
 * TfQuantType.QINT8, Mode.SCALED, RoundMode.HALF_TO_EVEN, false)} prints as
 * {@code TfQuantized{qint8, q=[-76, 15, 127], outputMin=-2.519685, outputMax=2.5}}.
 */
public record TfQuantized(TfQuantType type, int[] q, float outputMin, float outputMax) {
  /** Copies {@code q} and checks every code fits {@code type}. */
  public TfQuantized {
    if (type == null) {
      throw new NullPointerException("type must not be null");
    }
    if (q == null) {
      throw new NullPointerException("q must not be null");
    }
    q = q.clone();
    for (int i = 0; i < q.length; i++) {
      if (!type.contains(q[i])) {
        throw new IllegalArgumentException(
            "q[" + i + "] must be in [" + type.lowest() + ", " + type.highest() + "] for " + type
                + ", got " + q[i]);
      }
    }
  }

  /** A copy of the codes. */
  @Override
  public int[] q() {
    return q.clone();
  }

  /** The code at {@code i}. */
  public int q(int i) {
    return q[i];
  }

  public int size() {
    return q.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfQuantized t
        && t.type == type
        && Arrays.equals(t.q, q)
        && Float.floatToIntBits(t.outputMin) == Float.floatToIntBits(outputMin)
        && Float.floatToIntBits(t.outputMax) == Float.floatToIntBits(outputMax);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + Arrays.hashCode(q)) * 31
        + Float.hashCode(outputMin) * 17 + Float.hashCode(outputMax);
  }

  @Override
  public String toString() {
    String codes = q.length <= 12
        ? Arrays.toString(q)
        : Arrays.toString(Arrays.copyOf(q, 12)).replace("]", ", ...] (" + q.length + " codes)");
    return "TfQuantized{" + type + ", q=" + codes + ", outputMin=" + outputMin + ", outputMax="
        + outputMax + "}";
  }
}
