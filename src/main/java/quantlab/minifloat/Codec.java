package quantlab.minifloat;

/**
 * The bit-level work behind {@link MiniFloat}: a checked layout, the table of all decoded values,
 * and round-to-nearest-even encoding in integer arithmetic.
 *
 * <p>Encoding writes {@code |x| = sig * 2^exp2} exactly (float32 has a 24-bit significand), picks
 * the target binade {@code e = max(floor(log2 |x|), emin)}, and rounds {@code |x| / 2^(e - m)} to
 * an integer {@code n}, ties to even. Then the magnitude pattern is {@code ((e - emin) << m) + n}:
 * this one formula covers normals ({@code n} in [2^m, 2^(m+1))), subnormals ({@code e = emin},
 * {@code n < 2^m}) and a carry into the next binade ({@code n = 2^(m+1)}), because patterns of
 * finite values are ordered like their values. A magnitude above the largest finite pattern is an
 * overflow. Values in the format's normal range take a shorter path on the float32 bits:
 * subtract {@code (127 - bias) << 23} to re-bias the exponent field and round the low
 * {@code 23 - m} bits away, ties to even.
 */
final class Codec {
  final int e;
  final int m;
  final int bias;
  final Specials specials;
  final int mask; // all bits of the format
  final int signBit;
  final int emin; // unbiased exponent of the smallest normal binade: 1 - bias
  final int maxFinite; // magnitude pattern of the largest finite value
  final int nanMagnitude; // canonical NaN magnitude, or -1 without NaN
  final int infMagnitude; // infinity magnitude, or -1 without infinity
  final int normalMin; // float32 bits of the smallest normal value; at or above it, fast path
  final int rebias; // (127 - bias) << 23: float32 exponent field minus the format's
  final int drop; // 23 - m mantissa bits rounded away on the fast path
  final float[] table;

  Codec(int e, int m, int bias, Specials specials) {
    if (e < 2 || e > 8) {
      throw new IllegalArgumentException("exponentBits must be in [2, 8], got " + e);
    }
    if (m < 1 || m > 23) {
      throw new IllegalArgumentException("mantissaBits must be in [1, 23], got " + m);
    }
    if (1 + e + m > 16) {
      throw new IllegalArgumentException(
          "1 + exponentBits + mantissaBits must be at most 16, got 1 + " + e + " + " + m + " = "
              + (1 + e + m));
    }
    this.e = e;
    this.m = m;
    this.bias = bias;
    this.specials = specials;
    this.mask = (1 << (1 + e + m)) - 1;
    this.signBit = 1 << (e + m);
    this.emin = 1 - bias;
    int allOnesExponent = ((1 << e) - 1) << m;
    switch (specials) {
      case IEEE -> {
        maxFinite = allOnesExponent - 1;
        infMagnitude = allOnesExponent;
        nanMagnitude = allOnesExponent | (1 << (m - 1));
      }
      case NAN_ONLY -> {
        maxFinite = signBit - 2;
        infMagnitude = -1;
        nanMagnitude = signBit - 1;
      }
      default -> {
        maxFinite = signBit - 1;
        infMagnitude = -1;
        nanMagnitude = -1;
      }
    }
    int emax = (maxFinite >>> m) - bias;
    if (emax > 127 || emin - m < -149) {
      throw new IllegalArgumentException(
          "bias " + bias + " gives exponents from 2^" + (emin - m) + " to 2^" + emax
              + " for E" + e + "M" + m + "; float32 holds 2^-149 to 2^127 exactly");
    }
    // The fast path needs 127 - bias >= 0 (true of every named format) to stay in int range.
    this.normalMin = bias <= 127 ? (128 - bias) << 23 : Integer.MAX_VALUE;
    this.rebias = (127 - bias) << 23;
    this.drop = 23 - m;
    this.table = new float[mask + 1];
    for (int bits = 0; bits <= mask; bits++) {
      table[bits] = decodeSlow(bits);
    }
  }

  boolean isNaN(int magnitude) {
    return switch (specials) {
      case IEEE -> magnitude > infMagnitude;
      case NAN_ONLY -> magnitude == nanMagnitude;
      default -> false;
    };
  }

  boolean isInfinity(int magnitude) {
    return magnitude == infMagnitude;
  }

  private float decodeSlow(int bits) {
    int magnitude = bits & (signBit - 1);
    boolean negative = (bits & signBit) != 0;
    if (isNaN(magnitude)) {
      return Float.NaN;
    }
    if (isInfinity(magnitude)) {
      return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    }
    int exponentField = magnitude >>> m;
    int mantissa = magnitude & ((1 << m) - 1);
    // Exact: the significand has at most 24 bits and the constructor checked the exponent range.
    float v = exponentField == 0
        ? Math.scalb((float) mantissa, emin - m)
        : Math.scalb((float) ((1 << m) | mantissa), exponentField - bias - m);
    return negative ? -v : v;
  }

  /** The pattern nearest to {@code x}, or -1 if {@code x} is NaN and the format has no NaN. */
  int encode(float x, Overflow overflow) {
    int fbits = Float.floatToRawIntBits(x);
    int sign = fbits < 0 ? signBit : 0;
    int a = fbits & 0x7fffffff;
    if (a >= 0x7f800000) {
      if (a > 0x7f800000) {
        return nanMagnitude < 0 ? -1 : sign | nanMagnitude;
      }
      return sign | overflowMagnitude(overflow);
    }
    int magnitude;
    if (a >= normalMin) {
      // Normal in the format: re-bias the exponent field and round the low 23 - m bits away,
      // ties to even (for bfloat16: (a + 0x7fff + lsb) >>> 16). A carry may pass the maximum.
      magnitude = (a - rebias + (1 << (drop - 1)) - 1 + ((a >>> drop) & 1)) >>> drop;
    } else {
      magnitude = roundMagnitude(a);
    }
    if (magnitude > maxFinite) {
      magnitude = overflowMagnitude(overflow);
    }
    return sign | magnitude;
  }

  private int overflowMagnitude(Overflow overflow) {
    if (overflow == Overflow.SATURATE) {
      return maxFinite;
    }
    return specials == Specials.IEEE ? infMagnitude : nanMagnitude;
  }

  /** The magnitude pattern of the finite, non-negative float32 with bits {@code a}. */
  private int roundMagnitude(int a) {
    if (a == 0) {
      return 0;
    }
    int fe = a >>> 23;
    int sig = fe == 0 ? a : (a & 0x7fffff) | 0x800000;
    int exp2 = fe == 0 ? -149 : fe - 150; // |x| = sig * 2^exp2
    int log2 = exp2 + 31 - Integer.numberOfLeadingZeros(sig);
    int binade = Math.max(log2, emin);
    int shift = (binade - m) - exp2; // n = sig / 2^shift, rounded
    int n;
    if (shift <= 0) {
      n = sig << -shift; // exact: n < 2^(m + 1)
    } else if (shift > 25) {
      n = 0; // below half of the smallest step: sig < 2^24 <= 2^(shift - 2)
    } else {
      n = sig >>> shift;
      int rest = sig & ((1 << shift) - 1);
      int half = 1 << (shift - 1);
      if (rest > half || (rest == half && (n & 1) == 1)) {
        n++;
      }
    }
    return ((binade - emin) << m) + n;
  }
}
