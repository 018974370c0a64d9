package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interrupt, System.exit, a forged message and clear_output, each against a real kernel process.
 */
class KernelBehaviourIT {
  @Test
  void interruptStopsABusyLoopWithin2sAndKeepsState() throws Exception {
    KernelHarness.requireJupyter();
    JsonObject j = KernelHarness.python(300, "kernel_scenarios.py", "interrupt").json();
    double stoppedAfter = j.get("stopped_after_s").getAsDouble();
    assertTrue(stoppedAfter < 2.0, "busy loop stopped after " + stoppedAfter + " s");
    assertEquals("error", j.get("reply_status").getAsString());
    assertEquals("InterruptedCellException", j.get("ename").getAsString());
    assertEquals("ok", j.get("after_status").getAsString());
    assertEquals("8", j.getAsJsonArray("after_result").get(0).getAsString()); // kept = 7, + 1
    assertEquals("true", j.getAsJsonArray("spins_result").get(0).getAsString());
  }

  @Test
  void systemExitIsAnErrorAndTheKernelLives() throws Exception {
    KernelHarness.requireJupyter();
    JsonObject j = KernelHarness.python(300, "kernel_scenarios.py", "exit").json();
    assertEquals("error", j.get("status").getAsString());
    assertEquals("ExitCalledException", j.get("ename").getAsString());
    assertTrue(j.get("traceback").toString().contains("System.exit(3)"), j.toString());
    assertEquals("before\n", j.get("streams").getAsString()); // the line after exit never ran
    assertEquals("error", j.get("halt_status").getAsString());
    assertEquals("10", j.getAsJsonArray("after_result").get(0).getAsString()); // kept = 5, * 2
    assertTrue(j.get("alive").getAsBoolean());
  }

  @Test
  void forgedSignatureIsRejectedAndSocketsListenOnLoopbackOnly() throws Exception {
    KernelHarness.requireJupyter();
    JsonObject j = KernelHarness.python(300, "kernel_scenarios.py", "forged").json();
    assertEquals("127.0.0.1", j.get("ip").getAsString());
    JsonObject listening = j.getAsJsonObject("listening");
    assertEquals(5, listening.size(), "all five sockets found listening: " + listening);
    for (Map.Entry<String, JsonElement> e : listening.entrySet()) {
      for (JsonElement addr : (JsonArray) e.getValue()) {
        String a = addr.getAsString();
        // /proc/net/tcp: 0100007F is 127.0.0.1; tcp6 shows it IPv4-mapped (::ffff:127.0.0.1)
        assertTrue(a.equals("0100007F") || a.endsWith("FFFF00000100007F"),
            "port " + e.getKey() + " listens on " + a);
      }
    }
    assertFalse(j.get("forged_reply").getAsBoolean(), "the kernel answered a forged message");
    // the forged cell declared 'forged'; it never ran, so using it does not compile
    assertEquals("error", j.get("after_status").getAsString());
    assertEquals("CompileException", j.get("after_ename").getAsString());
    assertEquals("ok", j.get("kernel_info_status").getAsString());
  }

  @Test
  void clearOutputIsPublishedInOrderWithTheCellsOtherOutput() throws Exception {
    KernelHarness.requireJupyter();
    JsonObject j = KernelHarness.python(300, "kernel_scenarios.py", "clear").json();
    assertEquals("ok", j.get("status").getAsString());
    // "a" has no newline: clearOutput() must send it before the clear, or the clear would
    // arrive first and "a" would stay on screen; a thread the cell started may clear too
    assertEquals("[\"stream:a\",\"clear_output:wait=False\",\"stream:b\\n\","
        + "\"clear_output:wait=True\",\"display_data:c\",\"clear_output:wait=False\","
        + "\"stream:d\\n\"]", j.get("seen").toString());
    assertEquals("ok", j.get("after_status").getAsString());
  }
}
