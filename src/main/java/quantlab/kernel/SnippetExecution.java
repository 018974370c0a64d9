package quantlab.kernel;

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

  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.load(rewriteAll(cbcs));
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
