package quantlab.tfref;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Consumer;

/** Checks that TensorFlow itself rejects an op, so the replica's checks mirror real ones. */
final class TfOracleErrors {
  private TfOracleErrors() {}

  static void assertTensorFlowRejects(Consumer<TfOracle.Batch> op, String messagePart) {
    TfOracle.Batch b = new TfOracle.Batch();
    try {
      op.accept(b);
      b.run();
    } catch (RuntimeException e) {
      assertTrue(String.valueOf(e.getMessage()).contains(messagePart),
          "TensorFlow's message should contain '" + messagePart + "', got: " + e.getMessage());
      return;
    }
    fail("TensorFlow accepted the op; expected an error containing '" + messagePart + "'");
  }
}
