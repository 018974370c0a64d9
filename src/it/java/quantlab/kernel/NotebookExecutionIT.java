package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A notebook with a chart, a table, output from another thread, a runtime error, a compile
 * error and cells after them, executed through nbclient: each cell has the expected outputs.
 */
class NotebookExecutionIT {
  static final String[] CELLS = {
    // 0 chart
    "var c = new XYChart(400, 300);\nc.setTitle(\"squares\");\n"
        + "c.addSeries(\"y\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nc",
    // 1 table
    "Table t = Table.create(\"t\").addColumns(DoubleColumn.create(\"x\", 1.5, 2.5),\n"
        + "    StringColumn.create(\"s\", \"<a>\", \"b\"));\nt",
    // 2 stdout from another thread
    "Thread th = new Thread(() -> System.out.println(\"from a thread\"));\nth.start();\n"
        + "th.join();",
    // 3 runtime error
    "int zero = 0;\nint z = 10 / zero;",
    // 4 compile error
    "int ok = 1;\nString s = 42;",
    // 5 recovered: state from cells 0, 1 and 4 (ok was declared before the error)
    "c.getTitle() + \" \" + t.rowCount() + \" \" + ok",
    // 6 declaration: no output
    "int w = 3;",
    // 7 display and update
    "String id = display(\"first\");\nupdateDisplay(id, \"second\");",
  };

  @Test
  void notebookRunsWithExpectedOutputTypes() throws Exception {
    KernelHarness.requireJupyter();
    Path nb = Files.createTempDirectory("quantlab-nb").resolve("it.ipynb");
    Files.writeString(nb, notebookJson(CELLS));
    JsonObject j = KernelHarness.python(600, "kernel_scenarios.py", "notebook",
        nb.toString()).json();
    JsonArray cells = j.getAsJsonArray("cells");
    assertEquals(CELLS.length, cells.size());

    JsonObject chart = only(cells, 0);
    assertEquals("execute_result", chart.get("output_type").getAsString());
    assertEquals("[\"image/png\",\"text/plain\"]", chart.get("mimes").toString());

    JsonObject table = only(cells, 1);
    assertEquals("execute_result", table.get("output_type").getAsString());
    assertEquals("[\"text/html\",\"text/plain\"]", table.get("mimes").toString());

    JsonObject thread = only(cells, 2);
    assertEquals("stream", thread.get("output_type").getAsString());
    assertEquals("stdout", thread.get("name").getAsString());
    assertEquals("from a thread\n", thread.get("text").getAsString());

    JsonObject runtime = only(cells, 3);
    assertEquals("error", runtime.get("output_type").getAsString());
    assertEquals("EvaluationException", runtime.get("ename").getAsString());
    JsonArray tb = runtime.getAsJsonArray("traceback");
    assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0).getAsString());
    assertEquals("\tat (cell [4], line 2)", tb.get(1).getAsString());

    JsonObject compile = only(cells, 4);
    assertEquals("CompileException", compile.get("ename").getAsString());
    JsonArray ctb = compile.getAsJsonArray("traceback");
    assertTrue(ctb.get(0).getAsString().startsWith("Compile error at line 2, column 12: "
        + "incompatible types"), ctb.toString());
    assertEquals("String s = 42;", ctb.get(1).getAsString());
    assertEquals("           ^^", ctb.get(2).getAsString());

    JsonObject recovered = only(cells, 5);
    assertEquals("execute_result", recovered.get("output_type").getAsString());

    assertEquals(0, cells.get(6).getAsJsonArray().size(), "a declaration echoes nothing");

    JsonObject shown = only(cells, 7);
    assertEquals("display_data", shown.get("output_type").getAsString());
  }

  private static JsonObject only(JsonArray cells, int i) {
    JsonArray outs = cells.get(i).getAsJsonArray();
    assertEquals(1, outs.size(), "cell " + i + " outputs: " + outs);
    return outs.get(0).getAsJsonObject();
  }

  static String notebookJson(String... sources) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (String s : sources) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("cell_type", "code");
      cell.put("execution_count", null);
      cell.put("metadata", Map.of());
      cell.put("outputs", List.of());
      cell.put("source", s);
      cells.add(cell);
    }
    Map<String, Object> nb = new LinkedHashMap<>();
    nb.put("cells", cells);
    nb.put("metadata", Map.of("kernelspec", Map.of("name", "java", "language", "java",
        "display_name", "Java (quantlab)")));
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    return new Gson().newBuilder().serializeNulls().create().toJson(nb);
  }
}
