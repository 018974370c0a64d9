package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellScriptsTest {
  private static JShell shell;

  @BeforeAll
  static void start() {
    shell = JShell.builder().executionEngine("local").build();
  }

  @AfterAll
  static void stop() {
    shell.close();
  }

  private static String wrap(String code) {
    return JShellScripts.displayLastExpression(shell.sourceCodeAnalysis(), code);
  }

  @Test
  void wrapsATrailingExpressionOnly() {
    assertEquals("int a = 1;\nshow(() -> a + 1);", wrap("int a = 1;\na + 1"));
    assertEquals("var c = 2;\n  show(() -> java.util.List.of(c));",
        wrap("var c = 2;\n  java.util.List.of(c);"));
    assertEquals("int a = 1;", wrap("int a = 1;"));
    // A call of an unknown (earlier-cell) method is taken for an expression.
    assertEquals("var p = 1;\nshow(() -> QuantCharts.numberLine(p));",
        wrap("var p = 1;\nQuantCharts.numberLine(p)"));
    assertEquals("display(x);", wrap("display(x);"));
  }

  @Test
  void joinsLinesThatContinueACompleteStatement() {
    assertEquals("Quantizer q = Quant.builder().bits(4) .rounding(r).build();\nint a = 1;",
        wrap("Quantizer q = Quant.builder().bits(4)\n    .rounding(r).build();\nint a = 1;"));
    assertEquals("static int f() {\n  return 1;\n}", wrap("static int f() {\n  return 1;\n}"));
    assertEquals("show(() -> chart(1) .title(\"t\"));", wrap("chart(1)\n  .title(\"t\")"));
    assertTrue(JShellScripts.hasLineComment("int a; // note"));
    assertEquals(false, JShellScripts.hasLineComment("String u = \"http://x\";"));
  }

  @Test
  void showTellsValuesFromVoidCalls() {
    try (JShell js = JShell.builder().executionEngine("local").build()) {
      js.eval("StringBuilder shown = new StringBuilder();");
      js.eval("void display(Object o) { shown.append(\"[\" + o + \"]\"); }");
      for (String line : JShellScripts.SHOW.split("\n")) {
        js.eval(line);
      }
      js.eval("show(() -> 1 + 2);");
      js.eval("show(() -> System.out.print(\"\"));");
      js.eval("show(() -> shown.length());");
      assertEquals("\"[3][3]\"", js.eval("shown.toString()").get(0).value());
    }
  }

  @Test
  void scriptHasEveryCodeCellInOrder() {
    Lesson l = Lesson.parse("03-rounding.md", LessonTest.SOURCE);
    String s = JShellScripts.toScript(l, Notebooks.Version.SOLUTIONS);
    assertTrue(s.indexOf("int a = 1;") < s.indexOf("return 2;"), s);
    assertTrue(s.contains("// --- cell at lessons/03-rounding.md:5"), s);
    String learner = JShellScripts.toScript(l, Notebooks.Version.LEARNER);
    assertTrue(learner.contains("YourTurn"), learner);
  }
}
