package quantlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tool that made the Fashion-MNIST subset bundled in {@code
 * src/main/resources/quantlab/data/fashion-mnist-subset/}: a stratified random sample, the same
 * number of images per class, kept in the original order, written as gzip IDX files.
 *
 * <p>Regenerate it (from Debian's {@code dataset-fashion-mnist}) with:
 *
 * <pre>
 * ./mvnw -q compile
 * java -cp target/classes quantlab.data.MakeSubset /usr/share/datasets/fashion-mnist \
 *     src/main/resources/quantlab/data/fashion-mnist-subset 300 100 20260101
 * </pre>
 *
 * Arguments: source directory, output directory, images per class from the training set, images
 * per class from the test set, seed. The licence notice in the output folder is kept by hand.
 */
public final class MakeSubset {
  private MakeSubset() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println("usage: MakeSubset SOURCE_DIR OUT_DIR TRAIN_PER_CLASS TEST_PER_CLASS SEED");
      System.exit(2);
    }
    Dataset full = DatasetLoader.fromDirectory("fashion-mnist", Path.of(args[0]),
        FashionMnist.CLASS_NAMES);
    Path out = Path.of(args[1]);
    long seed = Long.parseLong(args[4]);
    LabeledImages train = full.train().stratified(Integer.parseInt(args[2]), seed);
    LabeledImages test = full.test().stratified(Integer.parseInt(args[3]), seed + 1);
    Files.createDirectories(out);
    Idx.write(out.resolve("train-images-idx3-ubyte.gz"), train.imagesIdx(), true);
    Idx.write(out.resolve("train-labels-idx1-ubyte.gz"), train.labelsIdx(), true);
    Idx.write(out.resolve("t10k-images-idx3-ubyte.gz"), test.imagesIdx(), true);
    Idx.write(out.resolve("t10k-labels-idx1-ubyte.gz"), test.labelsIdx(), true);
    System.out.println("train " + train);
    System.out.println("test  " + test);
  }
}
