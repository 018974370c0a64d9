package quantlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns compile diagnostics and exceptions into the lines a notebook shows: message, line and
 * column, the offending code with a caret; stack traces without kernel and JShell frames.
 */
final class ErrorFormat {
  private ErrorFormat() {}

  /**
   * Lines for a compile error at {@code start..end} (offsets into {@code cell}).
   *
   * <p>Example: for cell {@code "int x = \"a\";"} and the error at offset 8 the lines are
   * {@code "Compile error at line 1, column 9: incompatible types..."}, {@code "int x = \"a\";"},
   * {@code "        ^-^"}.
   */
  static List<String> compileError(String cell, int start, int end, String message) {
    List<String> lines = new ArrayList<>();
    int line = lineOf(cell, start);
    int col = start - lineStart(cell, start) + 1;
    String[] msg = message.split("\\R");
    lines.add(String.format(Locale.ROOT, "Compile error at line %d, column %d: %s", line, col,
        msg[0]));
    for (int i = 1; i < msg.length; i++) {
      lines.add("  " + msg[i]);
    }
    int ls = lineStart(cell, start);
    int le = cell.indexOf('\n', ls);
    if (le < 0) {
      le = cell.length();
    }
    String text = cell.substring(ls, le).replace("\r", "");
    lines.add(text);
    int caretEnd = Math.max(start, Math.min(end, le) - 1);
    StringBuilder caret = new StringBuilder();
    for (int i = ls; i < start; i++) {
      caret.append(cell.charAt(i) == '\t' ? '\t' : ' ');
    }
    caret.append('^');
    if (caretEnd > start) {
      for (int i = start + 1; i < caretEnd; i++) {
        caret.append('-');
      }
      caret.append('^');
    }
    lines.add(caret.toString());
    return lines;
  }

  /** 1-based line number of {@code offset} in {@code text}. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineStart(String text, int offset) {
    int i = Math.min(offset, text.length());
    while (i > 0 && text.charAt(i - 1) != '\n') {
      i--;
    }
    return i;
  }

  /** Where a snippet came from, to name frames {@code cell [3], line 2}. */
  interface SnippetOrigin {
    /** "cell [n], line m" for snippet {@code id} and 1-based line in the snippet, or null. */
    String describe(String snippetId, int lineInSnippet);
  }

  /**
   * Lines for an exception thrown by a cell: {@code Class: message}, then its frames with the
   * kernel's own frames (JShell, reflection, quantlab.kernel, threads) removed, then causes.
   */
  static List<String> exception(String className, String message, StackTraceElement[] trace,
      Throwable cause, SnippetOrigin origin) {
    List<String> lines = new ArrayList<>();
    lines.add(message == null ? className : className + ": " + message);
    appendFrames(lines, trace, origin);
    Throwable c = cause;
    int depth = 0;
    while (c != null && depth++ < 10) {
      String name = c instanceof jdk.jshell.EvalException
          ? ((jdk.jshell.EvalException) c).getExceptionClassName() : c.getClass().getName();
      lines.add("Caused by: " + (c.getMessage() == null ? name : name + ": " + c.getMessage()));
      appendFrames(lines, c.getStackTrace(), origin);
      c = c.getCause();
    }
    return lines;
  }

  private static void appendFrames(List<String> lines, StackTraceElement[] trace,
      SnippetOrigin origin) {
    for (StackTraceElement e : trace) {
      if (isKernelFrame(e)) {
        continue;
      }
      lines.add("\tat " + frame(e, origin));
    }
  }

  /** True for frames the user did not write: JShell, reflection, the kernel, thread plumbing. */
  static boolean isKernelFrame(StackTraceElement e) {
    String c = e.getClassName();
    return c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.")
        || c.startsWith("java.lang.reflect.") || c.startsWith("quantlab.kernel.")
        || c.startsWith("org.dflib.jjava.") || c.equals("java.lang.Thread")
        || c.startsWith("java.util.concurrent.");
  }

  private static String frame(StackTraceElement e, SnippetOrigin origin) {
    String file = e.getFileName();
    String cls = e.getClassName();
    if (file != null && file.startsWith("#") && origin != null) {
      String where = origin.describe(file.substring(1), e.getLineNumber());
      String method = e.getMethodName().equals("do_it$") ? "" : e.getMethodName();
      String owner = cls.replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?", "");
      String name = owner.isEmpty() ? method : owner + (method.isEmpty() ? "" : "." + method);
      return (name.isEmpty() ? "" : name + " ") + "(" + (where != null ? where : file) + ")";
    }
    return e.toString();
  }
}
