package quantlab.kernel;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel process: {@code java quantlab.kernel.KernelMain CONNECTION_FILE}, as written in
 * the kernelspec's argv. Binds the five sockets on the connection file's address only.
 */
public final class KernelMain {
  private KernelMain() {}

  /** Starts the kernel for the Jupyter connection file {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java quantlab.kernel.KernelMain CONNECTION_FILE");
      System.exit(2);
    }
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    if (props.getKey() == null || props.getKey().isEmpty()) {
      System.err.println("quantlab kernel: warning: the connection file has no key; messages "
          + "are not signed");
    }
    QuantlabKernel kernel = QuantlabKernel.create();
    JupyterConnection connection = new JupyterConnection(props);
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    survive(connection);
    connection.waitUntilClose();
    // AWT or user threads may linger; the kernel process ends with the connection.
    Runtime.getRuntime().halt(0);
  }

  /**
   * JJava's shell and control loops end on the first exception, and a message with a wrong
   * HMAC signature raises one: anyone able to reach the port could stop the kernel from
   * answering. Make both loops drop such a message and carry on.
   */
  static void survive(JupyterConnection connection) throws ReflectiveOperationException {
    for (String channel : new String[] {"shell", "control"}) {
      Field f = JupyterConnection.class.getDeclaredField(channel);
      f.setAccessible(true);
      ShellChannel ch = (ShellChannel) f.get(connection);
      Field loopField = ShellChannel.class.getDeclaredField("ioloop");
      loopField.setAccessible(true);
      Loop loop = (Loop) loopField.get(ch);
      if (loop != null) {
        loop.onError(e -> {
          System.err.println("quantlab kernel: dropped a message on the " + channel
              + " channel: " + e);
          return 0;
        });
      }
    }
  }
}
