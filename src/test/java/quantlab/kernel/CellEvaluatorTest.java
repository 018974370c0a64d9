package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One JShell session shared by the tests (creating one takes seconds). */
class CellEvaluatorTest {
  static CellEvaluator ev;
  static int count = 100;

  @BeforeAll
  static void start() {
    ev = CellEvaluator.create(List.of());
  }

  @AfterAll
  static void stop() {
    ev.close();
  }

  static CellEvaluator.Result eval(String code) {
    return ev.eval(code, ++count);
  }

  @Test
  void expressionValueIsTheLiveObjectAndDeclarationsDoNotEcho() {
    assertFalse(eval("int base = 40;").hasValue());
    CellEvaluator.Result r = eval("base + 2");
    assertTrue(r.hasValue());
    assertEquals(Integer.valueOf(42), r.value());
    Object list = eval("var xs = new ArrayList<String>(); xs.add(\"a\"); xs").value();
    assertEquals(java.util.ArrayList.class, list.getClass());
    assertEquals(List.of("a"), list);
    assertFalse(eval("void noop() {}").hasValue());
    assertFalse(eval("noop();").hasValue());
    CellEvaluator.Result nul = eval("String nothing = null; nothing");
    assertTrue(nul.hasValue());
    assertNull(nul.value());
  }

  @Test
  void compileErrorNamesLineColumnAndShowsTheCode() {
    CellException.CompileException e = assertThrows(CellException.CompileException.class,
        () -> eval("int fine = 1;\nString s = 42;"));
    // '4' is the 12th character of line 2
    assertTrue(e.lines().get(0).startsWith("Compile error at line 2, column 12: incompatible "
        + "types"), e.lines().get(0));
    assertEquals("String s = 42;", e.lines().get(1));
    assertEquals("           ^^", e.lines().get(2));
    // the snippet before the error ran and stays defined
    assertEquals(Integer.valueOf(1), eval("fine").value());
  }

  @Test
  void runtimeExceptionShowsCellAndLineWithoutKernelFrames() {
    CellException.EvaluationException e = assertThrows(
        CellException.EvaluationException.class,
        () -> ev.eval("int divisor = 0;\n\nint q = 7 / divisor;", 7));
    assertEquals("java.lang.ArithmeticException", e.exceptionClass());
    assertEquals(List.of("java.lang.ArithmeticException: / by zero", "\tat (cell [7], line 3)"),
        e.lines());
  }

  @Test
  void exceptionInAMethodNamesTheMethodAndBothLines() {
    eval("void boom(int n) {\n  if (n > 0) throw new IllegalStateException(\"n=\" + n);\n}");
    CellException.EvaluationException e = assertThrows(
        CellException.EvaluationException.class, () -> ev.eval("int k = 1;\nboom(k);", 9));
    assertEquals("java.lang.IllegalStateException: n=1", e.lines().get(0));
    assertTrue(e.lines().get(1).matches("\tat boom \\(cell \\[\\d+\\], line 2\\)"),
        e.lines().get(1));
    assertEquals("\tat (cell [9], line 2)", e.lines().get(2));
    assertEquals(3, e.lines().size(), "no JShell or kernel frames: " + e.lines());
  }

  @Test
  void systemExitAndHaltAreErrorsAndTheStateSurvives() {
    eval("int survivor = 3;");
    assertThrows(CellException.ExitCalledException.class, () -> eval("System.exit(1);"));
    assertThrows(CellException.ExitCalledException.class,
        () -> eval("Runtime.getRuntime().exit(2);"));
    assertThrows(CellException.ExitCalledException.class,
        () -> eval("Runtime.getRuntime().halt(2);"));
    assertThrows(CellException.ExitCalledException.class,
        () -> eval("java.util.function.IntConsumer f = System::exit; f.accept(4);"));
    assertThrows(CellException.ExitCalledException.class,
        () -> eval("class Quitter { void quit() { System.exit(5); } }\nnew Quitter().quit();"));
    assertEquals(Integer.valueOf(3), eval("survivor").value());
  }

  @Test
  void interruptStopsABusyLoopAndKeepsState() throws Exception {
    eval("int before = 11;");
    System.clearProperty("quantlab.test.loop");
    long[] interruptedAt = {0};
    Thread stopper = new Thread(() -> {
      try {
        while (System.getProperty("quantlab.test.loop") == null) {
          Thread.sleep(20);
        }
        Thread.sleep(300); // the loop is spinning now
      } catch (InterruptedException e) {
        return;
      }
      interruptedAt[0] = System.nanoTime();
      ev.interrupt();
    });
    stopper.start();
    assertThrows(CellException.InterruptedCellException.class,
        () -> eval("long spins = 0;\nwhile (true) {\n  spins++;\n"
            + "  if (spins == 1) System.setProperty(\"quantlab.test.loop\", \"on\");\n}"));
    double seconds = (System.nanoTime() - interruptedAt[0]) / 1e9;
    stopper.join();
    assertTrue(seconds < 2, "stopped " + seconds + " s after the interrupt");
    assertEquals(Integer.valueOf(11), eval("before").value());
    assertEquals(Boolean.TRUE, eval("spins > 0").value());
  }

  @Test
  void redeclaredVariablesAndOldExpressionValuesAreReleased() {
    eval("Object held = new int[1000];");
    java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(
        eval("held").value()); // also kept as a $n expression value
    eval("Object held = null;");
    for (int i = 0; i <= SnippetExecution.KEPT_TEMP_VALUES; i++) {
      eval(String.valueOf(i));
    }
    for (int i = 0; i < 10 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get(), "the first value of 'held' is still reachable");
  }

  @Test
  void isCompleteFollowsJShell() {
    assertEquals("complete", ev.isComplete("int x = 1;"));
    assertEquals("complete", ev.isComplete("1 + 1"));
    assertEquals("    ", ev.isComplete("for (int i = 0; i < 3; i++) {"));
    assertEquals("invalid", ev.isComplete("}}"));
  }

  @Test
  void completionInTheSnippetUnderTheCursor() {
    CellEvaluator.Completion c = ev.complete("Math.ma", 7);
    assertEquals(List.of("max("), c.candidates());
    assertEquals(5, c.start());
    assertEquals(7, c.end());
    String code = "int a = 1;\nInteger.parseI";
    CellEvaluator.Completion c2 = ev.complete(code, code.length());
    assertEquals(List.of("parseInt("), c2.candidates());
    assertEquals(code.indexOf("parseI"), c2.start());
  }

  @Test
  void inspectGivesSignatures() {
    String doc = ev.inspect("Math.max", 8, false);
    assertTrue(doc.contains("int Math.max(int a, int b)"), doc);
    eval("double inspected = 2;");
    assertEquals("double", ev.inspect("inspected", 9, false).replaceAll(".*:", ""));
  }
}
