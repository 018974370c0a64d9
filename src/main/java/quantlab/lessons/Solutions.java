package quantlab.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise solutions inside code cells, between the markers nbgrader uses:
 *
 * <pre>{@code
 * static int levels(int bits) {
 *   // BEGIN SOLUTION
 *   // HINT: each extra bit doubles the number of codes
 *   return 1 << bits;
 *   // END SOLUTION
 * }
 * }</pre>
 *
 * <p>The learner's version replaces the block with {@code // YOUR CODE HERE} and a statement that
 * throws {@link quantlab.lessons.YourTurn} carrying the hint; the solutions version drops the
 * marker and hint lines. A block must end its method (nothing may follow it in the method body),
 * so the learner's version still compiles.
 */
public final class Solutions {
  private Solutions() {}

  private static final Pattern BEGIN = Pattern.compile("^(\\s*)//\\s*BEGIN SOLUTION\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*//\\s*END SOLUTION\\s*$");
  private static final Pattern HINT = Pattern.compile("^\\s*//\\s*HINT:\\s*(.*)$");

  static boolean hasSolution(String code) {
    for (String line : code.split("\n", -1)) {
      if (BEGIN.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The complete code: marker and hint lines removed. */
  public static String solution(String code, String where) {
    return transform(code, where, false);
  }

  /** The learner's code: each solution block replaced by a stub that throws a hint. */
  public static String learner(String code, String where) {
    return transform(code, where, true);
  }

  private static String transform(String code, String where, boolean learner) {
    List<String> out = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    String indent = null;
    String hint = null;
    int beginLine = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher b = BEGIN.matcher(line);
      if (b.matches()) {
        if (indent != null) {
          throw new IllegalArgumentException(where + ": BEGIN SOLUTION at code line " + (i + 1)
              + " inside the block opened at line " + beginLine);
        }
        indent = b.group(1);
        hint = null;
        beginLine = i + 1;
        continue;
      }
      if (END.matcher(line).matches()) {
        if (indent == null) {
          throw new IllegalArgumentException(
              where + ": END SOLUTION at code line " + (i + 1) + " without BEGIN SOLUTION");
        }
        if (learner) {
          out.add(indent + "// YOUR CODE HERE");
          out.add(indent + "throw new quantlab.lessons.YourTurn(" + javaString(
              hint == null ? "replace this line with your code" : hint) + ");");
        }
        indent = null;
        continue;
      }
      Matcher h = HINT.matcher(line);
      if (indent != null && h.matches()) {
        hint = h.group(1).trim();
        continue;
      }
      if (indent == null || !learner) {
        out.add(line);
      }
    }
    if (indent != null) {
      throw new IllegalArgumentException(
          where + ": BEGIN SOLUTION at code line " + beginLine + " has no END SOLUTION");
    }
    return String.join("\n", out);
  }

  static String javaString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
