package quantlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven Resolver against file repositories: no network needed. */
class MavenResolverTest {
  static void publish(Path repo, String g, String a, String v, String deps) throws Exception {
    Path dir = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(a + "-" + v + ".pom"), "<project><modelVersion>4.0.0"
        + "</modelVersion><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId>"
        + "<version>" + v + "</version><dependencies>" + deps + "</dependencies></project>");
    Files.write(dir.resolve(a + "-" + v + ".jar"), new byte[] {'P', 'K', 5, 6});
  }

  @Test
  void resolvesAnArtifactAndItsRuntimeDependencies(@TempDir Path tmp) throws Exception {
    Path remote = tmp.resolve("remote");
    publish(remote, "org.example", "lib", "1.0", "<dependency><groupId>org.example</groupId>"
        + "<artifactId>dep</artifactId><version>2.0</version></dependency>"
        + "<dependency><groupId>org.example</groupId><artifactId>testonly</artifactId>"
        + "<version>1.0</version><scope>test</scope></dependency>");
    publish(remote, "org.example", "dep", "2.0", "");
    MavenResolver r = new MavenResolver(tmp.resolve("local"),
        List.of(remote.toUri().toString()));
    List<Path> jars = r.resolve("org.example:lib:1.0");
    assertEquals(List.of("lib-1.0.jar", "dep-2.0.jar"),
        jars.stream().map(p -> p.getFileName().toString()).toList());
    for (Path p : jars) {
      assertTrue(p.startsWith(tmp.resolve("local")), p + " is in the local repository");
    }
  }

  @Test
  void unreachableAndNotCachedIsAClearError(@TempDir Path tmp) {
    MavenResolver r = new MavenResolver(tmp.resolve("local"), List.of("http://127.0.0.1:9/"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> r.resolve("org.example:absent:1.0"));
    assertTrue(e.getMessage().startsWith("%maven: cannot resolve org.example:absent:1.0: it is "
        + "not in " + tmp.resolve("local")), e.getMessage());
    assertTrue(e.getMessage().contains("http://127.0.0.1:9/"), e.getMessage());
  }

  @Test
  void badCoordinatesNameTheValue(@TempDir Path tmp) {
    MavenResolver r = new MavenResolver(tmp, List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.resolve("just-a-name"));
    assertEquals("%maven: coordinates must be group:artifact:version, got just-a-name",
        e.getMessage());
  }
}
