package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebooksTest {
  private final Lesson lesson = Lesson.parse("03-rounding.md", LessonTest.SOURCE);

  private static String joined(JsonArray lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(e -> sb.append(e.getAsString()));
    return sb.toString();
  }

  @Test
  void learnerNotebookIsValidNbformatWithoutSolutions() {
    String json = Notebooks.toJson(lesson, Notebooks.Version.LEARNER);
    JsonObject nb = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(4, nb.get("nbformat").getAsInt());
    assertEquals(5, nb.get("nbformat_minor").getAsInt());
    assertEquals("java",
        nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
    JsonArray cells = nb.getAsJsonArray("cells");
    assertEquals(4, cells.size());
    JsonObject code = cells.get(3).getAsJsonObject();
    assertEquals("code", code.get("cell_type").getAsString());
    assertEquals(0, code.getAsJsonArray("outputs").size());
    assertTrue(code.get("execution_count").isJsonNull());
    assertEquals("03-rounding-03", code.get("id").getAsString());
    assertEquals("exercise",
        code.getAsJsonObject("metadata").getAsJsonArray("tags").get(0).getAsString());
    String src = joined(code.getAsJsonArray("source"));
    assertTrue(src.contains("throw new quantlab.lessons.YourTurn("), src);
    assertFalse(src.contains("return 2;"), src);
    assertEquals("# Rounding *error*\n\nSome text.",
        joined(cells.get(0).getAsJsonObject().getAsJsonArray("source")));
  }

  @Test
  void solutionsNotebookHasTheCodeAndNoMarkers() {
    String json = Notebooks.toJson(lesson, Notebooks.Version.SOLUTIONS);
    assertTrue(json.contains("return 2;"));
    assertFalse(json.contains("BEGIN SOLUTION"));
    assertFalse(json.contains("YourTurn"));
  }

  @Test
  void layoutIsJupyters() {
    String json = Notebooks.toJson(lesson, Notebooks.Version.SOLUTIONS);
    assertTrue(json.startsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n"), json);
    assertTrue(json.endsWith("\"nbformat_minor\": 5\n}\n"), json);
    // Keys of every object are sorted, as Jupyter writes them.
    JsonObject first = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells")
        .get(1).getAsJsonObject();
    assertEquals(List.of("cell_type", "execution_count", "id", "metadata", "outputs", "source"),
        List.copyOf(first.keySet()));
  }

  @Test
  void bookWritesAndDetectsStaleNotebooks(@TempDir Path dir) throws Exception {
    Path lessons = Files.createDirectories(dir.resolve("lessons"));
    Files.writeString(lessons.resolve("03-rounding.md"), LessonTest.SOURCE);
    Files.writeString(lessons.resolve("README.md"), "# not a lesson");
    Path notebooks = dir.resolve("notebooks");
    LessonBook book = LessonBook.read(lessons);
    assertEquals(1, book.lessons().size());
    assertEquals(2, book.staleNotebooks(notebooks).size()); // nothing written yet
    assertEquals(2, book.writeNotebooks(notebooks).size());
    assertTrue(Files.exists(notebooks.resolve("solutions/03-rounding.ipynb")));
    assertEquals(List.of(), book.staleNotebooks(notebooks));
    assertEquals(List.of(), book.writeNotebooks(notebooks)); // unchanged files are not rewritten
    Files.writeString(lessons.resolve("03-rounding.md"), LessonTest.SOURCE + "\nNew line.\n");
    assertEquals(2, LessonBook.read(lessons).staleNotebooks(notebooks).size());
    assertEquals("03-rounding", book.lesson("3").name());
  }
}
