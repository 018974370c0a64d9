package quantlab.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code binder/postBuild} as repo2docker would, on a copy of the repository with a fresh
 * HOME and a fresh Jupyter prefix, then executes lesson 01 (solutions) through nbclient with the
 * kernel that postBuild installed.
 */
class BinderPostBuildIT {
  /** What postBuild needs from the repository (tests are not built by it). */
  static final List<String> COPY = List.of("pom.xml", "mvnw", ".mvn", "quantlab", "binder",
      "src/main", "notebooks");

  @Test
  void postBuildInstallsAKernelThatRunsLessonOne() throws Exception {
    BinderFixture.requireNbclient();
    Path root = Files.createTempDirectory("quantlab-binder-it");
    try {
      Path repo = root.resolve("repo");
      for (String item : COPY) {
        copyTree(Path.of(item), repo.resolve(item));
      }
      Path home = Files.createDirectories(root.resolve("home"));
      Path prefix = root.resolve("prefix");

      Map<String, String> env = new HashMap<>();
      env.put("HOME", home.toString());
      env.put("QUANTLAB_JUPYTER_PREFIX", prefix.toString());
      env.put("JUPYTER_DATA_DIR", home.resolve(".local/share/jupyter").toString());
      env.put("JUPYTER_CONFIG_DIR", home.resolve(".jupyter").toString());
      env.put("JUPYTER_RUNTIME_DIR", root.resolve("runtime").toString());
      // Reuse this machine's Maven distribution and dependencies, offline: the build itself is
      // what is under test, not Maven Central.
      Path m2 = Path.of(System.getProperty("user.home"), ".m2");
      env.put("MAVEN_USER_HOME", m2.toString());
      env.put("MAVEN_ARGS", "-o -Dmaven.repo.local=" + m2.resolve("repository"));

      // postBuild trains the lessons' MLP into the fresh HOME's model cache; the CI knobs keep
      // that to one epoch on 2,000 images here.
      // (Java's user.home comes from the password file, not HOME, so the cache is named.)
      env.put("QUANTLAB_MAX_EPOCHS", "1");
      env.put("QUANTLAB_MAX_IMAGES", "2000");
      env.put("QUANTLAB_CACHE", home.resolve(".cache/quantlab").toString());

      long t0 = System.nanoTime();
      BinderFixture.Result build = BinderFixture.run(repo, env, 900, "bash", "binder/postBuild");
      System.out.printf("postBuild: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      assertEquals(0, build.exit(), build.output());
      assertTrue(build.output().contains("postBuild: done"), build.output());

      // The kernelspec is in the prefix and runs the classes postBuild just built.
      Path spec = prefix.resolve("share/jupyter/kernels/java/kernel.json");
      assertTrue(Files.exists(spec), "no kernelspec at " + spec + "\n" + build.output());
      String specText = Files.readString(spec);
      assertTrue(specText.contains(repo.resolve("target/classes").toString()), specText);
      assertTrue(Files.exists(repo.resolve("target/classes/quantlab/kernel")),
          "postBuild did not compile the kernel");
      // The MLP is in the image's model cache, under the key lesson 02 asks for (seed 1).
      Path models = home.resolve(".cache/quantlab/models");
      try (var dirs = Files.list(models)) {
        assertTrue(dirs.anyMatch(d -> d.getFileName().toString().startsWith("MLP-seed1-")),
            "no trained MLP in " + models + "\n" + build.output());
      }
      // Nothing was written into the fresh HOME's Jupyter data directory.
      assertTrue(!Files.exists(home.resolve(".local/share/jupyter/kernels/java")));

      env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
      Path nb = repo.resolve(BinderFixture.LESSON);
      Path script = Path.of("src/it/python/binder/execute_notebook.py").toAbsolutePath();
      t0 = System.nanoTime();
      BinderFixture.Result exec = BinderFixture.run(repo, env, 600, BinderFixture.PYTHON,
          script.toString(), nb.toString(), "300");
      System.out.printf("lesson 01 via nbclient: %.0f s%n", (System.nanoTime() - t0) / 1e9);
      assertEquals(0, exec.exit(), exec.output());
      String[] lines = exec.output().strip().split("\n");
      JsonObject j = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
      assertEquals(prefix.resolve("share/jupyter/kernels/java").toString(),
          j.get("kernel").getAsString(), "nbclient used another kernelspec");
      assertTrue(j.get("code_cells").getAsInt() > 0, j.toString());
      assertEquals(0, j.getAsJsonArray("errors").size(), "error outputs: " + j);
      assertTrue(j.get("png").getAsInt() >= 1, "no image/png output: " + j);
    } finally {
      BinderFixture.deleteTree(root);
    }
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
