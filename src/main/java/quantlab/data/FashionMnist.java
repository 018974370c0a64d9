package quantlab.data;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 70,000 grey 28x28 images of clothing in 10
 * classes, 60,000 for training and 10,000 for testing, in the MNIST file format.
 *
 * <pre>{@code
 * Dataset d = FashionMnist.load();
 * // Dataset{fashion-mnist, 60000 train, 10000 test, from SYSTEM /usr/share/datasets/fashion-mnist}
 * d.train().label(0);   // 9 = "Ankle boot"
 * }</pre>
 *
 * <p>{@link #load()} looks in the cache, then Debian's {@code dataset-fashion-mnist}, then
 * downloads (SHA-256 verified), then falls back to the bundled subset with a notice; see
 * {@link DatasetLoader}.
 */
public final class FashionMnist {
  /** Class names, index = label. */
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /**
   * The data set's identity. The SHA-256 sums are of the uncompressed IDX files (the compressed
   * bytes differ between mirrors that recompress, such as Debian); computed from Debian's
   * {@code dataset-fashion-mnist 0.0~git20200523.55506a9-1}, whose data is upstream's.
   */
  public static final DatasetSpec SPEC = new DatasetSpec("fashion-mnist", CLASS_NAMES,
      Map.of(
          "train-images-idx3-ubyte",
          "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          "train-labels-idx1-ubyte",
          "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          "t10k-images-idx3-ubyte",
          "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          "t10k-labels-idx1-ubyte",
          "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
      List.of("/usr/share/datasets/fashion-mnist"),
      "/quantlab/data/fashion-mnist-subset/");

  private FashionMnist() {}

  /** Finds and reads Fashion-MNIST with the default lookup order. */
  public static Dataset load() throws IOException {
    return DatasetLoader.of(SPEC).load();
  }

  /** A loader for Fashion-MNIST whose steps can be changed (cache dir, download, ...). */
  public static DatasetLoader.Builder loader() {
    return DatasetLoader.builder(SPEC);
  }
}
