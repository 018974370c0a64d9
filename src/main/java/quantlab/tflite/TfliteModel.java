package quantlab.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TensorFlow Lite model read from a {@code .tflite} file: an immutable, checked view of its
 * subgraphs, tensors, operators, buffers and metadata.
 *
 * <pre>{@code
 * TfliteModel m = TfliteModel.read(Path.of("micro_speech_quantized.tflite"));
 * m.subgraph().operators().get(1);   // TfliteOperator{#1 DEPTHWISE_CONV_2D v3, inputs [4, 8, 0], ...}
 * m.minRuntimeVersion();             // Optional[1.5.0]
 * }</pre>
 *
 * <p>Reading checks the file identifier ({@code TFL3}), the schema version (3), every offset and
 * vector length against the file size, and every index (tensor to buffer, operator to tensors and
 * opcode, subgraph inputs and outputs, per-channel scale counts against the shape) before use. A
 * file that fails any check gives a {@link TfliteFormatException} naming what and where.
 * See docs/tflite.md.
 */
public final class TfliteModel {
  /** The metadata name under which converters record the minimum runtime version. */
  public static final String MIN_RUNTIME_VERSION = "min_runtime_version";

  private final long version;
  private final String description;
  private final List<TfliteOpcode> opcodes;
  private final List<TfliteSubgraph> subgraphs;
  private final int[] bufferSizes;
  private final Map<String, byte[]> metadata;
  private final int fileSize;

  TfliteModel(long version, String description, List<TfliteOpcode> opcodes,
      List<TfliteSubgraph> subgraphs, int[] bufferSizes, Map<String, byte[]> metadata,
      int fileSize) {
    this.version = version;
    this.description = description;
    this.opcodes = List.copyOf(opcodes);
    this.subgraphs = List.copyOf(subgraphs);
    this.bufferSizes = bufferSizes;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.fileSize = fileSize;
  }

  /**
   * Reads and checks a {@code .tflite} file.
   *
   * @throws IOException when the file cannot be read
   * @throws TfliteFormatException when it is not a valid TFLite model
   */
  public static TfliteModel read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new TfliteFormatException(file + " is " + size
          + " bytes; models over 2 GB (external buffers) are not supported");
    }
    return read(Files.readAllBytes(file));
  }

  /** Like {@link #read(Path)}, with I/O errors unchecked, for JShell and streams. */
  public static TfliteModel load(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and checks a model held in memory. The array is copied, so later changes to it do not
   * affect the model.
   *
   * @throws TfliteFormatException when it is not a valid TFLite model
   */
  public static TfliteModel read(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes must not be null");
    }
    return new TfliteReader(bytes.clone()).read();
  }

  /** The schema version (3 for every current file). */
  public long version() {
    return version;
  }

  /** The free-text description (converters write e.g. {@code "MLIR Converted."}). */
  public String description() {
    return description;
  }

  /** The operator code list that operators index into. */
  public List<TfliteOpcode> opcodes() {
    return opcodes;
  }

  public List<TfliteSubgraph> subgraphs() {
    return subgraphs;
  }

  /** The main subgraph (index 0). */
  public TfliteSubgraph subgraph() {
    if (subgraphs.isEmpty()) {
      throw new IllegalStateException("the model has no subgraph");
    }
    return subgraphs.get(0);
  }

  public TfliteSubgraph subgraph(int i) {
    return subgraphs.get(i);
  }

  /** Number of buffers, including the empty sentinel at index 0. */
  public int bufferCount() {
    return bufferSizes.length;
  }

  /** Size in bytes of buffer {@code i}. */
  public int bufferSize(int i) {
    return bufferSizes[i];
  }

  /** Total bytes of all buffers (weights, biases, metadata). */
  public long totalBufferBytes() {
    long s = 0;
    for (int b : bufferSizes) {
      s += b;
    }
    return s;
  }

  /** Size of the whole file in bytes. */
  public int fileSize() {
    return fileSize;
  }

  /** Metadata entries by name (their buffers' bytes). */
  public Map<String, byte[]> metadata() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    metadata.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** The {@code min_runtime_version} metadata, e.g. {@code "1.14.0"}, if present. */
  public Optional<String> minRuntimeVersion() {
    byte[] b = metadata.get(MIN_RUNTIME_VERSION);
    if (b == null) {
      return Optional.empty();
    }
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return Optional.of(new String(b, 0, n, StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TfliteModel{version ").append(version).append(", ")
        .append(fileSize).append(" bytes, ").append(subgraphs.size()).append(" subgraph(s), ")
        .append(opcodes.size()).append(" opcodes ").append(opcodes);
    minRuntimeVersion().ifPresent(v -> sb.append(", min_runtime_version ").append(v));
    if (!subgraphs.isEmpty()) {
      sb.append(", main: ").append(subgraph().tensors().size()).append(" tensors, ")
          .append(subgraph().operators().size()).append(" operators");
    }
    return sb.append('}').toString();
  }
}
