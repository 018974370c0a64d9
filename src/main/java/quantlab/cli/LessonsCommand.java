package quantlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import quantlab.lessons.Lesson;
import quantlab.lessons.LessonBook;
import quantlab.lessons.Notebooks;

/**
 * {@code quantlab lessons}: list the lessons, regenerate the notebooks from {@code lessons/}, check
 * that the committed notebooks are current, or write a lesson's JShell script.
 */
@Command(
    name = "lessons",
    description = "List lessons, regenerate notebooks from lessons/, or write JShell scripts.",
    subcommands = {
      LessonsCommand.ListLessons.class,
      LessonsCommand.Generate.class,
      LessonsCommand.CheckCurrent.class,
      LessonsCommand.Script.class
    })
public final class LessonsCommand implements Runnable {
  @Option(names = "--lessons", description = "Lesson sources (default: ${DEFAULT-VALUE}).")
  Path lessonsDir = Path.of("lessons");

  @Option(names = "--notebooks", description = "Notebook folder (default: ${DEFAULT-VALUE}).")
  Path notebooksDir = Path.of("notebooks");

  PrintStream out = System.out;

  @Override
  public void run() {
    new ListLessons().print(this);
  }

  LessonBook book() {
    try {
      return LessonBook.read(lessonsDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code quantlab lessons list}. */
  @Command(name = "list", description = "List the lessons and their exercises.")
  static final class ListLessons implements Runnable {
    @picocli.CommandLine.ParentCommand LessonsCommand parent;

    @Override
    public void run() {
      print(parent);
    }

    void print(LessonsCommand p) {
      for (Lesson l : p.book().lessons()) {
        p.out.printf("%s  %-50s %d exercises%n", l.name(), l.title(), l.exerciseCount());
      }
    }
  }

  /** {@code quantlab lessons generate}. */
  @Command(name = "generate",
      description = "Write notebooks/NN-title.ipynb and notebooks/solutions/NN-title.ipynb.")
  static final class Generate implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand LessonsCommand parent;

    @Override
    public Integer call() throws IOException {
      List<Path> changed = parent.book().writeNotebooks(parent.notebooksDir);
      changed.forEach(f -> parent.out.println("wrote " + f));
      parent.out.println(changed.isEmpty() ? "all notebooks were current"
          : changed.size() + " notebooks written");
      return 0;
    }
  }

  /** {@code quantlab lessons check}. */
  @Command(name = "check",
      description = "Exit 1 if a committed notebook differs from what its lesson generates.")
  static final class CheckCurrent implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand LessonsCommand parent;

    @Override
    public Integer call() throws IOException {
      List<Path> stale = parent.book().staleNotebooks(parent.notebooksDir);
      stale.forEach(f -> parent.out.println("stale: " + f));
      parent.out.println(stale.isEmpty() ? "all notebooks are current"
          : "run ./quantlab lessons generate and commit the notebooks");
      return stale.isEmpty() ? 0 : 1;
    }
  }

  /** {@code quantlab lessons jshell NN}. */
  @Command(name = "jshell", description = "Write a lesson's code as a JShell script.")
  static final class Script implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand LessonsCommand parent;

    @Parameters(index = "0", description = "Lesson number or name, e.g. 3 or 03-rounding.")
    String lesson;

    @Option(names = "--solutions", description = "Write the complete code, not the learner's.")
    boolean solutions;

    @Option(names = "--out", description = "Folder (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("target", "jshell");

    @Override
    public Integer call() throws IOException {
      Path f = LessonBook.writeScript(parent.book().lesson(lesson),
          solutions ? Notebooks.Version.SOLUTIONS : Notebooks.Version.LEARNER, dir);
      parent.out.println(f);
      return 0;
    }
  }
}
