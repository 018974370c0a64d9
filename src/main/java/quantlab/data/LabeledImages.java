package quantlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grey-scale images with one class label each, as in MNIST: {@code count} images of
 * {@code rows x cols} unsigned-byte pixels, row-major, and labels in {@code [0, classCount)}.
 * Immutable.
 *
 * <p>Example: {@code images.pixels(0, 2)} gives the first two images as {@code 2 * 784} floats
 * {@code pixel / 255} in [0, 1], the input the lessons' models take.
 */
public final class LabeledImages {
  private final byte[] pixels;
  private final byte[] labels;
  private final int count;
  private final int rows;
  private final int cols;
  private final List<String> classNames;

  private LabeledImages(byte[] pixels, byte[] labels, int count, int rows, int cols,
      List<String> classNames) {
    this.pixels = pixels;
    this.labels = labels;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.classNames = classNames;
  }

  /**
   * Pairs an images file ({@code [count, rows, cols]}) with a labels file ({@code [count]}),
   * checking the counts agree and every label names a class.
   */
  public static LabeledImages of(IdxArray images, IdxArray labels, List<String> classNames) {
    if (images.rank() != 3) {
      throw new IllegalArgumentException(
          "images must have 3 dimensions [count, rows, cols], got " + images);
    }
    if (labels.rank() != 1) {
      throw new IllegalArgumentException("labels must have 1 dimension [count], got " + labels);
    }
    if (images.dim(0) != labels.dim(0)) {
      throw new IllegalArgumentException("images and labels must have the same count, got "
          + images.dim(0) + " images and " + labels.dim(0) + " labels");
    }
    List<String> names = List.copyOf(classNames);
    byte[] l = labels.rawBytes();
    for (int i = 0; i < l.length; i++) {
      if ((l[i] & 0xFF) >= names.size()) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + names.size()
            + "), got " + (l[i] & 0xFF));
      }
    }
    return new LabeledImages(images.rawBytes(), l, images.dim(0), images.dim(1), images.dim(2),
        names);
  }

  public int count() {
    return count;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Pixels per image, {@code rows * cols}. */
  public int imageSize() {
    return rows * cols;
  }

  public List<String> classNames() {
    return classNames;
  }

  public int classCount() {
    return classNames.size();
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[checkIndex(i)] & 0xFF;
  }

  /** Pixel {@code (r, c)} of image {@code i}, in [0, 255]. */
  public int pixel(int i, int r, int c) {
    return pixels[checkIndex(i) * imageSize() + r * cols + c] & 0xFF;
  }

  /** Images {@code [from, to)} as {@code pixel / 255} floats, {@code (to - from) * imageSize()}. */
  public float[] pixels(int from, int to) {
    checkSpan(from, to);
    int n = imageSize();
    float[] out = new float[(to - from) * n];
    for (int i = 0, j = from * n; i < out.length; i++, j++) {
      out[i] = (pixels[j] & 0xFF) / 255f;
    }
    return out;
  }

  /** The images at {@code indices} as {@code pixel / 255} floats, one after another. */
  public float[] pixels(int[] indices) {
    int n = imageSize();
    float[] out = new float[indices.length * n];
    for (int k = 0; k < indices.length; k++) {
      int j = checkIndex(indices[k]) * n;
      for (int i = 0; i < n; i++) {
        out[k * n + i] = (pixels[j + i] & 0xFF) / 255f;
      }
    }
    return out;
  }

  /** The labels at {@code indices}. */
  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[checkIndex(indices[k])] & 0xFF;
    }
    return out;
  }

  /** Labels {@code [from, to)} as ints. */
  public int[] labels(int from, int to) {
    checkSpan(from, to);
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[from + i] & 0xFF;
    }
    return out;
  }

  /** How many images each class has. */
  public int[] classCounts() {
    int[] k = new int[classNames.size()];
    for (byte b : labels) {
      k[b & 0xFF]++;
    }
    return k;
  }

  /** The first {@code n} images (all of them if {@code n >= count()}). */
  public LabeledImages first(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n >= count) {
      return this;
    }
    return select(java.util.stream.IntStream.range(0, n).toArray());
  }

  /** The images at {@code indices}, in that order. */
  public LabeledImages select(int[] indices) {
    int n = imageSize();
    byte[] p = new byte[indices.length * n];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = checkIndex(indices[k]);
      System.arraycopy(pixels, i * n, p, k * n, n);
      l[k] = labels[i];
    }
    return new LabeledImages(p, l, indices.length, rows, cols, classNames);
  }

  /**
   * {@code perClass} images of each class, chosen at random (reproducibly from {@code seed}) and
   * kept in their original order; a class with fewer images gives all it has.
   */
  public LabeledImages stratified(int perClass, long seed) {
    if (perClass < 0) {
      throw new IllegalArgumentException("perClass must be >= 0, got " + perClass);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int k = 0; k < classNames.size(); k++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      byClass.get(labels[i] & 0xFF).add(i);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Integer> chosen = new ArrayList<>();
    for (List<Integer> idx : byClass) {
      for (int j = idx.size() - 1; j > 0; j--) { // Fisher-Yates
        int r = rng.nextInt(j + 1);
        Integer t = idx.get(j);
        idx.set(j, idx.get(r));
        idx.set(r, t);
      }
      chosen.addAll(idx.subList(0, Math.min(perClass, idx.size())));
    }
    int[] sel = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    return select(sel);
  }

  /** The images as an IDX array {@code [count, rows, cols]}. */
  public IdxArray imagesIdx() {
    return IdxArray.wrap(new int[] {count, rows, cols}, pixels);
  }

  /** The labels as an IDX array {@code [count]}. */
  public IdxArray labelsIdx() {
    return IdxArray.wrap(new int[] {count}, labels);
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("image index must be in [0, " + count + "), got " + i);
    }
    return i;
  }

  private void checkSpan(int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException(
          "need 0 <= from <= to <= " + count + ", got from " + from + ", to " + to);
    }
  }

  /** {@code LabeledImages{10000 images 28x28, 10 classes, per class [1000, ...]}}. */
  @Override
  public String toString() {
    return "LabeledImages{" + count + " images " + rows + "x" + cols + ", " + classNames.size()
        + " classes, per class " + Arrays.toString(classCounts()) + "}";
  }
}
