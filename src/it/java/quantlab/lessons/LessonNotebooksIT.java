package quantlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import quantlab.kernel.KernelHarness;

/**
 * Every lesson notebook executes with quantlab's kernel: the solutions version top to bottom with
 * no error and at least one image where the lesson draws a chart; the learner's version fails only
 * in its exercise cells, each with the friendly "Your turn!" message. Runs with the CI knobs
 * (one training epoch on 2,000 images) and prints each notebook's time.
 */
class LessonNotebooksIT {
  private static final List<String> TIMES = new ArrayList<>();

  /** The CI knobs: short training, and a cache of its own under target/. */
  static final Map<String, String> KNOBS = Map.of(
      "QUANTLAB_MAX_EPOCHS", "1",
      "QUANTLAB_MAX_IMAGES", "2000",
      "QUANTLAB_CACHE", Path.of("target", "it-cache").toAbsolutePath().toString());

  /**
   * Every lesson, or those whose names start with one of the comma-separated prefixes in the
   * system property {@code quantlab.lessons} (e.g. {@code -Dquantlab.lessons=10} runs lesson 10's
   * two notebooks only).
   */
  static Stream<Lesson> lessons() throws Exception {
    String only = System.getProperty("quantlab.lessons", "").trim();
    List<String> prefixes = only.isEmpty() ? List.of() : List.of(only.split("\\s*,\\s*"));
    return LessonBook.read(Path.of("lessons")).lessons().stream()
        .filter(l -> prefixes.isEmpty() || prefixes.stream().anyMatch(l.name()::startsWith));
  }

  private static JsonObject run(Path notebook) throws Exception {
    KernelHarness.requireJupyter();
    JsonObject j = KernelHarness.python(900, KNOBS, "lesson_notebook.py",
        notebook.toAbsolutePath().toString(), "600").json();
    TIMES.add(String.format(Locale.ROOT, "%-55s %6.1f s", notebook, j.get("seconds")
        .getAsDouble()));
    return j;
  }

  @ParameterizedTest(name = "{0} (solutions)")
  @MethodSource("lessons")
  void solutionsRunCleanWithPictures(Lesson lesson) throws Exception {
    JsonObject j = run(LessonBook.solutionsPath(Path.of("notebooks"), lesson));
    int images = 0;
    for (JsonElement e : j.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      assertEquals(0, c.getAsJsonArray("errors").size(),
          lesson.name() + " cell " + c.get("index") + " failed: " + c.get("errors"));
      images += c.get("images").getAsInt();
    }
    boolean drawsCharts = lesson.cells().stream().anyMatch(
        c -> c.kind() == Cell.Kind.CODE && c.source().matches("(?s).*(QuantCharts|ModelCharts)\\..*"));
    if (drawsCharts) {
      assertTrue(images >= 1, lesson.name() + " draws charts but no image/png was output");
    }
  }

  @ParameterizedTest(name = "{0} (learner)")
  @MethodSource("lessons")
  void learnerFailsOnlyInExercisesWithTheFriendlyMessage(Lesson lesson) throws Exception {
    JsonObject j = run(LessonBook.learnerPath(Path.of("notebooks"), lesson));
    int exerciseErrors = 0;
    for (JsonElement e : j.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      boolean exercise = c.getAsJsonArray("tags").toString().contains("\"exercise\"");
      for (JsonElement err : c.getAsJsonArray("errors")) {
        String value = err.getAsJsonObject().get("evalue").getAsString();
        assertTrue(exercise, lesson.name() + " cell " + c.get("index")
            + " is not an exercise but failed: " + value);
        assertTrue(value.contains("Your turn!"), lesson.name() + " exercise cell "
            + c.get("index") + " failed without the friendly message: " + value);
        exerciseErrors++;
      }
    }
    assertEquals(lesson.exerciseCount(), exerciseErrors,
        lesson.name() + ": every exercise cell should stop with \"Your turn!\"");
  }

  @AfterAll
  static void printTimes() {
    System.out.println("Lesson notebook times (with CI knobs):");
    TIMES.forEach(t -> System.out.println("  " + t));
  }
}
