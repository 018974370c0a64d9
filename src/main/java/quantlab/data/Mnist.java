package quantlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST handwritten digits, or any data set in the same four-file IDX layout: read from a
 * directory holding {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}.
 *
 * <p>Example: {@code Mnist.fromDirectory(Path.of("data/mnist"))}.
 */
public final class Mnist {
  /** Digit class names "0" to "9". */
  public static final List<String> CLASS_NAMES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private Mnist() {}

  /** Reads the four files from {@code dir} with digit class names. */
  public static Dataset fromDirectory(Path dir) throws IOException {
    return DatasetLoader.fromDirectory("mnist", dir, CLASS_NAMES);
  }
}
