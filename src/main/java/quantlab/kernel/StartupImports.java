package quantlab.kernel;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every kernel and {@code ./quantlab jshell} session starts with: the common
 * {@code java.*} packages, XChart and Tablesaw, the notebook statics ({@code display(...)}), and
 * every quantlab package found on the classpath (so new packages need no change here).
 */
public final class StartupImports {
  private static final List<String> JAVA = List.of(
      "java.util", "java.util.function", "java.util.stream", "java.io", "java.math",
      "java.nio.file");
  private static final Set<String> SKIPPED = Set.of("quantlab.cli", "quantlab.kernel",
      "quantlab.testing", "quantlab.quant.internal");

  private StartupImports() {}

  /** The import lines, e.g. {@code "import java.util.*;"}. */
  public static List<String> lines() {
    List<String> out = new ArrayList<>();
    for (String p : JAVA) {
      out.add("import " + p + ".*;");
    }
    if (present("org.knowm.xchart.XYChart")) {
      out.add("import org.knowm.xchart.*;");
    }
    if (present("tech.tablesaw.api.Table")) {
      out.add("import tech.tablesaw.api.*;");
    }
    for (String p : quantlabPackages()) {
      out.add("import " + p + ".*;");
    }
    out.add("import static quantlab.kernel.Notebook.*;");
    return out;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, StartupImports.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** quantlab's packages that hold at least one public top-level class. */
  static Set<String> quantlabPackages() {
    Set<String> out = new TreeSet<>();
    try {
      Enumeration<URL> roots = StartupImports.class.getClassLoader().getResources("quantlab/");
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if (url.getProtocol().equals("file")) {
          Path root = Path.of(url.toURI());
          try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")
                && !f.getFileName().toString().contains("$")
                && !f.getFileName().toString().startsWith("package-info"))
                .forEach(f -> out.add("quantlab." + root.relativize(f.getParent()).toString()
                    .replace(java.io.File.separatorChar, '.')));
          }
        } else if (url.getProtocol().equals("jar")) {
          JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
          for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
            String name = en.nextElement().getName();
            if (name.startsWith("quantlab/") && name.endsWith(".class") && !name.contains("$")
                && !name.endsWith("package-info.class")) {
              out.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      System.err.println("quantlab kernel: could not list quantlab packages: " + e);
    }
    out.remove("quantlab");
    out.removeIf(p -> SKIPPED.stream().anyMatch(s -> p.equals(s) || p.startsWith(s + ".")));
    return out;
  }
}
