package quantlab.lessons;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a lesson as a Jupyter notebook (nbformat 4.5) without outputs, in the learner's or the
 * solutions version. The JSON is laid out as Jupyter itself saves it (keys sorted, one-space
 * indent, source as a list of lines), so a notebook saved unchanged from Jupyter gives no diff.
 */
public final class Notebooks {
  private Notebooks() {}

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  /** Which version of a lesson to write. */
  public enum Version {
    /** Exercise solutions replaced by stubs that throw {@link YourTurn} with a hint. */
    LEARNER,
    /** Complete code, marker lines removed. */
    SOLUTIONS
  }

  /** The kernelspec every quantlab notebook names: quantlab's Java kernel. */
  public static final String KERNEL_NAME = "java";

  /** The notebook's JSON text, ending in a newline. */
  public static String toJson(Lesson lesson, Version version) {
    JsonArray cells = new JsonArray();
    int i = 0;
    for (Cell c : lesson.cells()) {
      Map<String, JsonElement> cell = new TreeMap<>();
      String where = lesson.name() + ".md:" + c.line();
      String source = c.kind() == Cell.Kind.MARKDOWN ? c.source()
          : version == Version.LEARNER ? Solutions.learner(c.source(), where)
          : Solutions.solution(c.source(), where);
      cell.put("cell_type", new JsonPrimitive(c.kind() == Cell.Kind.CODE ? "code" : "markdown"));
      cell.put("id", new JsonPrimitive(String.format("%s-%02d", lesson.name(), i++)));
      JsonObject meta = new JsonObject();
      if (c.isExercise()) {
        JsonArray tags = new JsonArray();
        tags.add("exercise");
        meta.add("tags", tags);
      }
      cell.put("metadata", meta);
      cell.put("source", lines(source));
      if (c.kind() == Cell.Kind.CODE) {
        cell.put("execution_count", JsonNull.INSTANCE);
        cell.put("outputs", new JsonArray());
      }
      cells.add(sorted(cell));
    }
    Map<String, JsonElement> kernelspec = new TreeMap<>();
    kernelspec.put("display_name", new JsonPrimitive("Java (quantlab)"));
    kernelspec.put("language", new JsonPrimitive("java"));
    kernelspec.put("name", new JsonPrimitive(KERNEL_NAME));
    Map<String, JsonElement> languageInfo = new TreeMap<>();
    languageInfo.put("codemirror_mode", new JsonPrimitive("java"));
    languageInfo.put("file_extension", new JsonPrimitive(".jshell"));
    languageInfo.put("mimetype", new JsonPrimitive("text/x-java-source"));
    languageInfo.put("name", new JsonPrimitive("Java"));
    languageInfo.put("pygments_lexer", new JsonPrimitive("java"));
    Map<String, JsonElement> metadata = new TreeMap<>();
    metadata.put("kernelspec", sorted(kernelspec));
    metadata.put("language_info", sorted(languageInfo));
    Map<String, JsonElement> quantlab = new TreeMap<>();
    quantlab.put("lesson", new JsonPrimitive(lesson.name()));
    quantlab.put("version", new JsonPrimitive(version.name().toLowerCase(java.util.Locale.ROOT)));
    quantlab.put("generated_from", new JsonPrimitive("lessons/" + lesson.name() + ".md"));
    metadata.put("quantlab", sorted(quantlab));
    Map<String, JsonElement> nb = new TreeMap<>();
    nb.put("cells", cells);
    nb.put("metadata", sorted(metadata));
    nb.put("nbformat", new JsonPrimitive(4));
    nb.put("nbformat_minor", new JsonPrimitive(5));
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setIndent(" ");
      GSON.toJson(sorted(nb), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static JsonObject sorted(Map<String, JsonElement> map) {
    JsonObject o = new JsonObject();
    new TreeMap<>(map).forEach(o::add);
    return o;
  }

  /** Jupyter's "multiline string": each line keeps its newline, the last has none. */
  private static JsonArray lines(String text) {
    JsonArray a = new JsonArray();
    if (text.isEmpty()) {
      return a;
    }
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      a.add(parts[i] + (i + 1 < parts.length ? "\n" : ""));
    }
    return a;
  }
}
