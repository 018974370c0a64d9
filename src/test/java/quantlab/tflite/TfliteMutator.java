package quantlab.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import quantlab.tflite.FlatBufferSites.Kind;

/**
 * Seeded mutations of one valid {@code .tflite} file: generic ones (bit flips, truncation,
 * random or hostile bytes anywhere) and targeted ones aimed at the FlatBuffer structure that
 * {@link FlatBufferSites} finds (root offset, vtable offsets and entries, offset fields, vector
 * offsets, inflated vector lengths, strings without terminators, hostile indices). A case is
 * fully determined by the original file and its case seed.
 */
final class TfliteMutator {
  /** The mutation kinds, for the figures. */
  enum Mutation {
    BIT_FLIPS, TRUNCATION, RANDOM_BYTES, HOSTILE_WORD, FILL, RANDOM_SHORT,
    ROOT_OFFSET, VTABLE_OFFSET, VTABLE_HEADER, VTABLE_ENTRY, FIELD_OFFSET, VECTOR_ELEMENT_OFFSET,
    INFLATED_VECTOR_LENGTH, UNTERMINATED_STRING, INFLATED_STRING_LENGTH, HOSTILE_INDEX,
    OPTION_FIELD
  }

  /** One mutated file and how it was made. */
  record Case(Mutation mutation, byte[] bytes) {}

  private static final Mutation[] GENERIC = {Mutation.BIT_FLIPS, Mutation.TRUNCATION,
      Mutation.RANDOM_BYTES, Mutation.HOSTILE_WORD, Mutation.FILL, Mutation.RANDOM_SHORT};

  private final byte[] original;
  private final int[] structure;
  private final Map<Kind, int[][]> sites;
  private final Mutation[] targeted;

  TfliteMutator(byte[] original) {
    this.original = original.clone();
    this.structure = structurePositions(original);
    this.sites = FlatBufferSites.of(original);
    List<Mutation> t = new ArrayList<>();
    for (Mutation m : Mutation.values()) {
      if (m.ordinal() >= Mutation.ROOT_OFFSET.ordinal() && sites.containsKey(siteOf(m))) {
        t.add(m);
      }
    }
    this.targeted = t.toArray(Mutation[]::new);
  }

  /** How many structural positions of each kind the file has. */
  Map<Kind, int[][]> sites() {
    return sites;
  }

  private static Kind siteOf(Mutation m) {
    return switch (m) {
      case ROOT_OFFSET -> Kind.ROOT_OFFSET;
      case VTABLE_OFFSET -> Kind.VTABLE_OFFSET;
      case VTABLE_HEADER -> Kind.VTABLE_HEADER;
      case VTABLE_ENTRY -> Kind.VTABLE_FIELD;
      case FIELD_OFFSET -> Kind.FIELD_OFFSET;
      case VECTOR_ELEMENT_OFFSET -> Kind.ELEMENT_OFFSET;
      case INFLATED_VECTOR_LENGTH -> Kind.VECTOR_LENGTH;
      case UNTERMINATED_STRING -> Kind.STRING_TERMINATOR;
      case INFLATED_STRING_LENGTH -> Kind.STRING_LENGTH;
      case HOSTILE_INDEX -> Kind.INDEX;
      case OPTION_FIELD -> Kind.OPTION_FIELD;
      default -> throw new IllegalArgumentException(m + " is not targeted");
    };
  }

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

  /** The case made from {@code caseSeed}: two in five generic, three in five targeted. */
  Case mutate(long caseSeed) {
    SplittableRandom rng = new SplittableRandom(caseSeed);
    Mutation m = rng.nextInt(5) < 2 ? GENERIC[rng.nextInt(GENERIC.length)]
        : targeted[rng.nextInt(targeted.length)];
    return new Case(m, apply(m, rng));
  }

  private byte[] apply(Mutation m, SplittableRandom rng) {
    byte[] b = original.clone();
    boolean inStructure = rng.nextInt(4) != 0;
    java.util.function.IntSupplier pos = () -> inStructure
        ? structure[rng.nextInt(structure.length)] : rng.nextInt(b.length);
    switch (m) {
      case BIT_FLIPS -> {
        int n = 1 + rng.nextInt(8);
        for (int i = 0; i < n; i++) {
          b[pos.getAsInt()] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case TRUNCATION -> {
        return Arrays.copyOf(b, rng.nextInt(4) == 0 ? rng.nextInt(Math.min(64, b.length))
            : pos.getAsInt());
      }
      case RANDOM_BYTES -> {
        int from = pos.getAsInt();
        int len = 1 + rng.nextInt(Math.min(64, b.length - from));
        for (int i = from; i < from + len; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
      }
      case HOSTILE_WORD -> {
        int p = pos.getAsInt() & ~3;
        if (p + 4 <= b.length) {
          putInt(b, p, hostile(rng, b.length, getInt(b, p)));
        }
      }
      case FILL -> {
        int from = pos.getAsInt();
        int len = 1 + rng.nextInt(Math.min(256, b.length - from));
        Arrays.fill(b, from, from + len, rng.nextBoolean() ? (byte) 0 : (byte) 0xFF);
      }
      case RANDOM_SHORT -> putShort(b, Math.min(pos.getAsInt(), b.length - 2), rng.nextInt(65536));
      case ROOT_OFFSET -> putInt(b, 0, hostile(rng, b.length, getInt(b, 0)));
      case VTABLE_OFFSET -> {
        int p = site(Kind.VTABLE_OFFSET, rng);
        int old = getInt(b, p);
        putInt(b, p, rng.nextBoolean() ? old + delta(rng) : hostile(rng, b.length, old));
      }
      case VTABLE_HEADER -> {
        int p = site(Kind.VTABLE_HEADER, rng);
        int[] v = {0, 1, 2, 3, 4, 0xFFFF, 0xFFFE, 0x8000, (b[p] & 0xFF) + 2, rng.nextInt(65536)};
        putShort(b, p, v[rng.nextInt(v.length)]);
      }
      case VTABLE_ENTRY -> {
        int p = site(Kind.VTABLE_FIELD, rng);
        int old = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        int[] v = {0, 1, 2, 3, 0xFFFF, 0xFFFC, 0x8000, old + 1, old + 4, old - 4, old + 64,
            rng.nextInt(65536)};
        putShort(b, p, v[rng.nextInt(v.length)]);
      }
      case FIELD_OFFSET, VECTOR_ELEMENT_OFFSET -> {
        int p = site(m == Mutation.FIELD_OFFSET ? Kind.FIELD_OFFSET : Kind.ELEMENT_OFFSET, rng);
        int old = getInt(b, p);
        putInt(b, p, rng.nextInt(3) != 0 ? old + delta(rng) : hostile(rng, b.length, old));
      }
      case INFLATED_VECTOR_LENGTH, INFLATED_STRING_LENGTH -> {
        int p = site(m == Mutation.INFLATED_VECTOR_LENGTH ? Kind.VECTOR_LENGTH
            : Kind.STRING_LENGTH, rng);
        int n = getInt(b, p);
        int[] v = {n + 1, n + 2, 2 * n + 1, n + b.length / 4, b.length, b.length / 4,
            0x3FFFFFFF, 0x40000000, 0x40000001, 0x20000001, 0x7FFFFFFF, 0x80000000, -1,
            n + 1 + rng.nextInt(1 << 16)};
        putInt(b, p, v[rng.nextInt(v.length)]);
      }
      case UNTERMINATED_STRING -> {
        int p = site(Kind.STRING_TERMINATOR, rng);
        // The terminator and the padding after it become text: the string runs on.
        int n = 1 + rng.nextInt(8);
        for (int i = p; i < Math.min(b.length, p + n); i++) {
          b[i] = (byte) ('A' + rng.nextInt(26));
        }
      }
      case HOSTILE_INDEX -> {
        int p = site(Kind.INDEX, rng);
        int old = getInt(b, p);
        int[] v = {-1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, old + 1, old - 1, old * 2 + 1,
            0, 1, 0x7FFF, 0x10000, 1 << 20, 1 << 30, (1 << 30) + 1, 46341, 65536 * 2,
            rng.nextInt()};
        putInt(b, p, v[rng.nextInt(v.length)]);
      }
      case OPTION_FIELD -> {
        int p = site(Kind.OPTION_FIELD, rng);
        int[] v = {0, 1, 2, 3, 5, 6, 0x7F, 0x80, 0xFF, rng.nextInt(256)};
        b[p] = (byte) v[rng.nextInt(v.length)];
      }
      default -> throw new AssertionError(m);
    }
    return b;
  }

  private int site(Kind k, SplittableRandom rng) {
    int[][] s = sites.get(k);
    return s[rng.nextInt(s.length)][0];
  }

  private static int delta(SplittableRandom rng) {
    int[] d = {-64, -8, -4, -2, -1, 1, 2, 3, 4, 8, 12, 64};
    return d[rng.nextInt(d.length)];
  }

  private static int hostile(SplittableRandom rng, int length, int old) {
    int[] v = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x40000001, 0x20000000, length,
        length - 4, length - 1, length + 4, 0, 1, 4, 0xFFFF, -4, 0x7FFFFFF0, old + 4, old - 4,
        rng.nextInt()};
    return v[rng.nextInt(v.length)];
  }

  static int getInt(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }

  static void putShort(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
  }
}
