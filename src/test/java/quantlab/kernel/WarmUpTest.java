package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  /** The warm-up runs beside a cell and leaves no snippet, variable or output behind. */
  @Test
  void warmUpLeavesNoTraceInJShellNorOnStdout() throws Exception {
    try (CellEvaluator ev = CellEvaluator.create(List.of())) {
      List<String> expected = new ArrayList<>(ev.snippetSources());
      PrintStream out = System.out;
      PrintStream err = System.err;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      Thread t;
      try {
        System.setOut(new PrintStream(printed, true));
        System.setErr(new PrintStream(printed, true));
        t = WarmUp.start();
        ev.eval("int a = 1;", 1);
        t.join(120_000);
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
      assertFalse(t.isAlive(), "the warm-up did not finish within 120 s");
      assertTrue(t.isDaemon());
      expected.add("int a = 1;");
      assertEquals(expected, ev.snippetSources());
      assertEquals("", printed.toString());
    }
  }

  @Test
  void offWhenAsked() {
    String old = System.getProperty("quantlab.kernel.warmUp");
    try {
      System.setProperty("quantlab.kernel.warmUp", "false");
      assertNull(WarmUp.start());
    } finally {
      if (old == null) {
        System.clearProperty("quantlab.kernel.warmUp");
      } else {
        System.setProperty("quantlab.kernel.warmUp", old);
      }
    }
  }
}
