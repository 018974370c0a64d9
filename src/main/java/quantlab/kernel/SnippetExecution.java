package quantlab.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in the kernel JVM (JShell's {@link LocalExecutionControl}), rewriting their
 * classes with {@link SnippetRewriter} and remembering when a run was stopped: JShell reports a
 * stopped snippet as VALID with no exception, so the kernel asks {@link #wasStopped()}.
 */
final class SnippetExecution extends LocalExecutionControl {
  private volatile boolean stopped;

  /** Temp variables ({@code $1}, {@code $2}...) whose values are kept; older ones are cleared. */
  static final int KEPT_TEMP_VALUES = 10;
  private static final boolean DEBUG = Boolean.getBoolean("quantlab.kernel.debug");

  /** For each variable name, the wrapper class that declared it last. */
  private final Map<String, String> varOwner = new HashMap<>();
  private final Deque<String[]> temps = new ArrayDeque<>();

  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    ClassBytecodes[] rewritten = rewriteAll(cbcs);
    super.load(rewritten);
    releaseReplacedValues(rewritten);
  }

  /**
   * JShell keeps every snippet class loaded, so a variable declared again (say {@code tmp} in a
   * cell run 1,000 times) would keep each old value reachable through the old class's static
   * field. Clear the fields that no snippet can reach any more: a redeclared variable's old
   * field, and expression values {@code $n} older than the last {@link #KEPT_TEMP_VALUES}.
   */
  private void releaseReplacedValues(ClassBytecodes[] loaded) {
    for (ClassBytecodes cbc : loaded) {
      String cls = cbc.name();
      if (DEBUG) {
        System.err.println("load " + cls + " " + SnippetRewriter.staticReferenceFields(cbc.bytecodes()));
      }
      if (!cls.matches("REPL\\.\\$JShell\\$\\d+[A-Z]*")) {
        continue; // user classes nested in snippets keep their statics
      }
      for (String var : SnippetRewriter.staticReferenceFields(cbc.bytecodes())) {
        String previous = varOwner.put(var, cls);
        if (previous != null && !previous.equals(cls)) {
          clearStatic(previous, var);
        }
        if (var.matches("\\$\\d+")) {
          temps.addLast(new String[] {cls, var});
          while (temps.size() > KEPT_TEMP_VALUES) {
            String[] old = temps.removeFirst();
            clearStatic(old[0], old[1]);
          }
        }
      }
    }
  }

  private void clearStatic(String className, String field) {
    try {
      Field f = findClass(className).getDeclaredField(field);
      if (Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())
          && !f.getType().isPrimitive()) {
        f.setAccessible(true);
        f.set(null, null);
      }
      if (DEBUG) {
        System.err.println("released " + className + "." + field);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // the class may be gone or not initialised; nothing to release
      if (DEBUG) {
        System.err.println("could not release " + className + "." + field + ": " + e);
      }
    }
  }

  @Override
  public void redefine(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.redefine(rewriteAll(cbcs));
  }

  private static ClassBytecodes[] rewriteAll(ClassBytecodes[] cbcs) {
    ClassBytecodes[] out = new ClassBytecodes[cbcs.length];
    for (int i = 0; i < cbcs.length; i++) {
      out[i] = new ClassBytecodes(cbcs[i].name(), SnippetRewriter.rewrite(cbcs[i].bytecodes()));
    }
    return out;
  }

  @Override
  public String invoke(String className, String methodName)
      throws RunException, EngineTerminationException, InternalException {
    KernelHooks.resetCapture();
    if (stopped) {
      // interrupted while the snippet was compiling: do not start it
      throw new StoppedException();
    }
    return super.invoke(className, methodName);
  }

  @Override
  public void stop() throws EngineTerminationException, InternalException {
    stopped = true;
    super.stop();
  }

  /** Clears the stopped flag before a cell runs. */
  void clearStopped() {
    stopped = false;
  }

  /** True when {@link #stop()} was called since {@link #clearStopped()}. */
  boolean wasStopped() {
    return stopped;
  }

  /** Hands JShell the one {@link SnippetExecution} the kernel keeps. */
  static final class Provider implements ExecutionControlProvider {
    private final SnippetExecution control;

    Provider(SnippetExecution control) {
      this.control = control;
    }

    @Override
    public String name() {
      return "quantlab";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }
}
