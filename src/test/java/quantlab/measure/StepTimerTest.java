package quantlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import quantlab.tf.EpochResult;

class StepTimerTest {
  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void timesEachStepFromEpochStartOrThePreviousStep() {
    StepTimer t = new StepTimer();
    t.onEpochStart(1, 2, 3);
    for (int b = 1; b <= 3; b++) {
      sleep(2);
      t.onBatch(1, b, 3, 0.5);
    }
    t.onEpoch(new EpochResult(1, 2, 0.5, 0.8, Double.NaN, 0.01));
    sleep(20);   // evaluation between epochs: not a step
    t.onEpochStart(2, 2, 3);
    for (int b = 1; b <= 3; b++) {
      sleep(2);
      t.onBatch(2, b, 3, 0.4);
    }
    assertEquals(6, t.steps());
    Timing s = t.timing("step");
    assertEquals(6, s.count());
    assertTrue(s.min() >= 2.0, s.toString());
    assertTrue(s.quantile(1) < 20, "the pause between epochs is not counted: " + s);
  }

  @Test
  void batchesWithoutAnEpochStartAreNotTimed() {
    StepTimer t = new StepTimer();
    t.onBatch(1, 1, 2, 0.5);
    assertEquals(0, t.steps());
    t.onBatch(1, 2, 2, 0.5);   // the previous batch's end starts this step
    assertEquals(1, t.steps());
  }

  @Test
  void anEmptyTimerSaysHowToUseIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new StepTimer().timing("x"));
    assertTrue(e.getMessage().startsWith("no training step was timed yet"), e.getMessage());
  }
}
