package quantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterToolsTest {
  @TempDir
  Path tmp;

  private Path executable(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void thePythonBesideJupyterComesFirstSoSysPrefixIsTheUsersEnvironment() throws IOException {
    // A conda/venv environment whose jupyter the user runs, behind another python3 on PATH.
    Path env = tmp.resolve("env/bin");
    Path other = tmp.resolve("other/bin");
    Path envPython = executable(env, "python3");
    executable(env, "jupyter");
    Path otherPython = executable(other, "python3");
    String path = other + File.pathSeparator + env;

    List<String> candidates = JupyterTools.pythonCandidates(path);

    assertEquals(envPython.toString(), candidates.get(0));
    assertEquals(otherPython.toString(), candidates.get(1));
    assertEquals(candidates.size(), candidates.stream().distinct().count(), "no duplicates");
  }

  @Test
  void withoutJupyterOnPathThePathPythonComesBeforeDebians() throws IOException {
    Path other = tmp.resolve("other/bin");
    Path otherPython = executable(other, "python3");

    List<String> candidates = JupyterTools.pythonCandidates(other.toString());

    assertEquals(otherPython.toString(), candidates.get(0));
    if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      assertEquals(List.of(otherPython.toString(), "/usr/bin/python3"), candidates);
    }
  }

  @Test
  void onPathSkipsDirectoriesAndEmptyEntries() throws IOException {
    Path dir = tmp.resolve("bin");
    Files.createDirectories(dir.resolve("jupyter")); // a directory named like the program
    assertEquals(java.util.Optional.empty(),
        JupyterTools.onPath("jupyter", File.pathSeparator + dir));
  }
}
