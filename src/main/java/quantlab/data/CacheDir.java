package quantlab.data;

import java.nio.file.Path;

/**
 * Where quantlab keeps files it downloads or computes (data sets, trained models).
 *
 * <p>In order: the system property {@code quantlab.cache}, the environment variable
 * {@code QUANTLAB_CACHE}, {@code $XDG_CACHE_HOME/quantlab}, {@code ~/.cache/quantlab}.
 */
public final class CacheDir {
  /** The system property that overrides the cache root. */
  public static final String PROPERTY = "quantlab.cache";
  /** The environment variable that overrides the cache root. */
  public static final String ENV = "QUANTLAB_CACHE";

  private CacheDir() {}

  /** The cache root (not created here). */
  public static Path root() {
    String p = System.getProperty(PROPERTY);
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    String e = System.getenv(ENV);
    if (e != null && !e.isBlank()) {
      return Path.of(e);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "quantlab");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "quantlab");
  }

  /** {@code root().resolve(name)}. */
  public static Path resolve(String name) {
    return root().resolve(name);
  }
}
