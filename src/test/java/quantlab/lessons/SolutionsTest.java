package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolutionsTest {
  private static final String CODE = String.join("\n",
      "static int levels(int bits) {",
      "  // BEGIN SOLUTION",
      "  // HINT: each \"extra\" bit doubles it",
      "  return 1 << bits;",
      "  // END SOLUTION",
      "}",
      "levels(4)");

  @Test
  void learnerVersionThrowsTheHint() {
    assertEquals(String.join("\n",
        "static int levels(int bits) {",
        "  // YOUR CODE HERE",
        "  throw new quantlab.lessons.YourTurn(\"each \\\"extra\\\" bit doubles it\");",
        "}",
        "levels(4)"), Solutions.learner(CODE, "t.md:1"));
  }

  @Test
  void solutionVersionDropsMarkersAndHints() {
    assertEquals(String.join("\n",
        "static int levels(int bits) {",
        "  return 1 << bits;",
        "}",
        "levels(4)"), Solutions.solution(CODE, "t.md:1"));
  }

  @Test
  void aBlockWithoutHintGetsAGenericOne() {
    String out = Solutions.learner("// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION", "t");
    assertTrue(out.contains("YourTurn(\"replace this line with your code\")"), out);
  }

  @Test
  void unbalancedMarkersAreRejectedWithTheirPlace() {
    assertEquals("03-x.md:7: BEGIN SOLUTION at code line 1 has no END SOLUTION",
        assertThrows(IllegalArgumentException.class,
            () -> Solutions.learner("// BEGIN SOLUTION\nx", "03-x.md:7")).getMessage());
    assertEquals("t: END SOLUTION at code line 2 without BEGIN SOLUTION",
        assertThrows(IllegalArgumentException.class,
            () -> Solutions.solution("x\n// END SOLUTION", "t")).getMessage());
    assertEquals("t: BEGIN SOLUTION at code line 2 inside the block opened at line 1",
        assertThrows(IllegalArgumentException.class,
            () -> Solutions.solution("// BEGIN SOLUTION\n// BEGIN SOLUTION", "t")).getMessage());
  }

  @Test
  void theStubThrowsAFriendlyMessage() {
    YourTurn t = new YourTurn("divide by scale");
    assertEquals("Your turn! This exercise is waiting for your code. Hint: divide by scale",
        t.getMessage());
    assertEquals(0, t.getStackTrace().length);
  }
}
