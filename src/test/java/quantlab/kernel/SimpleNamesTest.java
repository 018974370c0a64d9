package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A learner's cell names quantlab's types by their simple names: with the kernel's startup
 * imports (every quantlab package, java.util, XChart, Tablesaw, ... on demand), a cell that
 * declares one variable of every public quantlab type must compile. Two packages with a type of
 * the same name (say {@code LayerSpec} in two packages, or a quantlab {@code Histogram} beside
 * XChart's) make that cell fail with "reference to ... is ambiguous".
 */
class SimpleNamesTest {

  @Test
  void everyPublicQuantlabTypeIsUnambiguousInACell() throws Exception {
    List<String> types = publicTypesOfImportedPackages();
    assertTrue(types.size() > 100, "found only " + types.size() + " public types: " + types);
    StringBuilder cell = new StringBuilder("void names() {\n");
    for (int i = 0; i < types.size(); i++) {
      String simple = types.get(i).substring(types.get(i).lastIndexOf('.') + 1);
      cell.append("  ").append(simple).append(" v").append(i).append(" = null;\n");
    }
    cell.append("}\n");
    try (CellEvaluator ev = CellEvaluator.create(List.of())) {
      try {
        ev.eval(cell.toString(), 1);
      } catch (CellException.CompileException e) {
        fail("a cell naming all " + types.size() + " public quantlab types by simple name does not"
            + " compile:\n" + String.join("\n", e.lines()));
      }
    }
  }

  /** Public top-level types of the packages {@link StartupImports} imports, by full name. */
  static List<String> publicTypesOfImportedPackages() throws IOException, URISyntaxException {
    List<String> packages = new ArrayList<>();
    for (String line : StartupImports.lines()) {
      if (line.startsWith("import quantlab.")) {
        packages.add(line.substring("import ".length(), line.length() - ".*;".length()));
      }
    }
    Path classes = Path.of(StartupImports.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<String> out = new ArrayList<>();
    for (String p : packages) {
      Path dir = classes.resolve(p.replace('.', '/'));
      if (!Files.isDirectory(dir)) {
        continue; // a test-only package: not what a learner's classpath holds
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String file = f.getFileName().toString();
          if (!file.endsWith(".class") || file.contains("$") || file.startsWith("package-info")) {
            continue;
          }
          String name = p + "." + file.substring(0, file.length() - ".class".length());
          try {
            Class<?> c = Class.forName(name, false, SimpleNamesTest.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
              out.add(name);
            }
          } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + name, e);
          }
        }
      }
    }
    return out;
  }
}
