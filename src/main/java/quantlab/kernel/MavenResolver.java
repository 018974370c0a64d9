package quantlab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves {@code %maven} coordinates with Maven Resolver (the library inside Maven): the
 * artifact and its runtime dependencies, from the local repository ({@code ~/.m2/repository} or
 * {@code -Dmaven.repo.local}) and Maven Central plus any {@code %mavenRepo} repositories.
 */
public final class MavenResolver {
  /** Maven Central. */
  public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final List<RemoteRepository> repositories = new ArrayList<>();
  private final Path localRepository;
  private RepositorySystem system;

  /** A resolver using {@code localRepository} and Maven Central. */
  public MavenResolver(Path localRepository) {
    this(localRepository, List.of(CENTRAL));
  }

  /** A resolver using {@code localRepository} and the remote repositories {@code urls}. */
  MavenResolver(Path localRepository, List<String> urls) {
    this.localRepository = localRepository;
    for (int i = 0; i < urls.size(); i++) {
      repositories.add(new RemoteRepository.Builder(i == 0 ? "central" : "repo" + i, "default",
          urls.get(i)).build());
    }
  }

  /** The default local repository: {@code -Dmaven.repo.local} or {@code ~/.m2/repository}. */
  public static Path defaultLocalRepository() {
    String p = System.getProperty("maven.repo.local");
    return p != null ? Path.of(p)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Adds a remote repository ({@code %mavenRepo id url}). */
  public synchronized void addRepository(String id, String url) {
    repositories.add(new RemoteRepository.Builder(id, "default", url).build());
  }

  /**
   * The jar files of {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version})
   * and their runtime dependencies. Fails with a message naming the coordinates, the local
   * repository and the remote ones when they cannot be resolved (offline and not cached).
   */
  public synchronized List<Path> resolve(String coordinates) {
    DefaultArtifact artifact;
    try {
      artifact = new DefaultArtifact(coordinates);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("%maven: coordinates must be group:artifact:version, got "
          + coordinates);
    }
    if (system == null) {
      system = new RepositorySystemSupplier().get();
    }
    // Maven 3's session defaults: scope and optional selection, nearest-wins conflicts
    try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setSystemProperties(System.getProperties())
        .setConfigProperty("aether.connector.requestTimeout", 30_000)
        .setConfigProperty("aether.connector.connectTimeout", 10_000)
        .build()) {
      CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME),
          new ArrayList<>(repositories));
      DependencyRequest request = new DependencyRequest(collect,
          DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
      List<Path> files = new ArrayList<>();
      for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
        files.add(r.getArtifact().getPath());
      }
      return files;
    } catch (DependencyResolutionException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalStateException("%maven: cannot resolve " + coordinates + ": it is not in "
          + localRepository + " and could not be downloaded from "
          + repositories.stream().map(RemoteRepository::getUrl).toList()
          + " (offline, or a wrong coordinate?). Cause: " + root.getMessage(), e);
    }
  }
}
