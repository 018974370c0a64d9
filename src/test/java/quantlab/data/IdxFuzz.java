package quantlab.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import quantlab.testing.Fuzzing;

/**
 * The IDX fuzz campaign: seeded mutations of small IDX files of unsigned bytes (the only element
 * type {@link Idx} reads), plain and gzip-compressed, each read by {@link Idx#read(java.io
 * .InputStream, String, long)}; every eighth case is also written to a directory with three
 * valid files and loaded by {@link DatasetLoader#fromDirectory}, which pairs images with labels.
 * A case must end either in a read, after which everything is walked (every accessor, toString,
 * writing it back and reading it again; for a data set every accessor of both image sets), or in
 * an {@link IdxFormatException} with a message. Anything else, or a case longer than the bound,
 * is a failure, printed with its seed; its bytes are saved under {@code target/fuzz-failures/}.
 *
 * <p>Mutations: bit flips, truncation, appended bytes, random bytes; in the header: the magic
 * number, the type byte (0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double and
 * others), the rank, hostile dimensions (2^31 items, 2^31 - 1, 0, -1, 46341), dimensions whose
 * product overflows an int or a long; and, for the gzip files, the compressed stream: bit flips,
 * truncation, the gzip header (magic, method, flags with bogus optional fields), the CRC-32 and
 * size trailer, a second member or garbage after the first.
 *
 * <p>Run by {@code IdxFuzzTest} in a JVM with a 256 MB heap; by hand like {@code TfliteFuzz}.
 */
public final class IdxFuzz {
  static final int DEFAULT_CASES_PER_FILE = 450;
  static final long DEFAULT_SEED = 20260614L;
  static final long CASE_BOUND_MS = 5000;

  /** How a case was made. */
  enum Mutation {
    BIT_FLIPS, TRUNCATION, APPENDED_BYTES, RANDOM_BYTES, MAGIC, TYPE_BYTE, RANK,
    HOSTILE_DIMENSION, OVERFLOWING_PRODUCT, GZ_BIT_FLIPS, GZ_TRUNCATION, GZ_HEADER, GZ_TRAILER,
    GZ_TRAILING_DATA
  }

  private static final Mutation[] PLAIN = {Mutation.BIT_FLIPS, Mutation.TRUNCATION,
      Mutation.APPENDED_BYTES, Mutation.RANDOM_BYTES, Mutation.MAGIC, Mutation.TYPE_BYTE,
      Mutation.RANK, Mutation.HOSTILE_DIMENSION, Mutation.OVERFLOWING_PRODUCT};
  private static final Mutation[] GZ = {Mutation.GZ_BIT_FLIPS, Mutation.GZ_TRUNCATION,
      Mutation.GZ_HEADER, Mutation.GZ_TRAILER, Mutation.GZ_TRAILING_DATA};

  private final Fuzzing.Tally tally = new Fuzzing.Tally();
  private final Map<String, Fuzzing.Tally> bySeedFile = new LinkedHashMap<>();
  private final Map<Mutation, int[]> byMutation = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final PrintStream out;
  private final Path dir;
  private final Map<String, byte[]> plain = seedFiles();
  private int loaded;

  private IdxFuzz(PrintStream out, Path dir) {
    this.out = out;
    this.dir = dir;
  }

  /** A plain IDX file by hand: magic, type 0x08, rank, big-endian dims, then the data. */
  static byte[] idx(int[] dims, SplittableRandom rng, int valueBound) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.write(0);
    b.write(Idx.UBYTE);
    b.write(dims.length);
    int n = 1;
    for (int d : dims) {
      b.write(d >>> 24);
      b.write(d >>> 16);
      b.write(d >>> 8);
      b.write(d);
      n *= d;
    }
    for (int i = 0; i < n; i++) {
      b.write(rng.nextInt(valueBound));
    }
    return b.toByteArray();
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bo.toByteArray();
  }

  /**
   * The seed files, plain: a data set's four files (20 training, 6 test images of 5 x 5, labels
   * in [0, 10)), MNIST-sized images, a rank-4 array, a single byte.
   */
  static Map<String, byte[]> seedFiles() {
    SplittableRandom rng = new SplittableRandom(7);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("train-images-idx3-ubyte", idx(new int[] {20, 5, 5}, rng, 256));
    files.put("train-labels-idx1-ubyte", idx(new int[] {20}, rng, 10));
    files.put("t10k-images-idx3-ubyte", idx(new int[] {6, 5, 5}, rng, 256));
    files.put("t10k-labels-idx1-ubyte", idx(new int[] {6}, rng, 10));
    files.put("images-2x28x28", idx(new int[] {2, 28, 28}, rng, 256));
    files.put("rank4-2x3x2x2", idx(new int[] {2, 3, 2, 2}, rng, 256));
    files.put("single-byte", idx(new int[] {1}, rng, 256));
    return files;
  }

  public static void main(String[] args) throws IOException {
    int perFile = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CASES_PER_FILE;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
    Path dir = Files.createTempDirectory("quantlab-idx-fuzz");
    int failed;
    try {
      failed = new IdxFuzz(System.out, dir).campaign(perFile, seed);
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    System.out.flush();
    System.exit(failed == 0 ? 0 : 1);
  }

  int campaign(int perFile, long seed) throws IOException {
    Fuzzing.Watchdog dog = new Fuzzing.Watchdog(CASE_BOUND_MS);
    Map<String, byte[]> files = new LinkedHashMap<>();
    plain.forEach((k, v) -> {
      files.put(k, v);
      files.put(k + ".gz", gzip(v));
    });
    out.printf(Locale.ROOT, "IDX fuzz campaign: %d seed files x %,d cases, base seed %d, heap %d"
        + " MB, case bound %d ms%n", files.size(), perFile, seed,
        Runtime.getRuntime().maxMemory() / (1 << 20), CASE_BOUND_MS);
    long t0 = System.nanoTime();
    int fileIndex = 0;
    for (var e : files.entrySet()) {
      long fileSeed = seed + 1_000_003L * fileIndex++;
      String name = e.getKey();
      boolean gz = name.endsWith(".gz");
      byte[] original = plain.get(gz ? name.substring(0, name.length() - 3) : name);
      Fuzzing.Tally mine = new Fuzzing.Tally();
      bySeedFile.put(name, mine);
      SplittableRandom rng = new SplittableRandom(fileSeed);
      for (int i = 0; i < perFile; i++) {
        long caseSeed = rng.nextLong();
        dog.start(name + ":" + caseSeed + " (case " + i + ")");
        oneCase(name, original, gz, caseSeed, i % 8 == 0, mine);
        dog.stop();
      }
      out.printf(Locale.ROOT, "  %-28s %,5d bytes, file seed %d: %,d read, %,d refused%n", name,
          e.getValue().length, fileSeed, mine.total() - mine.total(REFUSED),
          mine.total(REFUSED));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.println();
    out.printf(Locale.ROOT, "%,d cases in %.1f s (%.0f cases/s); %,d also loaded as a data set;"
        + " %d failed%n", tally.total(), seconds, tally.total() / seconds, loaded,
        failures.size());
    out.println();
    out.println("| mutation | cases | read | refused |");
    out.println("| --- | ---: | ---: | ---: |");
    byMutation.forEach((m, c) -> out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d |%n",
        m.name().toLowerCase(Locale.ROOT), c[0], c[1], c[0] - c[1]));
    out.println();
    tally.print(out, Integer.getInteger("fuzz.categories", 14));
    if (!failures.isEmpty()) {
      out.println();
      out.println("FAILED cases (" + failures.size() + "):");
      failures.forEach(out::println);
    }
    return failures.size();
  }

  static final String READ = "read";
  static final String REFUSED = "refused: IdxFormatException";

  private void oneCase(String name, byte[] original, boolean gz, long caseSeed,
      boolean asDataSet, Fuzzing.Tally mine) {
    SplittableRandom rng = new SplittableRandom(caseSeed);
    Mutation m = gz && rng.nextBoolean() ? GZ[rng.nextInt(GZ.length)]
        : PLAIN[rng.nextInt(PLAIN.length)];
    byte[] bytes;
    if (m.name().startsWith("GZ_")) {
      bytes = mutateGzip(gzip(original), m, rng);
    } else {
      byte[] plain = mutatePlain(original, m, rng);
      bytes = gz ? gzip(plain) : plain;
    }
    int[] counts = byMutation.computeIfAbsent(m, k -> new int[2]);
    counts[0]++;
    String[] o;
    try {
      o = outcome(name, bytes);
      if (asDataSet && o[0].equals(READ) && name.startsWith("t")) {
        o = loadAsDataSet(name, bytes);
      }
    } catch (Throwable t) {
      String saved = Fuzzing.saveFailure(name + "-" + caseSeed, bytes).toString();
      StringBuilder sb = new StringBuilder("  " + name + ":" + caseSeed + " " + m + ": " + t
          + " escaped; bytes in " + saved);
      for (StackTraceElement e : t.getStackTrace()) {
        sb.append("\n      at ").append(e);
        if (e.getClassName().startsWith("quantlab.data.IdxFuzz")) {
          break;
        }
      }
      if (failures.size() < 40) {
        failures.add(sb.toString());
      }
      o = new String[] {"FAILED", t.getClass().getSimpleName()};
    }
    if (!o[0].startsWith("refused") && !o[0].equals("FAILED")) {
      counts[1]++;
    }
    tally.add(o[0], o[1]);
    mine.add(o[0], o[1]);
  }

  /** Reads {@code bytes} as the file {@code name}; walks the result. */
  static String[] outcome(String name, byte[] bytes) throws IOException {
    IdxArray a;
    try {
      a = Idx.read(new ByteArrayInputStream(bytes), name, bytes.length);
    } catch (IdxFormatException e) {
      return new String[] {REFUSED, message(e)};
    }
    walk(a);
    return new String[] {READ, ""};
  }

  static void walk(IdxArray a) throws IOException {
    a.toString();
    long n = 1;
    for (int i = 0; i < a.rank(); i++) {
      n *= a.dim(i);
    }
    if (n != a.size() || a.dims().length != a.rank()) {
      throw new AssertionError(a + ": size " + a.size() + " is not the product of the dims");
    }
    long sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += a.unsigned(i);
    }
    if (a.bytes().length != a.size() || sum < 0) {
      throw new AssertionError(a + ": bytes() holds " + a.bytes().length);
    }
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    Idx.write(back, a);
    IdxArray again = Idx.read(new ByteArrayInputStream(back.toByteArray()), "written back",
        back.size());
    if (!Arrays.equals(again.dims(), a.dims()) || !Arrays.equals(again.bytes(), a.bytes())) {
      throw new AssertionError(a + " does not survive writing and reading");
    }
  }

  /**
   * Puts the mutated file among the three other valid files of the little data set and loads
   * the directory; walks both image sets.
   */
  private String[] loadAsDataSet(String name, byte[] bytes) throws IOException {
    loaded++;
    Path set = Files.createDirectories(dir.resolve("set"));
    try (var s = Files.list(set)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    for (String f : DatasetSpec.FILES) {
      if (!name.startsWith(f)) {
        Files.write(set.resolve(f), plain.get(f));
      }
    }
    Files.write(set.resolve(name), bytes);
    Dataset d;
    try {
      d = DatasetLoader.fromDirectory("fuzz", set, Mnist.CLASS_NAMES);
    } catch (IdxFormatException e) {
      return new String[] {"read; refused as a data set: IdxFormatException", message(e)};
    }
    d.toString();
    for (LabeledImages li : List.of(d.train(), d.test())) {
      li.toString();
      li.classCounts();
      li.pixels(0, li.count());
      li.labels(0, li.count());
      li.first(3).toString();
      li.stratified(2, 1).toString();
      for (int i = 0; i < li.count(); i++) {
        li.label(i);
        li.pixel(i, li.rows() - 1, li.cols() - 1);
      }
      walk(li.imagesIdx());
      walk(li.labelsIdx());
    }
    return new String[] {"read; loaded as a data set", ""};
  }

  private static String message(IdxFormatException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("IdxFormatException without a message", e);
    }
    return Fuzzing.category(e.getMessage());
  }

  // ---- mutations ----------------------------------------------------------------------------

  static byte[] mutatePlain(byte[] original, Mutation m, SplittableRandom rng) {
    byte[] b = original.clone();
    int rank = b[3] & 0xFF;
    int header = 4 + 4 * rank;
    switch (m) {
      case BIT_FLIPS -> {
        int n = 1 + rng.nextInt(6);
        for (int i = 0; i < n; i++) {
          // three times in four in the header, where the checks are
          int p = rng.nextInt(4) != 0 ? rng.nextInt(header) : rng.nextInt(b.length);
          b[p] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case TRUNCATION -> {
        return Arrays.copyOf(b, rng.nextBoolean() ? rng.nextInt(header + 1)
            : rng.nextInt(b.length));
      }
      case APPENDED_BYTES -> {
        byte[] longer = Arrays.copyOf(b, b.length + 1 + rng.nextInt(rng.nextBoolean() ? 4 : 300));
        for (int i = b.length; i < longer.length; i++) {
          longer[i] = (byte) rng.nextInt(256);
        }
        return longer;
      }
      case RANDOM_BYTES -> {
        int from = rng.nextInt(b.length);
        int len = 1 + rng.nextInt(Math.min(16, b.length - from));
        for (int i = from; i < from + len; i++) {
          b[i] = (byte) rng.nextInt(256);
        }
      }
      case MAGIC -> {
        int[] v = {0x0000, 0x0001, 0x0100, 0x1F8B, 0x8B1F, 0xFFFF, rng.nextInt(65536)};
        int x = v[rng.nextInt(v.length)];
        b[0] = (byte) (x >>> 8);
        b[1] = (byte) x;
      }
      case TYPE_BYTE -> {
        int[] v = {0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x07, 0xFF, rng.nextInt(256)};
        b[2] = (byte) v[rng.nextInt(v.length)];
      }
      case RANK -> {
        int[] v = {0, 1, rank - 1, rank + 1, rank + 2, 255, rng.nextInt(256)};
        b[3] = (byte) v[rng.nextInt(v.length)];
      }
      case HOSTILE_DIMENSION -> {
        int d = rng.nextInt(rank);
        int old = getInt(b, 4 + 4 * d);
        int[] v = {0x80000000, 0x7FFFFFFF, 0x7FFFFFF7, 0x7FFFFFF8, 0, -1, 46341, 65536,
            old + 1, old - 1, old * 2, 1 << 24, rng.nextInt()};
        putInt(b, 4 + 4 * d, v[rng.nextInt(v.length)]);
      }
      case OVERFLOWING_PRODUCT -> {
        // dims whose product passes 2^31 (and, for rank 3 and more, 2^63) while each is valid
        int[] v = {65536, 46341, 0x7FFFFFFF, 1 << 20, 55109, 3};
        for (int d = 0; d < rank; d++) {
          putInt(b, 4 + 4 * d, v[rng.nextInt(v.length)]);
        }
      }
      default -> throw new AssertionError(m);
    }
    return b;
  }

  /**
   * Mutates a gzip member (RFC 1952: magic 1f 8b, method 8, flags, mtime, xfl, os, then the
   * deflate data, then CRC-32 and the uncompressed size, little-endian).
   */
  static byte[] mutateGzip(byte[] g, Mutation m, SplittableRandom rng) {
    byte[] b = g.clone();
    switch (m) {
      case GZ_BIT_FLIPS -> {
        int n = 1 + rng.nextInt(4);
        for (int i = 0; i < n; i++) {
          int p = 10 + rng.nextInt(b.length - 18); // inside the deflate data
          b[p] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case GZ_TRUNCATION -> {
        return Arrays.copyOf(b, rng.nextInt(b.length));
      }
      case GZ_HEADER -> {
        switch (rng.nextInt(4)) {
          case 0 -> b[1] = (byte) rng.nextInt(256); // magic
          case 1 -> b[2] = (byte) (rng.nextBoolean() ? 7 : rng.nextInt(256)); // method
          case 2 -> b[3] = (byte) (1 << (1 + rng.nextInt(4))); // FHCRC, FEXTRA, FNAME, FCOMMENT
          default -> b[3] = (byte) rng.nextInt(256);
        }
      }
      case GZ_TRAILER -> {
        int p = b.length - 8 + rng.nextInt(8); // CRC-32 or ISIZE
        b[p] ^= (byte) (1 + rng.nextInt(255));
      }
      case GZ_TRAILING_DATA -> {
        byte[] extra;
        switch (rng.nextInt(3)) {
          case 0 -> extra = gzip(new byte[] {1, 2, 3}); // a second member: more data
          case 1 -> extra = new byte[] {0x1f, (byte) 0x8b, 8}; // a second header, cut short
          default -> {
            extra = new byte[1 + rng.nextInt(64)];
            for (int i = 0; i < extra.length; i++) {
              extra[i] = (byte) rng.nextInt(256);
            }
          }
        }
        byte[] longer = Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, longer, b.length, extra.length);
        return longer;
      }
      default -> throw new AssertionError(m);
    }
    return b;
  }

  static int getInt(byte[] b, int p) {
    return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
  }

  static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
