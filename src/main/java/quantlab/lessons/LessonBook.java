package quantlab.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * All lessons of a {@code lessons/} folder, in number order, and the files generated from them:
 * {@code notebooks/NN-title.ipynb} (learner), {@code notebooks/solutions/NN-title.ipynb}, and
 * JShell scripts on demand.
 */
public final class LessonBook {
  private final List<Lesson> lessons;

  private LessonBook(List<Lesson> lessons) {
    this.lessons = List.copyOf(lessons);
  }

  /** Reads every {@code NN-*.md} file of {@code dir} (README.md and others are skipped). */
  public static LessonBook read(Path dir) throws IOException {
    List<Lesson> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().matches("\\d\\d-.*\\.md")) {
          out.add(Lesson.read(f));
        }
      }
    }
    return new LessonBook(out);
  }

  public List<Lesson> lessons() {
    return lessons;
  }

  /** The lesson whose number or name is {@code key} ("3", "03", "03-rounding"). */
  public Lesson lesson(String key) {
    for (Lesson l : lessons) {
      if (l.name().equals(key) || l.number().equals(key)
          || (key.matches("\\d+") && Integer.parseInt(key) == Integer.parseInt(l.number()))) {
        return l;
      }
    }
    throw new IllegalArgumentException("no lesson '" + key + "'; there are " + lessons.stream()
        .map(Lesson::name).toList());
  }

  /** The learner's notebook path of {@code lesson} under {@code notebooks}. */
  public static Path learnerPath(Path notebooks, Lesson lesson) {
    return notebooks.resolve(lesson.name() + ".ipynb");
  }

  /** The solutions notebook path of {@code lesson} under {@code notebooks}. */
  public static Path solutionsPath(Path notebooks, Lesson lesson) {
    return notebooks.resolve("solutions").resolve(lesson.name() + ".ipynb");
  }

  /** Writes both notebooks of every lesson; returns the files whose content changed. */
  public List<Path> writeNotebooks(Path notebooks) throws IOException {
    List<Path> changed = new ArrayList<>();
    for (Lesson l : lessons) {
      if (write(learnerPath(notebooks, l), Notebooks.toJson(l, Notebooks.Version.LEARNER))) {
        changed.add(learnerPath(notebooks, l));
      }
      if (write(solutionsPath(notebooks, l), Notebooks.toJson(l, Notebooks.Version.SOLUTIONS))) {
        changed.add(solutionsPath(notebooks, l));
      }
    }
    return changed;
  }

  /** Notebooks under {@code notebooks} that differ from what the lessons generate. */
  public List<Path> staleNotebooks(Path notebooks) throws IOException {
    List<Path> stale = new ArrayList<>();
    for (Lesson l : lessons) {
      check(stale, learnerPath(notebooks, l), Notebooks.toJson(l, Notebooks.Version.LEARNER));
      check(stale, solutionsPath(notebooks, l), Notebooks.toJson(l, Notebooks.Version.SOLUTIONS));
    }
    return stale;
  }

  /** Writes the JShell script of one lesson to {@code dir/NN-title.jsh}. */
  public static Path writeScript(Lesson lesson, Notebooks.Version version, Path dir)
      throws IOException {
    Path file = dir.resolve(lesson.name() + (version == Notebooks.Version.SOLUTIONS
        ? "-solutions" : "") + ".jsh");
    write(file, JShellScripts.toScript(lesson, version));
    return file;
  }

  private static void check(List<Path> stale, Path file, String expected) throws IOException {
    if (!Files.exists(file)
        || !Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
      stale.add(file);
    }
  }

  private static boolean write(Path file, String text) throws IOException {
    if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
      return false;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }
}
