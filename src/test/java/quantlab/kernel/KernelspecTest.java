package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelspecTest {
  @Test
  void kernelJsonHasWhatJupyterAndIJavaNotebooksNeed(@TempDir Path data) throws Exception {
    Path file = Kernelspec.install(data, false, false);
    assertEquals(data.resolve("kernels/java/kernel.json"), file);
    JsonObject j = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    assertEquals("java", j.get("language").getAsString());
    assertEquals("message", j.get("interrupt_mode").getAsString());
    assertEquals("Java (quantlab)", j.get("display_name").getAsString());
    assertEquals("2", j.getAsJsonObject("env").get("TF_CPP_MIN_LOG_LEVEL").getAsString());
    var argv = j.getAsJsonArray("argv");
    assertTrue(argv.get(0).getAsString().endsWith("java"));
    assertTrue(argv.toString().contains("\"-Djava.awt.headless=true\""));
    assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString());
    assertEquals("quantlab.kernel.KernelMain", argv.get(argv.size() - 2).getAsString());
    String cp = argv.get(argv.size() - 3).getAsString();
    assertEquals("-cp", argv.get(argv.size() - 4).getAsString());
    assertTrue(cp.contains("jjava-jupyter"), cp);
  }

  @Test
  void reinstallReplacesAndRemoveDeletes(@TempDir Path data) throws Exception {
    Path file = Kernelspec.install(data, false, false);
    Files.writeString(file, "stale");
    Kernelspec.install(data, false, false);
    assertTrue(Files.readString(file).startsWith("{"));
    assertTrue(Kernelspec.remove(data));
    assertFalse(Files.exists(data.resolve("kernels/java")));
    assertFalse(Kernelspec.remove(data));
  }
}
