package quantlab.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * quantlab's Jupyter kernel: JJava's protocol layer ({@link BaseKernel}) around a
 * {@link CellEvaluator}. Started by {@link KernelMain}; see {@code docs/kernel.md}.
 */
public final class QuantlabKernel extends BaseKernel {
  /** The kernel's version, shown in kernel_info. */
  public static final String VERSION = "0.1.0";
  private static volatile QuantlabKernel current;

  private final java.util.concurrent.CompletableFuture<CellEvaluator> evaluator;
  private final CellHistory history;
  private final MavenResolver maven = new MavenResolver(MavenResolver.defaultLocalRepository());

  private QuantlabKernel(java.util.concurrent.CompletableFuture<CellEvaluator> evaluator,
      CellHistory history) {
    super("quantlab-java", VERSION,
        new LanguageInfo("Java", Runtime.version().toString(), "text/x-java-source", ".jshell",
            "java", "java", "script"),
        List.of(), history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
        new Renderer(), null, new MagicsRegistry(), false,
        new StringStyler.Builder().build());
    this.evaluator = evaluator;
    this.history = history;
    Rendering.register(renderer);
  }

  /**
   * A kernel with a fresh JShell session; becomes {@link #current()}. JShell starts in the
   * background (it takes seconds) while the kernel connects and answers kernel_info; the first
   * request that needs it waits. A {@link WarmUp} thread renders throwaway charts meanwhile so
   * the first chart cell finds AWT, fonts and XChart loaded.
   */
  public static QuantlabKernel create() {
    java.util.concurrent.CompletableFuture<CellEvaluator> ev =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> CellEvaluator.create(List.of()),
            r -> {
              Thread t = new Thread(r, "quantlab-jshell-start");
              t.setDaemon(true);
              t.start();
            });
    // from the start, not once JShell is up: measured, the chart cell then cost 1.6 s of kernel
    // CPU instead of 2.8 s (docs/kernel.md)
    WarmUp.start();
    QuantlabKernel k = new QuantlabKernel(ev, new CellHistory());
    current = k;
    return k;
  }

  /**
   * Publishes Jupyter's {@code clear_output} for the cell running now ({@code wait}: clear when
   * the next output arrives); does nothing when no cell runs.
   */
  void clearOutput(boolean wait) {
    ShellReplyEnvironment env = displayEnv(getIO().display);
    if (env != null) {
      env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }
  }

  /**
   * The reply environment of the running cell, which JJava's {@link DisplayStream} keeps in a
   * private field while a cell runs (null otherwise); display data is published through it, so
   * clear_output goes through it too and keeps its order with the cell's other output.
   */
  private static ShellReplyEnvironment displayEnv(DisplayStream display) {
    try {
      if (displayEnvField == null) {
        java.lang.reflect.Field f = DisplayStream.class.getDeclaredField("env");
        f.setAccessible(true);
        displayEnvField = f;
      }
      return (ShellReplyEnvironment) displayEnvField.get(display);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("clearOutput: this JJava version has no DisplayStream.env "
          + "(" + e + ")", e);
    }
  }

  private static volatile java.lang.reflect.Field displayEnvField;

  /** The kernel running in this JVM, or null (plain JShell). */
  public static QuantlabKernel current() {
    return current;
  }

  /** The evaluator behind this kernel (waits for JShell to start). */
  public CellEvaluator evaluator() {
    return evaluator.join();
  }

  @Override
  public String getBanner() {
    return "quantlab Java kernel " + VERSION + " (JShell, Java " + Runtime.version() + ")";
  }

  @Override
  public DisplayData eval(String code) {
    int count = executionCount.get() - 1;
    try {
      Object value = evalRaw(code);
      if (value == NO_VALUE) {
        history.add(count, code, "");
        return null;
      }
      DisplayData data = Rendering.render(renderer, value);
      Object text = data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
      history.add(count, code, text == null ? "" : text.toString());
      return data;
    } catch (RuntimeException e) {
      history.add(count, code, "");
      throw e;
    }
  }

  private static final Object NO_VALUE = new Object();

  /** Runs a cell; returns its value, or an internal marker when it has none. */
  @Override
  public Object evalRaw(String code) {
    int count = executionCount.get() - 1;
    Object last = NO_VALUE;
    for (Magics.Part part : Magics.split(code)) {
      if (part.magic()) {
        runMagic(part, count);
        last = NO_VALUE;
      } else {
        CellEvaluator.Result r = evaluator().eval(part.text(), count);
        last = r.hasValue() && !Notebook.isLastDisplayId(r.value()) ? r.value() : NO_VALUE;
      }
    }
    return last;
  }

  private void runMagic(Magics.Part part, int count) {
    switch (part.name()) {
      case "classpath", "jars" -> {
        requireArgs(part, 1);
        for (String arg : part.args()) {
          for (Path p : Magics.resolveClasspath(Path.of(""), arg)) {
            evaluator().addToClasspath(p.toAbsolutePath().toString());
            System.out.println("added to classpath: " + p);
          }
        }
      }
      case "maven", "addMavenDependency", "addMavenDependencies" -> {
        requireArgs(part, 1);
        for (String coords : part.args()) {
          List<Path> jars = maven.resolve(coords);
          for (Path p : jars) {
            evaluator().addToClasspath(p.toString());
          }
          System.out.println("added " + coords + " (" + jars.size() + " jar"
              + (jars.size() == 1 ? "" : "s") + ")");
        }
      }
      case "mavenRepo" -> {
        if (part.args().size() != 2) {
          throw magicError(part, "usage: %mavenRepo ID URL");
        }
        maven.addRepository(part.args().get(0), part.args().get(1));
      }
      case "load" -> {
        requireArgs(part, 1);
        for (String f : part.args()) {
          evaluator().eval(Magics.loadableCode(Path.of(f)), count);
        }
      }
      default -> throw magicError(part, "unknown magic %" + part.name()
          + "; known: %classpath (%jars), %maven (%addMavenDependency), %mavenRepo, %load");
    }
  }

  private static void requireArgs(Magics.Part part, int n) {
    if (part.args().size() < n) {
      throw magicError(part, "%" + part.name() + " needs an argument");
    }
  }

  private static CellException magicError(Magics.Part part, String msg) {
    return new CellException.CompileException(msg, List.of(part.text(), msg));
  }

  @Override
  protected void handleKernelInfoRequest(ShellReplyEnvironment env,
      Message<KernelInfoRequest> message) {
    env.setBusyDeferIdle();
    env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(),
        getBanner(), getHelpLinks()));
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env,
      Message<HistoryRequest> message) {
    HistoryRequest request = message.getContent();
    env.setBusyDeferIdle();
    Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
    if (request.includeOutput()) {
      flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
    }
    List<HistoryEntry> entries = switch (request.getAccessType()) {
      case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(),
          flags);
      case RANGE -> {
        HistoryRequest.Range r = (HistoryRequest.Range) request;
        yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
      }
      case SEARCH -> {
        HistoryRequest.Search s = (HistoryRequest.Search) request;
        if (s.filterUnique()) {
          flags.add(HistoryManager.ResultFlag.UNIQUE);
        }
        yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
      }
    };
    env.reply(new Replies.History(entries));
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellException) {
      return ((CellException) e).lines();
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof java.io.UncheckedIOException) {
      return List.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return super.formatError(e);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String doc = evaluator().inspect(code, at, extraDetail);
    return doc == null ? null : new DisplayData(doc);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    CellEvaluator.Completion c = evaluator().complete(code, at);
    return new ReplacementOptions(c.candidates(), c.start(), c.end());
  }

  @Override
  public String isComplete(String code) {
    if (code.strip().startsWith("%")) {
      return IS_COMPLETE_YES;
    }
    return evaluator().isComplete(code);
  }

  @Override
  public void interrupt() {
    if (evaluator.isDone()) {
      evaluator.join().interrupt();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    super.onShutdown(isRestarting);
    if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
      evaluator.join().close();
    }
  }
}
