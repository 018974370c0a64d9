package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LessonTest {
  static final String SOURCE = String.join("\n",
      "# Rounding *error*",
      "",
      "Some text.",
      "",
      "```java",
      "int a = 1;",
      "```",
      "",
      "More text with code that is not Java:",
      "",
      "```text",
      "not a cell",
      "```",
      "",
      "```java",
      "static int two() {",
      "  // BEGIN SOLUTION",
      "  return 2;",
      "  // END SOLUTION",
      "}",
      "```",
      "");

  @Test
  void splitsMarkdownAndJavaCells() {
    Lesson l = Lesson.parse("03-rounding.md", SOURCE);
    assertEquals("03", l.number());
    assertEquals("rounding", l.slug());
    assertEquals("03-rounding", l.name());
    assertEquals("Rounding error", l.title());
    List<Cell> cells = l.cells();
    assertEquals(4, cells.size());
    assertEquals(new Cell(Cell.Kind.MARKDOWN, "# Rounding *error*\n\nSome text.", 1), cells.get(0));
    assertEquals(new Cell(Cell.Kind.CODE, "int a = 1;", 5), cells.get(1));
    assertEquals(Cell.Kind.MARKDOWN, cells.get(2).kind());
    assertTrue(cells.get(2).source().contains("```text\nnot a cell\n```"));
    assertTrue(cells.get(3).isExercise());
    assertEquals(1, l.exerciseCount());
  }

  @Test
  void badNamesAndMissingTitlesAreRejected() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Lesson.parse("Rounding.md", SOURCE)).getMessage().contains("NN-title.md"));
    assertEquals("01-x.md needs a '# Title' heading", assertThrows(IllegalArgumentException.class,
        () -> Lesson.parse("01-x.md", "text\n```java\nint a;\n```\n")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Lesson.parse("01-x.md", "# T\n```java\n// BEGIN SOLUTION\n```\n")).getMessage()
        .startsWith("01-x.md:2: BEGIN SOLUTION"));
  }
}
