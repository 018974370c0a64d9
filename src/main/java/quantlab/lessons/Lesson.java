package quantlab.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A lesson source {@code lessons/NN-title.md}: Markdown whose fenced {@code java} blocks are code
 * cells; the Markdown between them becomes Markdown cells. The first level-1 heading is the
 * title.
 *
 * <p>Example: a file with a heading, a paragraph and one {@code ```java} block parses into two
 * cells, MARKDOWN then CODE.
 */
public final class Lesson {
  private static final Pattern NAME = Pattern.compile("(\\d\\d)-([a-z0-9-]+)\\.md");
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private final String number;
  private final String slug;
  private final String title;
  private final List<Cell> cells;

  private Lesson(String number, String slug, String title, List<Cell> cells) {
    this.number = number;
    this.slug = slug;
    this.title = title;
    this.cells = List.copyOf(cells);
  }

  /** Reads and parses a lesson file named {@code NN-title.md}. */
  public static Lesson read(Path file) throws IOException {
    return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses lesson text; {@code fileName} must look like {@code 03-rounding.md}. */
  public static Lesson parse(String fileName, String markdown) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "lesson file name must look like NN-title.md (lower case, digits, dashes), got "
              + fileName);
    }
    String text = markdown.replace("\r\n", "\n");
    String[] lines = text.split("\n", -1);
    Node doc = PARSER.parse(text);
    List<Cell> cells = new ArrayList<>();
    String title = null;
    int mdStart = 0; // first line of pending Markdown
    for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
      if (title == null && n instanceof Heading h && h.getLevel() == 1) {
        title = textOf(h);
      }
      if (n instanceof FencedCodeBlock code && isJava(code.getInfo())) {
        List<SourceSpan> spans = n.getSourceSpans();
        int first = spans.get(0).getLineIndex();
        int last = spans.get(spans.size() - 1).getLineIndex();
        addMarkdown(cells, lines, mdStart, first);
        String src = code.getLiteral();
        if (src.endsWith("\n")) {
          src = src.substring(0, src.length() - 1);
        }
        String where = fileName + ":" + (first + 1);
        Solutions.learner(src, where); // checks the markers are well formed
        cells.add(new Cell(Cell.Kind.CODE, src, first + 1));
        mdStart = last + 1;
      }
    }
    addMarkdown(cells, lines, mdStart, lines.length);
    if (title == null) {
      throw new IllegalArgumentException(fileName + " needs a '# Title' heading");
    }
    return new Lesson(m.group(1), m.group(2), title, cells);
  }

  private static boolean isJava(String info) {
    return info != null && info.trim().split("\\s+")[0].equals("java");
  }

  private static void addMarkdown(List<Cell> cells, String[] lines, int from, int to) {
    int a = from;
    int b = to;
    while (a < b && lines[a].isBlank()) {
      a++;
    }
    while (b > a && lines[b - 1].isBlank()) {
      b--;
    }
    if (a < b) {
      StringBuilder sb = new StringBuilder();
      for (int i = a; i < b; i++) {
        sb.append(lines[i]).append(i + 1 < b ? "\n" : "");
      }
      cells.add(new Cell(Cell.Kind.MARKDOWN, sb.toString(), a + 1));
    }
  }

  private static String textOf(Node node) {
    StringBuilder sb = new StringBuilder();
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof Text t) {
        sb.append(t.getLiteral());
      } else {
        sb.append(textOf(c));
      }
    }
    return sb.toString();
  }

  /** The two-digit number, e.g. {@code "03"}. */
  public String number() {
    return number;
  }

  /** The file name without number and extension, e.g. {@code "rounding"}. */
  public String slug() {
    return slug;
  }

  /** {@code NN-slug}, the base name of every file generated from this lesson. */
  public String name() {
    return number + "-" + slug;
  }

  public String title() {
    return title;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** How many code cells hold an exercise. */
  public long exerciseCount() {
    return cells.stream().filter(Cell::isExercise).count();
  }

  @Override
  public String toString() {
    return "Lesson{" + name() + ", \"" + title + "\", " + cells.size() + " cells, "
        + exerciseCount() + " exercises}";
  }
}
