package quantlab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Line magics, as in IJava/JJava: a line of a cell whose first non-blank character is {@code %}.
 *
 * <ul>
 *   <li>{@code %classpath PATH...} (alias {@code %jars}): adds jars or class folders; globs such
 *       as {@code lib/*.jar} or {@code lib/**.jar} allowed; paths relative to the notebook.
 *   <li>{@code %maven GROUP:ARTIFACT:VERSION...} (alias {@code %addMavenDependency}): resolves
 *       the artifacts and their runtime dependencies from the local repository and Maven
 *       Central and adds them. {@code %mavenRepo ID URL} adds a repository.
 *   <li>{@code %load FILE}: runs a {@code .jsh}/{@code .java} file, or the {@code java} cells of
 *       a lesson ({@code .md}), in this session.
 * </ul>
 *
 * <p>Magics run in order with the Java code around them. Unlike IJava, a magic cannot be used
 * as an expression ({@code var x = %maven ...}).
 */
public final class Magics {
  /** One piece of a cell: Java code (with other pieces blanked) or a magic line. */
  public record Part(boolean magic, String text, String name, List<String> args) {}

  private Magics() {}

  /**
   * Splits {@code cell} into Java parts and magic lines, in order. A Java part keeps the cell's
   * length and line breaks (everything else blanked) so compile errors keep their line and
   * column. Example: {@code "%maven a:b:1\nint x = 1;"} gives the magic {@code maven [a:b:1]},
   * then the Java part {@code "            \nint x = 1;"}.
   */
  public static List<Part> split(String cell) {
    List<Part> parts = new ArrayList<>();
    String[] lines = cell.split("\n", -1);
    int pos = 0;
    int javaStart = 0;
    for (String line : lines) {
      String t = line.strip();
      if (t.length() > 1 && t.charAt(0) == '%' && Character.isLetter(t.charAt(1))) {
        if (pos > javaStart) {
          addJava(parts, cell, javaStart, pos);
        }
        List<String> words = tokenize(t.substring(1));
        parts.add(new Part(true, t, words.get(0), List.copyOf(words.subList(1, words.size()))));
        javaStart = pos + line.length() + 1;
      }
      pos += line.length() + 1;
    }
    if (javaStart < cell.length()) {
      addJava(parts, cell, javaStart, cell.length());
    }
    return parts;
  }

  private static void addJava(List<Part> parts, String cell, int from, int to) {
    String segment = cell.substring(from, Math.min(to, cell.length()));
    if (segment.isBlank()) {
      return;
    }
    StringBuilder sb = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      sb.append(i >= from && i < to || c == '\n' ? c : ' ');
    }
    parts.add(new Part(false, sb.toString(), null, List.of()));
  }

  /** Splits magic arguments on blanks; double quotes group, backslash escapes. */
  public static List<String> tokenize(String args) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (c == '\\' && i + 1 < args.length()) {
        cur.append(args.charAt(++i));
        any = true;
      } else if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed quote in magic arguments: " + args);
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * The files a {@code %classpath} argument names: entries separated by the path separator,
   * each a path or a glob ({@code *}, {@code **}, {@code ?}) relative to {@code base}. A glob
   * that matches nothing, or a missing path, is an error naming it.
   */
  public static List<Path> resolveClasspath(Path base, String arg) {
    List<Path> out = new ArrayList<>();
    for (String entry : arg.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      String e = entry.startsWith("~/") ? System.getProperty("user.home") + entry.substring(1)
          : entry;
      if (!e.contains("*") && !e.contains("?") && !e.contains("[") && !e.contains("{")) {
        Path p = base.resolve(e).normalize();
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("%classpath: " + p + " does not exist");
        }
        out.add(p);
        continue;
      }
      String unix = e.replace('\\', '/');
      int firstGlob = indexOfGlob(unix);
      int slash = unix.lastIndexOf('/', firstGlob);
      Path root = base.resolve(slash < 0 ? "." : unix.substring(0, slash + 1)).normalize();
      String pattern = slash < 0 ? unix : unix.substring(slash + 1);
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> !p.equals(root) && m.matches(root.relativize(p)))
              .sorted().forEach(found::add);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("%classpath: no file matches " + entry
            + " (looked in " + root + ")");
      }
      out.addAll(found);
    }
    return out;
  }

  private static int indexOfGlob(String s) {
    int i = Integer.MAX_VALUE;
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int k = s.indexOf(c);
      if (k >= 0) {
        i = Math.min(i, k);
      }
    }
    return i;
  }

  /**
   * The Java code of a file for {@code %load}: a {@code .md} lesson gives its fenced
   * {@code java} blocks joined (exercise solutions complete, see {@link
   * quantlab.lessons.Lesson#javaBlocks}), any other file its whole text.
   */
  public static String loadableCode(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("%load: cannot read " + file, e);
    }
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
      return text;
    }
    return String.join("\n", quantlab.lessons.Lesson.javaBlocks(text));
  }
}
