package quantlab.tf;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import quantlab.data.CacheDir;
import quantlab.data.Dataset;

/**
 * Trained models kept on disk as SavedModels, so a lesson trains once and then reuses: keyed by
 * architecture, seed, epochs and the number of training images (so a bundled subset or a
 * {@code QUANTLAB_MAX_IMAGES} run never passes for a full one). The default folder is
 * {@code CacheDir.resolve("models")}, e.g. {@code ~/.cache/quantlab/models/MLP-seed1-epochs10-n60000}.
 *
 * <pre>{@code
 * Model mlp = ModelCache.standard().getOrTrain(Architecture.MLP, 1, 10, data);
 * }</pre>
 */
public final class ModelCache {
  private final Path dir;

  private ModelCache(Path dir) {
    this.dir = dir;
  }

  /** The cache in the user cache directory. */
  public static ModelCache standard() {
    return new ModelCache(CacheDir.resolve("models"));
  }

  /** A cache in {@code dir} (for tests, or a course's shared folder). */
  public static ModelCache in(Path dir) {
    return new ModelCache(dir);
  }

  public Path dir() {
    return dir;
  }

  /** The folder a model with these settings is stored in. */
  public Path pathFor(Architecture arch, long seed, int epochs, int trainImages) {
    return dir.resolve(arch + "-seed" + seed + "-epochs" + epochs + "-n" + trainImages);
  }

  /**
   * Loads the model trained with these settings, training and saving it first if absent.
   * {@code epochs} is capped by {@code QUANTLAB_MAX_EPOCHS} before the lookup, the training
   * images by {@code QUANTLAB_MAX_IMAGES}.
   */
  public Model getOrTrain(Architecture arch, long seed, int epochs, Dataset data,
      TrainingListener... listeners) throws IOException {
    int runEpochs = Knobs.epochs(epochs);
    int n = Knobs.limit(data.train()).count();
    Path target = pathFor(arch, seed, runEpochs, n);
    if (Files.isRegularFile(target.resolve(Model.META))) {
      return Model.load(target);
    }
    Trainer.Builder b = Trainer.builder().epochs(runEpochs).seed(seed);
    for (TrainingListener l : listeners) {
      b.listener(l);
    }
    Model m = b.build().train(arch, data);
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, target.getFileName() + ".tmp");
    Path staged = tmp.resolve("model");
    try {
      m.save(staged);
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, target);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another process saved the same model first; keep theirs.
      }
    } finally {
      deleteTree(tmp);
    }
    return m;
  }

  /** Whether a model with these settings is stored. */
  public boolean contains(Architecture arch, long seed, int epochs, int trainImages) {
    return Files.isRegularFile(pathFor(arch, seed, epochs, trainImages).resolve(Model.META));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> w = Files.walk(p)) {
      for (Path q : w.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  @Override
  public String toString() {
    return "ModelCache{" + dir + "}";
  }
}
