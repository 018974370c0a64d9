package quantlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import quantlab.kernel.Kernelspec;
import quantlab.kernel.Magics;
import quantlab.kernel.StartupImports;
import quantlab.lessons.JShellScripts;
import quantlab.lessons.Lesson;
import quantlab.lessons.Notebooks;

/**
 * {@code quantlab jshell [lesson]}: plain JShell with quantlab on the classpath, the kernel's
 * startup imports, and a lesson's Java cells (or a .jsh/.java file) loaded. {@code display(chart)}
 * writes PNG files under charts/.
 */
@Command(name = "jshell", description = "Start JShell with quantlab, the startup imports and "
    + "optionally a lesson (lessons/NN-*.md, a number such as 03, or a .jsh/.java file).")
public final class JShellCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", description = "Lesson file, lesson number, or .jsh/.java file.")
  String lesson;

  @picocli.CommandLine.Option(names = "--solutions",
      description = "Load a lesson with its exercises solved (default: the learner's version, "
          + "whose exercise cells say \"Your turn!\").")
  boolean solutions;

  @Override
  public Integer call() throws Exception {
    Path startup = Files.createTempFile("quantlab-startup", ".jsh");
    startup.toFile().deleteOnExit();
    Files.writeString(startup, String.join("\n", StartupImports.lines()) + "\n");
    String jshell = Path.of(System.getProperty("java.home"), "bin", "jshell").toString();
    List<String> cmd = new ArrayList<>(List.of(jshell,
        "--class-path", Kernelspec.currentClasspath(), "-R-Dquantlab.charts.dir=charts",
        "--startup", "DEFAULT", "--startup", startup.toString()));
    if (!hasDisplay()) {
      cmd.add(1, "-R-Djava.awt.headless=true");
    }
    if (lesson != null) {
      Path file = findLesson(lesson);
      Path code = file;
      if (file.toString().endsWith(".md")) {
        code = Files.createTempFile("quantlab-lesson", ".jsh");
        code.toFile().deleteOnExit();
        Files.writeString(code, file.getFileName().toString().matches("\\d\\d-.*\\.md")
            ? JShellScripts.toScript(Lesson.read(file),
                solutions ? Notebooks.Version.SOLUTIONS : Notebooks.Version.LEARNER)
            : Magics.loadableCode(file));
      }
      System.out.println("quantlab: loading " + file);
      cmd.add(code.toString());
    }
    System.out.println("quantlab: display(chart) writes charts/*.png"
        + (hasDisplay() ? " and opens a window" : "") + "; /exit to leave");
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    return pb.start().waitFor();
  }

  /** True on macOS and Windows, and on Linux/Unix when DISPLAY or WAYLAND_DISPLAY is set. */
  static boolean hasDisplay() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    if (os.startsWith("mac") || os.startsWith("windows")) {
      return true;
    }
    String d = System.getenv("DISPLAY");
    String w = System.getenv("WAYLAND_DISPLAY");
    return (d != null && !d.isBlank()) || (w != null && !w.isBlank());
  }

  /** A path, or {@code lessons/NN-*.md} for a lesson number {@code NN}. */
  static Path findLesson(String arg) throws IOException {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) {
      return p;
    }
    Path lessons = Path.of("lessons");
    if (arg.matches("\\d{1,2}") && Files.isDirectory(lessons)) {
      String prefix = (arg.length() == 1 ? "0" : "") + arg + "-";
      try (Stream<Path> s = Files.list(lessons)) {
        List<Path> found = s.filter(f -> f.getFileName().toString().startsWith(prefix)
            && f.toString().endsWith(".md")).sorted().toList();
        if (!found.isEmpty()) {
          return found.get(0);
        }
      }
    }
    throw new IllegalArgumentException("no lesson or file named " + arg
        + " (give a path, or a number NN for lessons/NN-*.md)");
  }
}
