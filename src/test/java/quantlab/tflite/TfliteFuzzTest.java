package quantlab.tflite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutations of real files (bit flips, truncations, byte-range overwrites, hostile 32-bit
 * values): every case must either read (and then be fully walkable) or throw
 * {@link TfliteFormatException}; nothing else may escape, and nothing may hang.
 */
class TfliteFuzzTest {
  static final int CASES_PER_FILE = 12_000;

  /**
   * Byte positions of {@code file} that are not tensor data: the FlatBuffer structure (tables,
   * vtables, offsets, vectors of indices, strings), where a mutation tests the checks.
   */
  static int[] structurePositions(byte[] file) {
    boolean[] data = new boolean[file.length];
    for (TfliteSubgraph g : TfliteModel.read(file).subgraphs()) {
      for (TfliteTensor t : g.tensors()) {
        Arrays.fill(data, t.dataOffset(), t.dataOffset() + t.bufferSize(), true);
      }
    }
    int[] out = new int[file.length];
    int n = 0;
    for (int i = 0; i < file.length; i++) {
      if (!data[i]) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Mutates {@code original} in one of several ways, chosen by {@code rng}; three times in four
   * the position is drawn from {@code structure}, else from the whole file.
   */
  static byte[] mutate(byte[] original, int[] structure, SplittableRandom rng) {
    byte[] b = original.clone();
    boolean inStructure = rng.nextInt(4) != 0;
    java.util.function.IntSupplier pos = () -> inStructure
        ? structure[rng.nextInt(structure.length)] : rng.nextInt(b.length);
    int kind = rng.nextInt(6);
    switch (kind) {
      case 0 -> { // a few bit flips
        int n = 1 + rng.nextInt(8);
        for (int i = 0; i < n; i++) {
          int p = pos.getAsInt();
          b[p] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case 1 -> { // truncation
        return Arrays.copyOf(b, pos.getAsInt());
      }
      case 2 -> { // overwrite a byte range with random bytes
        int from = pos.getAsInt();
        int len = 1 + rng.nextInt(Math.min(64, b.length - from));
        for (int i = from; i < from + len; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
      }
      case 3 -> { // a hostile 32-bit value at an aligned position (offsets, lengths, indices)
        int[] hostile = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x40000001, 0x20000000,
            b.length, b.length - 4, 0, 1, 0xFFFF, -4, 0x7FFFFFF0};
        int p = pos.getAsInt() & ~3;
        int v = hostile[rng.nextInt(hostile.length)];
        if (p + 4 <= b.length) {
          b[p] = (byte) v;
          b[p + 1] = (byte) (v >>> 8);
          b[p + 2] = (byte) (v >>> 16);
          b[p + 3] = (byte) (v >>> 24);
        }
      }
      case 4 -> { // fill a range with 0x00 or 0xFF
        int from = pos.getAsInt();
        int len = 1 + rng.nextInt(Math.min(256, b.length - from));
        Arrays.fill(b, from, from + len, rng.nextBoolean() ? (byte) 0 : (byte) 0xFF);
      }
      default -> { // a random 16-bit value (vtable entries are 16-bit)
        int p = Math.min(pos.getAsInt(), b.length - 2);
        int v = rng.nextInt(65536);
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
      }
    }
    return b;
  }

  /**
   * Reads {@code bytes} and walks everything a user might touch (with {@code strings}, also every
   * toString, which is slow enough to be sampled); returns whether it read.
   */
  static boolean readAndWalk(byte[] bytes, boolean strings) {
    TfliteModel m;
    try {
      m = TfliteModel.read(bytes);
    } catch (TfliteFormatException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      return false;
    }
    if (strings) {
      m.toString();
    }
    m.minRuntimeVersion();
    m.metadata();
    for (TfliteSubgraph g : m.subgraphs()) {
      if (strings) {
        g.toString();
      }
      for (TfliteTensor t : g.tensors()) {
        t.data();
        t.shape();
        t.elementCount();
        TfliteQuantization q = t.quantization().orElse(null);
        if (q != null) {
          q.scales();
          q.zeroPoints();
          q.quantizedDimension();
        }
        if (strings) {
          t.toString();
          if (q != null) {
            q.toString();
            q.describe();
          }
        }
        if (!t.isSparse()) {
          switch (t.type()) {
            case FLOAT32 -> t.floats();
            case FLOAT16 -> t.float16s();
            case INT8 -> t.int8s();
            case UINT8 -> t.uint8s();
            case INT16 -> t.int16s();
            case INT32 -> t.int32s();
            case INT64 -> t.int64s();
            default -> { }
          }
        }
      }
      for (TfliteOperator o : g.operators()) {
        o.inputs();
        o.outputs();
        o.options().activation();
        if (strings) {
          o.toString();
        }
      }
    }
    return true;
  }

  /** Builds the inspector's tables (slow in Tablesaw, so the fuzz loop samples it). */
  static void tables(byte[] bytes) {
    TfliteModel m = TfliteModel.read(bytes);
    TfliteInspector in = TfliteInspector.of(m);
    for (int s = 0; s < m.subgraphs().size(); s++) {
      in.tensors(s).rowCount();
      in.operators(s).rowCount();
    }
    if (!m.subgraphs().isEmpty()) {
      in.sizes().rowCount();
    }
  }

  static void fuzz(String name, byte[] original, long seed, int cases) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] structure = structurePositions(original);
    int read = 0;
    for (int i = 0; i < cases; i++) {
      long caseSeed = rng.nextLong();
      byte[] mutated = mutate(original, structure, new SplittableRandom(caseSeed));
      try {
        if (readAndWalk(mutated, read % 16 == 0)) {
          // Strings and Tablesaw tables are slow to build: every 16th readable case.
          if (read % 16 == 0) {
            tables(mutated);
          }
          read++;
          if (read % 64 == 1) {
            TfliteInspector.of(TfliteModel.read(mutated)).text();
          }
        }
      } catch (Throwable t) {
        fail(name + " case " + i + " (seed " + caseSeed + "): " + t + " escaped instead of a"
            + " TfliteFormatException", t);
      }
    }
    // Some mutations (in weights or padding) leave a valid file; most do not.
    assertTrue(read > 0 && read < cases, name + ": " + read + " of " + cases + " read");
  }

  @Test
  @Timeout(120)
  void writtenInt8CnnMutations() {
    // Our own file with every operator kind, QUANTIZE/DEQUANTIZE edges and per-channel params.
    byte[] file = TfliteWriter.builder().variant(TfliteVariant.INT8).floatInputOutput(true)
        .build().toBytes(Specs.cnn());
    fuzz("cnn_int8", file, 20260602L, CASES_PER_FILE);
  }

  @Test
  @Timeout(120)
  void microSpeechMutations() throws IOException {
    fuzz("micro_speech", TfliteModelTest.microSpeech(), 20260601L, CASES_PER_FILE);
  }
}
