package quantlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnobsTest {
  @AfterEach
  void clear() {
    System.clearProperty("quantlab.maxEpochs");
    System.clearProperty("quantlab.maxImages");
  }

  @Test
  void propertyCapsEpochs() {
    System.setProperty("quantlab.maxEpochs", "2");
    assertEquals(2, Knobs.epochs(10));
    assertEquals(1, Knobs.epochs(1));
  }

  @Test
  void badValueNamesTheKnob() {
    System.setProperty("quantlab.maxImages", "-5");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Knobs::maxImages);
    assertEquals("-Dquantlab.maxImages must be a positive integer, got '-5'", e.getMessage());
  }

  @Test
  void unsetMeansNoLimitUnlessEnvironmentSaysOtherwise() {
    String env = System.getenv("QUANTLAB_MAX_EPOCHS");
    assertEquals(env == null ? Integer.MAX_VALUE : Integer.parseInt(env), Knobs.maxEpochs());
  }
}
