package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Bit-for-bit comparison of TensorFlow's results with the replica's.
 *
 * <p>NaN policy: two floats are the same when their raw bits ({@link Float#floatToRawIntBits})
 * are equal, or when both are NaN whatever their payload and sign (TensorFlow's NaN payload
 * depends on which SIMD path produced it; a NaN is a NaN to every consumer). Everything else,
 * including {@code -0.0} against {@code 0.0}, must match exactly.
 */
final class Bits {
  private Bits() {}

  static boolean same(float a, float b) {
    return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b) || (a != a && b != b);
  }

  /** Collects mismatches over many cases and fails once with the first few, described. */
  static final class Report {
    private final String op;
    private final List<String> mismatches = new ArrayList<>();
    private final java.util.Map<String, Integer> byCase = new java.util.LinkedHashMap<>();
    private long compared;
    private long failures;

    Report(String op) {
      this.op = op;
    }

    long compared() {
      return compared;
    }

    void floats(String label, float[] x, float[] tf, float[] replica) {
      if (tf.length != replica.length) {
        add(label + ": TF gave " + tf.length + " values, the replica " + replica.length);
        return;
      }
      for (int i = 0; i < tf.length; i++) {
        compared++;
        if (!same(tf[i], replica[i])) {
          add(label + " [" + i + "] x=" + describe(x == null ? Float.NaN : x[i]) + " TF="
              + describe(tf[i]) + " replica=" + describe(replica[i]));
        }
      }
    }

    void codes(String label, float[] x, int[] tf, int[] replica) {
      if (tf.length != replica.length) {
        add(label + ": TF gave " + tf.length + " codes, the replica " + replica.length);
        return;
      }
      for (int i = 0; i < tf.length; i++) {
        compared++;
        if (tf[i] != replica[i]) {
          add(label + " [" + i + "] x=" + (x == null ? "-" : describe(x[i])) + " TF=" + tf[i]
              + " replica=" + replica[i]);
        }
      }
    }

    void value(String label, float tf, float replica) {
      compared++;
      if (!same(tf, replica)) {
        add(label + " TF=" + describe(tf) + " replica=" + describe(replica));
      }
    }

    private void add(String m) {
      failures++;
      int cut = m.indexOf(" TF=") < 0 ? -1 : Math.min(m.indexOf(" TF="), m.indexOf(" [") < 0 ? Integer.MAX_VALUE : m.indexOf(" ["));
      byCase.merge(cut < 0 ? m : m.substring(0, cut), 1, Integer::sum);
      if (mismatches.size() < 15) {
        mismatches.add(m);
      }
    }

    /** Fails listing the first mismatches; prints the number of values compared otherwise. */
    void assertNone() {
      if (failures > 0) {
        fail(op + ": " + failures + " of " + compared + " values differ from TensorFlow:\n  "
            + String.join("\n  ", mismatches) + "\n cases with mismatches (" + byCase.size()
            + "):\n  " + byCase.entrySet().stream().limit(40).map(e -> e.getValue() + "x " + e.getKey())
                .collect(java.util.stream.Collectors.joining("\n  ")));
      }
      System.out.println("[tfref] " + op + ": " + compared + " values bit-identical to TensorFlow");
    }
  }

  static String describe(float v) {
    return v + " (0x" + Integer.toHexString(Float.floatToRawIntBits(v)) + ")";
  }
}
