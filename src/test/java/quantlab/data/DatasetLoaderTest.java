package quantlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantlab.testing.Tools;

class DatasetLoaderTest {
  @TempDir Path tmp;
  HttpServer server;
  final List<String> notices = new ArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** The plain IDX bytes of a tiny data set with {@code n} training and 2 test images of 2x2. */
  static Map<String, byte[]> tinySet(int n) {
    Map<String, byte[]> files = new HashMap<>();
    files.put("train-images-idx3-ubyte", idx(new int[] {n, 2, 2}, n * 4));
    files.put("train-labels-idx1-ubyte", idx(new int[] {n}, n));
    files.put("t10k-images-idx3-ubyte", idx(new int[] {2, 2, 2}, 8));
    files.put("t10k-labels-idx1-ubyte", idx(new int[] {2}, 2));
    return files;
  }

  /** Hand-built IDX bytes: header then data bytes i % 10. */
  static byte[] idx(int[] dims, int size) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.write(0);
    b.write(8);
    b.write(dims.length);
    for (int d : dims) {
      b.write(d >>> 24);
      b.write(d >>> 16);
      b.write(d >>> 8);
      b.write(d);
    }
    for (int i = 0; i < size; i++) {
      b.write(i % 10);
    }
    return b.toByteArray();
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    }
    return bo.toByteArray();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  Path dirWith(String name, Map<String, byte[]> files, boolean gz) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(d.resolve(e.getKey() + (gz ? ".gz" : "")), gz ? gzip(e.getValue()) : e.getValue());
    }
    return d;
  }

  DatasetSpec spec(Map<String, byte[]> expected, URI base) throws Exception {
    Map<String, String> sums = new HashMap<>();
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      sums.put(e.getKey(), sha256(e.getValue()));
    }
    return new DatasetSpec("tiny", Mnist.CLASS_NAMES, sums, base, List.of(),
        FashionMnist.SPEC.bundledResource());
  }

  /** Serves {@code files} gzip-compressed under /data/NAME.gz; counts the requests. */
  URI serve(Map<String, byte[]> files, AtomicInteger requests) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/data/", ex -> {
      requests.incrementAndGet();
      String name = ex.getRequestURI().getPath().substring("/data/".length());
      byte[] body = name.endsWith(".gz") ? files.get(name.substring(0, name.length() - 3)) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        byte[] gz = gzip(body);
        ex.sendResponseHeaders(200, gz.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(gz);
        }
      }
      ex.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
  }

  DatasetLoader.Builder loader(DatasetSpec spec, Path cache, List<Path> system) {
    return DatasetLoader.builder(spec).cacheDir(cache).systemDirs(system).notices(notices::add);
  }

  @Test
  void cacheComesBeforeSystemDirs() throws Exception {
    Path cache = dirWith("cache", tinySet(3), true);
    Path system = dirWith("system", tinySet(5), true);
    Dataset d = loader(spec(tinySet(3), null), cache, List.of(system)).download(false).build()
        .load();
    assertEquals(Dataset.Source.CACHE, d.source());
    assertEquals(3, d.train().count());
  }

  @Test
  void systemDirUsedWhenCacheIncomplete() throws Exception {
    Path cache = dirWith("cache", tinySet(3), false);
    Files.delete(cache.resolve("t10k-labels-idx1-ubyte"));
    Path system = dirWith("system", tinySet(5), true);
    Dataset d = loader(spec(tinySet(5), null), cache, List.of(tmp.resolve("absent"), system))
        .download(false).build().load();
    assertEquals(Dataset.Source.SYSTEM, d.source());
    assertEquals(5, d.train().count());
    assertEquals(system.toString(), d.location());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, d.train().labels(0, 5));
  }

  @Test
  void downloadsIntoCacheWhenNothingLocal() throws Exception {
    Map<String, byte[]> files = tinySet(4);
    AtomicInteger requests = new AtomicInteger();
    URI base = serve(files, requests);
    Path cache = tmp.resolve("cache");
    Dataset d = loader(spec(files, base), cache, List.of()).download(true).build().load();
    assertEquals(Dataset.Source.DOWNLOAD, d.source());
    assertEquals(4, d.train().count());
    assertEquals(4, requests.get());
    for (String f : DatasetSpec.FILES) {
      assertArrayEquals(gzip(files.get(f)), Files.readAllBytes(cache.resolve(f + ".gz")));
    }
    try (var s = Files.list(cache)) {
      assertEquals(4, s.count(), "no temporary files left");
    }
    // Second load: from the cache, no request.
    Dataset again = loader(spec(files, base), cache, List.of()).download(true).build().load();
    assertEquals(Dataset.Source.CACHE, again.source());
    assertEquals(4, requests.get());
  }

  @Test
  void badChecksumIsRejectedAndNothingIsCached() throws Exception {
    Map<String, byte[]> served = tinySet(4);
    Map<String, byte[]> expected = new HashMap<>(served);
    expected.put("train-labels-idx1-ubyte", idx(new int[] {4}, 4).clone());
    expected.get("train-labels-idx1-ubyte")[8] = 9; // the server's file differs in one byte
    URI base = serve(served, new AtomicInteger());
    Path cache = tmp.resolve("cache");
    DatasetSpec spec = spec(expected, base);
    IOException e = assertThrows(IOException.class,
        () -> loader(spec, cache, List.of()).download(true).bundled(false).build().load());
    assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("train-labels-idx1-ubyte.gz")));
    try (var s = Files.list(cache)) {
      assertTrue(s.noneMatch(p -> p.toString().endsWith(".part")), "temporary file deleted");
    }
    assertTrue(notices.stream().anyMatch(n -> n.contains("SHA-256 mismatch")), notices::toString);
  }

  @Test
  void failedDownloadFallsBackToBundledSubsetWithNotice() throws Exception {
    URI base = serve(Map.of(), new AtomicInteger()); // answers 404
    Dataset d = loader(FashionMnist.SPEC.withDownloadBase(base), tmp.resolve("cache"), List.of())
        .download(true).build().load();
    assertEquals(Dataset.Source.BUNDLED_SUBSET, d.source());
    assertTrue(d.isSubset());
    assertTrue(notices.stream().anyMatch(n -> n.contains("404")), notices::toString);
    assertTrue(notices.stream().anyMatch(n -> n.contains("SUBSET")), notices::toString);
  }

  @Test
  void bundledSubsetIsStratified() throws Exception {
    Dataset d = loader(FashionMnist.SPEC, tmp.resolve("cache"), List.of()).download(false)
        .build().load();
    assertEquals(Dataset.Source.BUNDLED_SUBSET, d.source());
    int[] train = new int[10];
    java.util.Arrays.fill(train, 300);
    int[] test = new int[10];
    java.util.Arrays.fill(test, 100);
    assertArrayEquals(train, d.train().classCounts());
    assertArrayEquals(test, d.test().classCounts());
    assertEquals(28, d.train().rows());
    assertEquals(1, notices.size());
  }

  @Test
  void nothingAnywhereIsAnErrorListingWhereItLooked() throws Exception {
    DatasetSpec spec = new DatasetSpec("none", Mnist.CLASS_NAMES, Map.of(), null, List.of(), null);
    IOException e = assertThrows(IOException.class,
        () -> loader(spec, tmp.resolve("c"), List.of(tmp.resolve("s"))).build().load());
    assertTrue(e.getMessage().contains(tmp.resolve("c").toString()), e.getMessage());
  }

  @Test
  void corruptFileInCacheIsReportedNotSkipped() throws Exception {
    Map<String, byte[]> files = tinySet(3);
    Path cache = dirWith("cache", files, false);
    Files.write(cache.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0});
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> loader(spec(files, null), cache, List.of()).download(false).build().load());
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
  }

  @Test
  void aLabelThatNamesNoClassIsAFormatErrorAtItsByte() throws Exception {
    // found by the IDX fuzz campaign: a plain IOException("dir: labels[2] must be ...") before
    Map<String, byte[]> files = tinySet(3);
    files.get("train-labels-idx1-ubyte")[8 + 2] = 12; // label 2 of 3; 10 classes
    Path dir = dirWith("bad-label", files, false);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> Mnist.fromDirectory(dir));
    assertEquals(dir.resolve("train-labels-idx1-ubyte").toString(), e.file());
    assertEquals(10, e.offset());
    assertTrue(e.getMessage().endsWith("expected a label in [0, 10) (one of the classes [0, 1,"
        + " 2, 3, 4, 5, 6, 7, 8, 9]), found 12 (label 2)"), e.getMessage());
  }

  @Test
  void labelsThatDoNotMatchTheImagesAreAFormatErrorOfTheLabelsFile() throws Exception {
    Map<String, byte[]> files = tinySet(3);
    files.put("t10k-labels-idx1-ubyte", idx(new int[] {3}, 3)); // 2 test images
    Path dir = dirWith("count", files, true);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> Mnist.fromDirectory(dir));
    assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz").toString(), e.file());
    assertEquals(4, e.offset());
    assertTrue(e.getMessage().contains("expected 2 labels, one per image of"), e.getMessage());
  }

  @Test
  void imagesOfTheWrongRankAreAFormatErrorAtByte3() throws Exception {
    Map<String, byte[]> files = tinySet(3);
    files.put("train-images-idx3-ubyte", idx(new int[] {3, 4}, 12));
    Path dir = dirWith("rank", files, false);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> Mnist.fromDirectory(dir));
    assertEquals(3, e.offset());
    assertTrue(e.getMessage().endsWith("expected 3 dimensions [count, rows, cols] of images,"
        + " found 2 [3, 4]"), e.getMessage());
  }

  @Test
  void mnistDirectoryLoadsTheSameWay() throws Exception {
    Dataset d = Mnist.fromDirectory(dirWith("mnist", tinySet(6), false));
    assertEquals(Dataset.Source.DIRECTORY, d.source());
    assertEquals("5", d.train().classNames().get(d.train().label(5)));
  }

  @Test
  void debianPackageHasTheFullSetWithMatchingChecksums() throws Exception {
    Path dir = Tools.requireFile("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
        "apt-get install dataset-fashion-mnist").getParent();
    Dataset d = loader(FashionMnist.SPEC, tmp.resolve("cache"), List.of(dir)).download(false)
        .build().load();
    assertEquals(Dataset.Source.SYSTEM, d.source());
    assertEquals(60000, d.train().count());
    assertEquals(10000, d.test().count());
    assertEquals(9, d.train().label(0)); // Ankle boot, the first training image upstream
    assertEquals("Ankle boot", d.train().classNames().get(9));
    for (String f : DatasetSpec.FILES) {
      assertEquals(FashionMnist.SPEC.sha256().get(f),
          Download.sha256OfContent(dir.resolve(f + ".gz")), f);
    }
  }
}
