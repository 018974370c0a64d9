package quantlab.data;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What identifies an MNIST-family data set: its name, class names, the four IDX file names, the
 * SHA-256 of each file's uncompressed bytes, where to download it and where it may be installed.
 *
 * @param name the cache folder name, e.g. {@code "fashion-mnist"}
 * @param classNames class {@code k}'s name at index {@code k}
 * @param sha256 uncompressed SHA-256 (lower-case hex) per file name in {@link #FILES}; empty to
 *     skip verification (only for a caller's own data)
 * @param downloadBase the URL prefix the {@code .gz} files are downloaded from, or null
 * @param systemDirs directories where a system package may have installed the files
 * @param bundledResource class-path folder of the bundled subset, or null
 */
public record DatasetSpec(String name, List<String> classNames, Map<String, String> sha256,
    URI downloadBase, List<String> systemDirs, String bundledResource) {

  /** The four file names, uncompressed ({@code .gz} is appended for the compressed copies). */
  public static final List<String> FILES = List.of("train-images-idx3-ubyte",
      "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  public DatasetSpec {
    classNames = List.copyOf(classNames);
    sha256 = Map.copyOf(sha256);
    systemDirs = List.copyOf(systemDirs);
  }

  /** This spec downloading from {@code base} instead (a mirror, or a test server). */
  public DatasetSpec withDownloadBase(URI base) {
    return new DatasetSpec(name, classNames, sha256, base, systemDirs, bundledResource);
  }
}
