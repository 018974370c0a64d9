package quantlab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates notebook cells with JShell inside this JVM, so a cell's last expression is a live
 * object. Independent of Jupyter: the kernel, the tests and the measurements all drive it.
 *
 * <pre>{@code
 * try (CellEvaluator ev = CellEvaluator.create(List.of())) {
 *   ev.eval("int x = 20;", 1);          // no value: declarations do not echo
 *   ev.eval("x + 1", 2).value();        // Integer 21
 * }
 * }</pre>
 */
public final class CellEvaluator implements AutoCloseable {
  /** What a cell produced: a value (possibly null) or nothing. */
  public record Result(boolean hasValue, Object value) {
    static final Result NONE = new Result(false, null);
  }

  private final SnippetExecution control = new SnippetExecution();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final Map<String, int[]> origins = new ConcurrentHashMap<>();
  private final List<String> classpath = new ArrayList<>();
  private volatile UnaryOperator<String> preprocessor = UnaryOperator.identity();

  private CellEvaluator(List<String> imports) {
    shell = JShell.builder()
        .executionEngine(new SnippetExecution.Provider(control), Map.of())
        .build();
    analysis = shell.sourceCodeAnalysis();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        addToClasspath(entry);
      }
    }
    for (String imp : imports) {
      List<SnippetEvent> events = shell.eval(imp);
      for (SnippetEvent e : events) {
        if (e.status() == Snippet.Status.REJECTED) {
          System.err.println("quantlab kernel: startup line rejected: " + imp);
        }
      }
    }
  }

  /** A fresh evaluator with the default startup imports plus {@code extraImports}. */
  public static CellEvaluator create(List<String> extraImports) {
    List<String> all = new ArrayList<>(StartupImports.lines());
    all.addAll(extraImports);
    return new CellEvaluator(all);
  }

  /** Sets the transformation applied to each cell before it is compiled (magics). */
  void setPreprocessor(UnaryOperator<String> preprocessor) {
    this.preprocessor = preprocessor;
  }

  /** Adds a jar or class directory to what cells compile and run against. */
  public void addToClasspath(String path) {
    shell.addToClasspath(path);
    synchronized (classpath) {
      classpath.add(path);
    }
  }

  /** The entries added with {@link #addToClasspath}. */
  public List<String> classpath() {
    synchronized (classpath) {
      return List.copyOf(classpath);
    }
  }

  /** Stops the running cell (a busy loop too); the cell then fails with an interrupt error. */
  public void interrupt() {
    long cell = cellId;
    if (!running) {
      return;
    }
    shell.stop();
    // JShell ignores a stop that arrives while a snippet compiles or just before it starts;
    // repeat it until this cell ends (at most 5 s).
    Thread t = new Thread(() -> {
      long end = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < end) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        synchronized (runLock) {
          if (!running || cellId != cell) {
            return;
          }
          shell.stop();
        }
      }
    }, "quantlab-interrupt");
    t.setDaemon(true);
    t.start();
  }

  private final Object runLock = new Object();
  private volatile long cellId;
  private volatile boolean running;

  /**
   * Runs every snippet of {@code cell} in order and returns the value of the last one when it is
   * an expression. Throws {@link CellException} on compile errors, exceptions, interrupts and
   * {@code System.exit}; the state built by earlier snippets is kept.
   *
   * @param cellNumber the execution count, used to name stack frames {@code cell [n], line m}
   */
  public Result eval(String cell, int cellNumber) {
    String code = preprocessor.apply(cell);
    synchronized (runLock) {
      cellId++;
      control.clearStopped();
      running = true;
    }
    try {
      return evalSnippets(code, cellNumber);
    } finally {
      synchronized (runLock) {
        running = false;
      }
    }
  }

  private Result evalSnippets(String code, int cellNumber) {
    String rest = code;
    int offset = 0;
    Result result = Result.NONE;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      Completeness c = info.completeness();
      if (c == Completeness.EMPTY) {
        break;
      }
      int consumed = rest.length() - info.remaining().length();
      String consumedText = rest.substring(0, consumed);
      int lead = 0;
      while (lead < consumedText.length() && Character.isWhitespace(consumedText.charAt(lead))) {
        lead++;
      }
      // JShell's snippet source starts where the consumed text starts (blanks included)
      int start = offset;
      if (!c.isComplete()) {
        String msg = c == Completeness.UNKNOWN ? "this code is not valid Java"
            : "the code is incomplete (a missing ';', ')' or '}'?)";
        throw new CellException.CompileException(msg,
            ErrorFormat.compileError(code, offset + lead, code.length(), msg));
      }
      if (control.wasStopped()) {
        throw interrupted();
      }
      result = evalSnippet(info.source(), code, start, offset + lead, cellNumber);
      offset += consumed;
      rest = info.remaining();
      if (consumed == 0) {
        break;
      }
    }
    return result;
  }

  private Result evalSnippet(String source, String cell, int start, int firstChar,
      int cellNumber) {
    List<SnippetEvent> events = shell.eval(source);
    if (control.wasStopped()) {
      throw interrupted();
    }
    Result result = Result.NONE;
    for (SnippetEvent ev : events) {
      if (ev.causeSnippet() != null) {
        continue;
      }
      Snippet s = ev.snippet();
      // JShell numbers stack-trace lines from the snippet's first non-blank character
      origins.put(s.id(), new int[] {cellNumber, ErrorFormat.lineOf(cell, firstChar)});
      if (ev.status() == Snippet.Status.REJECTED) {
        throw compileError(s, cell, start);
      }
      if (ev.exception() != null) {
        throw runtimeError(ev.exception());
      }
      if (ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
          && s instanceof DeclarationSnippet) {
        String missing = shell.unresolvedDependencies((DeclarationSnippet) s)
            .collect(Collectors.joining(", "));
        String msg = "cannot find symbol: " + missing;
        throw new CellException.CompileException(msg,
            ErrorFormat.compileError(cell, start, start + source.length(), msg));
      }
      if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED && s instanceof DeclarationSnippet) {
        String missing = shell.unresolvedDependencies((DeclarationSnippet) s)
            .collect(Collectors.joining(", "));
        System.err.println("note: " + s.kind().toString().toLowerCase(Locale.ROOT)
            + " defined, but it cannot be used until " + missing + " is declared");
      }
      if (echoes(s) && KernelHooks.hasCaptured()) {
        result = new Result(true, KernelHooks.captured());
      }
    }
    return result;
  }

  private static boolean echoes(Snippet s) {
    return s.kind() == Snippet.Kind.EXPRESSION
        || (s.kind() == Snippet.Kind.VAR
            && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
  }

  private CellException compileError(Snippet s, String cell, int start) {
    List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
    if (diags.isEmpty()) {
      String msg = "the snippet was rejected by the compiler";
      return new CellException.CompileException(msg,
          ErrorFormat.compileError(cell, start, start + 1, msg));
    }
    List<String> lines = new ArrayList<>();
    String first = null;
    for (Diag d : diags) {
      String msg = d.getMessage(Locale.ROOT);
      if (first == null) {
        first = msg.split("\\R")[0];
      }
      int p = (int) Math.max(0, d.getStartPosition());
      int e = (int) Math.max(p + 1, d.getEndPosition());
      lines.addAll(ErrorFormat.compileError(cell, Math.min(cell.length(), start + p),
          Math.min(cell.length(), start + e), msg));
    }
    return new CellException.CompileException(first, lines);
  }

  private CellException runtimeError(JShellException ex) {
    if (ex instanceof EvalException) {
      EvalException ee = (EvalException) ex;
      String cls = ee.getExceptionClassName();
      if (CellExitException.class.getName().equals(cls)) {
        return new CellException.ExitCalledException(ee.getMessage(),
            List.of(ee.getMessage()));
      }
      List<String> lines = ErrorFormat.exception(cls, ee.getMessage(), ee.getStackTrace(),
          ee.getCause(), this::describe);
      return new CellException.EvaluationException(cls,
          ee.getMessage() == null ? cls : cls + ": " + ee.getMessage(), lines);
    }
    if (ex instanceof UnresolvedReferenceException) {
      DeclarationSnippet s = ((UnresolvedReferenceException) ex).getSnippet();
      String missing = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
      String msg = "'" + s.name() + "' cannot be used until " + missing + " is declared";
      return new CellException.CompileException(msg, List.of(msg));
    }
    return new CellException.EvaluationException(ex.getClass().getName(), String.valueOf(
        ex.getMessage()), List.of(String.valueOf(ex)));
  }

  private CellException interrupted() {
    String msg = "Interrupted: the cell was stopped; variables keep the values they had";
    return new CellException.InterruptedCellException(msg, List.of(msg));
  }

  private String describe(String snippetId, int lineInSnippet) {
    int[] o = origins.get(snippetId);
    if (o == null) {
      return null;
    }
    return "cell [" + o[0] + "], line " + (o[1] + lineInSnippet - 1);
  }

  /**
   * The Jupyter {@code is_complete} status of {@code code}: {@code "complete"},
   * {@code "invalid"}, or an indent (4 spaces) meaning "incomplete, continue".
   */
  public String isComplete(String code) {
    String rest = preprocessor.apply(code);
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case COMPLETE:
        case COMPLETE_WITH_SEMI:
          if (info.remaining().length() == rest.length()) {
            return "complete";
          }
          rest = info.remaining();
          break;
        case EMPTY:
          return "complete";
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return "    ";
        default:
          return "invalid";
      }
    }
    return "complete";
  }

  /** Completions at {@code cursor}: the replacement range and the candidates. */
  public record Completion(int start, int end, List<String> candidates) {}

  /** Tab completion at {@code cursor} (an offset into {@code code}). */
  public Completion complete(String code, int cursor) {
    int[] seg = segmentAt(code, cursor);
    String text = code.substring(seg[0]);
    int[] anchor = new int[1];
    Set<String> out = new LinkedHashSet<>();
    for (SourceCodeAnalysis.Suggestion s :
        analysis.completionSuggestions(text, cursor - seg[0], anchor)) {
      out.add(s.continuation());
    }
    return new Completion(seg[0] + anchor[0], cursor, List.copyOf(out));
  }

  /** Documentation (signatures and Javadoc) for what is at {@code cursor}, or null. */
  public String inspect(String code, int cursor, boolean detail) {
    int[] seg = segmentAt(code, cursor);
    String text = code.substring(seg[0]);
    int at = cursor - seg[0];
    List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, at, true);
    if (docs.isEmpty() && at > 0 && at == text.length()) {
      docs = analysis.documentation(text + "(", at + 1, true);
    }
    StringBuilder sb = new StringBuilder();
    for (SourceCodeAnalysis.Documentation d : docs) {
      sb.append(d.signature()).append('\n');
      if (d.javadoc() != null && !d.javadoc().isBlank()) {
        sb.append(d.javadoc().strip()).append("\n\n");
      }
    }
    if (sb.length() == 0) {
      String type = analysis.analyzeType(text, at);
      if (type != null && !type.isBlank()) {
        sb.append(type);
      }
    }
    return sb.length() == 0 ? null : sb.toString().strip();
  }

  /** [start] of the snippet of {@code code} that contains {@code cursor}. */
  private int[] segmentAt(String code, int cursor) {
    int offset = 0;
    String rest = code;
    while (true) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      int consumed = rest.length() - info.remaining().length();
      if (!info.completeness().isComplete() || consumed == 0
          || offset + consumed >= cursor || info.remaining().isBlank()) {
        return new int[] {offset};
      }
      offset += consumed;
      rest = info.remaining();
    }
  }

  /** Source of the current declarations (for history and debugging). */
  List<String> snippetSources() {
    return shell.snippets().map(Snippet::source).collect(Collectors.toList());
  }

  @Override
  public void close() {
    shell.close();
  }
}
