package quantlab.data;

/**
 * A data set split into training and test images, with where it was found.
 *
 * @param name e.g. {@code "fashion-mnist"}
 * @param train the training images
 * @param test the test images
 * @param source which step of the lookup found it
 * @param location the directory, URL or resource it was read from
 */
public record Dataset(String name, LabeledImages train, LabeledImages test, Source source,
    String location) {

  /** Where a data set was found, in the order {@link DatasetLoader} tries them. */
  public enum Source {
    /** The user cache directory ({@link CacheDir}). */
    CACHE,
    /** A system-wide install, such as Debian's {@code dataset-fashion-mnist}. */
    SYSTEM,
    /** Downloaded from the official source into the cache, SHA-256 verified. */
    DOWNLOAD,
    /** The small stratified subset inside quantlab's jar: not the full data set. */
    BUNDLED_SUBSET,
    /** A directory the caller named. */
    DIRECTORY
  }

  /** True when this is the bundled subset, not the full data set. */
  public boolean isSubset() {
    return source == Source.BUNDLED_SUBSET;
  }

  /** {@code Dataset{fashion-mnist, 60000 train, 10000 test, from SYSTEM /usr/share/...}}. */
  @Override
  public String toString() {
    return "Dataset{" + name + ", " + train.count() + " train, " + test.count() + " test, from "
        + source + " " + location + (isSubset() ? " (SUBSET)" : "") + "}";
  }
}
