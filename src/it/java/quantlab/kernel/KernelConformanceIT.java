package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Jupyter's conformance suite (jupyter_kernel_test) against the kernel: kernel info, stdout,
 * stderr, execute_result, display_data, error, completion, is_complete, inspect, history and
 * clear_output,
 * with the Java samples in src/it/python/test_kernel_conformance.py.
 */
class KernelConformanceIT {
  @Test
  void jupyterKernelTestSuitePasses() throws Exception {
    KernelHarness.requireJupyter();
    KernelHarness.Run r = KernelHarness.python(900, "-m", "unittest", "-v",
        "test_kernel_conformance");
    assertEquals(0, r.exit(), "jupyter_kernel_test failed:\n" + r.stderr());
    // unittest reports on stderr: every test ran, none failed; only pager (not supported) is
    // skipped
    assertTrue(r.stderr().contains("Ran 12 tests"), r.stderr());
    for (String t : new String[] {"test_kernel_info", "test_execute_stdout",
        "test_execute_stderr", "test_execute_result", "test_display_data", "test_error",
        "test_completion", "test_is_complete", "test_inspect", "test_history",
        "test_clear_output"}) {
      assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(t + " ") && l.endsWith("ok")),
          t + " did not pass:\n" + r.stderr());
    }
  }
}
