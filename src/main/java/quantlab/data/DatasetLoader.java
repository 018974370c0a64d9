package quantlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds an MNIST-family data set, trying in order:
 *
 * <ol>
 *   <li>the cache directory (default {@code CacheDir.resolve(spec.name())}, e.g.
 *       {@code ~/.cache/quantlab/fashion-mnist}; see {@link CacheDir} to move it);
 *   <li>the system directories (Debian's {@code dataset-fashion-mnist} installs
 *       {@code /usr/share/datasets/fashion-mnist});
 *   <li>a download of the four {@code .gz} files into the cache, each checked against the
 *       SHA-256 of its uncompressed bytes and moved into place atomically (skipped when offline:
 *       {@code QUANTLAB_OFFLINE=1} or {@code -Dquantlab.offline=true});
 *   <li>the small stratified subset bundled in quantlab's jar, with a notice that it is a subset.
 * </ol>
 *
 * A directory counts when it holds all four files (plain or {@code .gz}). Files that are present
 * but corrupt are an error, not skipped: the {@link IdxFormatException} names the file.
 *
 * <pre>{@code
 * Dataset d = FashionMnist.loader().cacheDir(Path.of("/tmp/c")).download(false).build().load();
 * }</pre>
 */
public final class DatasetLoader {
  private final DatasetSpec spec;
  private final Path cacheDir;
  private final List<Path> systemDirs;
  private final boolean download;
  private final boolean bundled;
  private final Consumer<String> notices;

  private DatasetLoader(Builder b) {
    this.spec = b.spec;
    this.cacheDir = b.cacheDir != null ? b.cacheDir : CacheDir.resolve(b.spec.name());
    this.systemDirs = b.systemDirs != null ? List.copyOf(b.systemDirs)
        : b.spec.systemDirs().stream().map(Path::of).toList();
    this.download = b.download != null ? b.download : !offline();
    this.bundled = b.bundled;
    this.notices = b.notices;
  }

  /** The default loader for {@code spec}. */
  public static DatasetLoader of(DatasetSpec spec) {
    return builder(spec).build();
  }

  public static Builder builder(DatasetSpec spec) {
    return new Builder(Objects.requireNonNull(spec, "spec"));
  }

  /** Whether downloads are switched off by {@code QUANTLAB_OFFLINE=1} / {@code quantlab.offline}. */
  public static boolean offline() {
    return "1".equals(System.getenv("QUANTLAB_OFFLINE"))
        || Boolean.getBoolean("quantlab.offline");
  }

  /** Tries each step in order; throws only when no step has the data. */
  public Dataset load() throws IOException {
    if (complete(cacheDir)) {
      return read(spec.name(), cacheDir, spec.classNames(), Dataset.Source.CACHE);
    }
    for (Path dir : systemDirs) {
      if (complete(dir)) {
        return read(spec.name(), dir, spec.classNames(), Dataset.Source.SYSTEM);
      }
    }
    List<String> failures = new ArrayList<>();
    if (download && spec.downloadBase() != null) {
      try {
        downloadAll();
        return read(spec.name(), cacheDir, spec.classNames(), Dataset.Source.DOWNLOAD);
      } catch (IOException e) {
        failures.add("download from " + spec.downloadBase() + " failed: " + e.getMessage());
        notices.accept("quantlab: could not download " + spec.name() + " (" + e.getMessage()
            + ")");
      }
    }
    if (bundled && spec.bundledResource() != null
        && DatasetLoader.class.getResource(spec.bundledResource() + DatasetSpec.FILES.get(0)
            + ".gz") != null) {
      Dataset d = readBundled();
      notices.accept("quantlab: NOTICE: using the SUBSET of " + spec.name() + " bundled with "
          + "quantlab (" + d.train().count() + " training, " + d.test().count() + " test images)."
          + " Accuracies differ from the full data set. For the full set: apt-get install "
          + "dataset-fashion-mnist, or go online once (cached in " + cacheDir + ").");
      return d;
    }
    throw new IOException(spec.name() + " was not found: not in " + cacheDir + ", not in "
        + systemDirs + (failures.isEmpty() ? ", download off" : ", " + failures)
        + ", no bundled subset");
  }

  /** Reads the four files of a data set from {@code dir}. */
  public static Dataset fromDirectory(String name, Path dir, List<String> classNames)
      throws IOException {
    if (!complete(dir)) {
      List<String> missing = new ArrayList<>();
      for (String f : DatasetSpec.FILES) {
        if (find(dir, f) == null) {
          missing.add(f + "[.gz]");
        }
      }
      throw new IOException(dir + " lacks " + missing);
    }
    return read(name, dir, classNames, Dataset.Source.DIRECTORY);
  }

  private static boolean complete(Path dir) {
    for (String f : DatasetSpec.FILES) {
      if (find(dir, f) == null) {
        return false;
      }
    }
    return true;
  }

  private static Path find(Path dir, String file) {
    Path gz = dir.resolve(file + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(file);
    return Files.isRegularFile(plain) ? plain : null;
  }

  private static Dataset read(String name, Path dir, List<String> classNames,
      Dataset.Source source) throws IOException {
    IdxArray[] a = new IdxArray[4];
    String[] names = new String[4];
    for (int i = 0; i < 4; i++) {
      Path file = find(dir, DatasetSpec.FILES.get(i));
      a[i] = Idx.read(file);
      names[i] = file.toString();
    }
    return new Dataset(name, pair(a[0], names[0], a[1], names[1], classNames),
        pair(a[2], names[2], a[3], names[3], classNames), source, dir.toString());
  }

  /**
   * Pairs an images file with its labels file, each problem an {@link IdxFormatException}
   * naming the file and the offset: the images' rank (byte 3), the labels' count (bytes 4-7,
   * the first dimension) or a label that names no class (its own byte).
   */
  private static LabeledImages pair(IdxArray images, String imagesName, IdxArray labels,
      String labelsName, List<String> classNames) throws IdxFormatException {
    if (images.rank() != 3) {
      throw new IdxFormatException(imagesName, 3, "expected 3 dimensions [count, rows, cols]"
          + " of images, found " + images.rank() + " " + java.util.Arrays.toString(images.dims()));
    }
    if (labels.rank() != 1) {
      throw new IdxFormatException(labelsName, 3, "expected 1 dimension [count] of labels,"
          + " found " + labels.rank() + " " + java.util.Arrays.toString(labels.dims()));
    }
    if (labels.dim(0) != images.dim(0)) {
      throw new IdxFormatException(labelsName, 4, "expected " + images.dim(0) + " labels, one"
          + " per image of " + imagesName + ", found " + labels.dim(0));
    }
    byte[] l = labels.rawBytes();
    for (int i = 0; i < l.length; i++) {
      if ((l[i] & 0xFF) >= classNames.size()) {
        throw new IdxFormatException(labelsName, 8 + i, "expected a label in [0, "
            + classNames.size() + ") (one of the classes " + classNames + "), found "
            + (l[i] & 0xFF) + " (label " + i + ")");
      }
    }
    return LabeledImages.of(images, labels, classNames);
  }

  private Dataset readBundled() throws IOException {
    IdxArray[] a = new IdxArray[4];
    String[] names = new String[4];
    for (int i = 0; i < 4; i++) {
      String res = spec.bundledResource() + DatasetSpec.FILES.get(i) + ".gz";
      names[i] = "classpath:" + res;
      try (InputStream in = DatasetLoader.class.getResourceAsStream(res)) {
        if (in == null) {
          throw new IOException("bundled resource " + res + " is missing");
        }
        a[i] = Idx.read(in, names[i], -1);
      }
    }
    String where = "classpath:" + spec.bundledResource();
    return new Dataset(spec.name(), pair(a[0], names[0], a[1], names[1], spec.classNames()),
        pair(a[2], names[2], a[3], names[3], spec.classNames()), Dataset.Source.BUNDLED_SUBSET,
        where);
  }

  private void downloadAll() throws IOException {
    Files.createDirectories(cacheDir);
    for (String f : DatasetSpec.FILES) {
      Path target = cacheDir.resolve(f + ".gz");
      if (Files.isRegularFile(target)) {
        continue;
      }
      URI url = spec.downloadBase().resolve(f + ".gz");
      notices.accept("quantlab: downloading " + url);
      Download.verified(url, target, spec.sha256().get(f));
    }
  }

  /** Configures a {@link DatasetLoader}. */
  public static final class Builder {
    private DatasetSpec spec;
    private Path cacheDir;
    private List<Path> systemDirs;
    private Boolean download;
    private boolean bundled = true;
    private Consumer<String> notices = System.err::println;

    private Builder(DatasetSpec spec) {
      this.spec = spec;
    }

    /** The cache directory of this data set (default {@code CacheDir.resolve(name)}). */
    public Builder cacheDir(Path dir) {
      this.cacheDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The system directories to look in (default the spec's). */
    public Builder systemDirs(List<Path> dirs) {
      this.systemDirs = List.copyOf(dirs);
      return this;
    }

    /** Whether to download (default: yes unless offline). */
    public Builder download(boolean download) {
      this.download = download;
      return this;
    }

    /** Download from {@code base} instead of the official source (a mirror, a test server). */
    public Builder downloadBase(URI base) {
      this.spec = spec.withDownloadBase(Objects.requireNonNull(base, "base"));
      return this;
    }

    /** Whether to fall back to the bundled subset (default true). */
    public Builder bundled(boolean bundled) {
      this.bundled = bundled;
      return this;
    }

    /** Where notices go (default: standard error). */
    public Builder notices(Consumer<String> notices) {
      this.notices = Objects.requireNonNull(notices, "notices");
      return this;
    }

    public DatasetLoader build() {
      return new DatasetLoader(this);
    }
  }
}
