package quantlab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {
  @Test
  void statisticsByHand() {
    Timing t = Timing.ofMillis("epochs", 4, 1, 3, 2, 100);
    assertEquals(3, t.median());
    assertEquals(22, t.mean());           // (4 + 1 + 3 + 2 + 100) / 5: the outlier pulls it up
    assertEquals(1, t.min());
    assertEquals(1, t.quantile(0));
    assertEquals(100, t.quantile(1));
    assertEquals(1.4, t.quantile(0.1), 1e-12);  // sorted 1,2,3,4,100: position 0.4
    assertEquals(4 + 0.6 * 96, t.quantile(0.9), 1e-12);
    assertEquals(5, t.count());
    assertEquals(2.5, Timing.ofMillis("even", 1, 2, 3, 4).median());
    assertEquals("Timing{epochs: median 3.00 ms, p10 1.40, p90 61.60, mean 22.00, n=5}",
        t.toString());
  }

  @Test
  void measureRunsTheWorkAtLeastMinRunsTimedAfterWarmUp() {
    AtomicInteger calls = new AtomicInteger();
    Timing t = Timing.measure("count", calls::incrementAndGet, Duration.ZERO, Duration.ZERO, 7);
    assertEquals(7, t.count());
    assertEquals(7, calls.get());
    for (double ms : t.millis()) {
      assertTrue(ms >= 0);
    }
  }

  @Test
  void aSleepIsTimedAsAtLeastItsLength() {
    Timing t = Timing.measure("sleep", () -> {
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, Duration.ZERO, Duration.ZERO, 3);
    assertTrue(t.min() >= 3.0, t.toString());
  }

  @Test
  void interleavedTakesTurnsAndTimesEachAlike() {
    StringBuilder order = new StringBuilder();
    java.util.Map<String, Runnable> work = new java.util.LinkedHashMap<>();
    work.put("a", () -> order.append('a'));
    work.put("b", () -> order.append('b'));
    java.util.List<Timing> ts = Timing.interleaved(work, Duration.ZERO, Duration.ZERO, 4);
    assertEquals("abababab", order.toString());
    assertEquals(2, ts.size());
    assertEquals("a", ts.get(0).name());
    assertEquals("b", ts.get(1).name());
    assertEquals(4, ts.get(0).count());
    assertEquals(4, ts.get(1).count());
  }

  @Test
  void interleavedSeesTheSlowerWork() {
    java.util.Map<String, Runnable> work = new java.util.LinkedHashMap<>();
    work.put("fast", () -> { });
    work.put("slow", () -> {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    java.util.List<Timing> ts = Timing.interleaved(work, Duration.ZERO, Duration.ZERO, 5);
    assertTrue(ts.get(1).min() >= 2.0, ts.get(1).toString());
    assertTrue(ts.get(0).median() < ts.get(1).median(), ts.toString());
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("millis must hold at least one timing, got none",
        assertThrows(IllegalArgumentException.class, () -> Timing.ofMillis("x")).getMessage());
    assertEquals("millis[1] must be a finite time >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Timing.ofMillis("x", 1, -1))
            .getMessage());
    assertEquals("minRuns must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> Timing.measure("x", () -> { }, Duration.ZERO, Duration.ZERO, 0)).getMessage());
    assertEquals("work must hold at least one entry, got none",
        assertThrows(IllegalArgumentException.class, () -> Timing.interleaved(
            java.util.Map.of(), Duration.ZERO, Duration.ZERO, 1)).getMessage());
    assertEquals("p must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
        () -> Timing.ofMillis("x", 1).quantile(1.5)).getMessage());
  }
}
