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
    assertEquals("int a = 1;\ndisplay(a + 1);", wrap("int a = 1;\na + 1"));
    assertEquals("var c = 2;\n  display(java.util.List.of(c));",
        wrap("var c = 2;\n  java.util.List.of(c);"));
    assertEquals("int a = 1;", wrap("int a = 1;"));
    // A void call is a statement in JShell: display() of it would not compile.
    assertEquals("System.out.println(1);", wrap("System.out.println(1);"));
    // A call of an unknown (earlier-cell) method is taken for an expression.
    assertEquals("var p = 1;\ndisplay(QuantCharts.numberLine(p));",
        wrap("var p = 1;\nQuantCharts.numberLine(p)"));
    assertEquals("display(x);", wrap("display(x);"));
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
