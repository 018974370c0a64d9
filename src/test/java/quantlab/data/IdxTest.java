package quantlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path tmp;

  /** A label file by hand: magic 0x0000, type 0x08, 1 dim, size 3, labels 7 0 9. */
  static final byte[] LABELS = {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9};

  /** A [2, 2, 3] image file by hand; the last pixel is 255. */
  static final byte[] IMAGES = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255};

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    }
    return bo.toByteArray();
  }

  Path file(String name, byte[] content) throws IOException {
    return Files.write(tmp.resolve(name), content);
  }

  IdxFormatException fails(String name, byte[] content) throws IOException {
    Path p = file(name, content);
    return assertThrows(IdxFormatException.class, () -> Idx.read(p));
  }

  @Test
  void readsHandMadeLabelFile() throws IOException {
    IdxArray a = Idx.read(file("labels", LABELS));
    assertArrayEquals(new int[] {3}, a.dims());
    assertEquals(7, a.unsigned(0));
    assertEquals(0, a.unsigned(1));
    assertEquals(9, a.unsigned(2));
  }

  @Test
  void readsHandMadeImageFilePlainAndGzip() throws IOException {
    for (IdxArray a : new IdxArray[] {Idx.read(file("img", IMAGES)),
        Idx.read(file("img.gz", gzip(IMAGES)))}) {
      assertArrayEquals(new int[] {2, 2, 3}, a.dims());
      assertEquals(12, a.size());
      assertEquals(1, a.unsigned(0));
      assertEquals(255, a.unsigned(11));
    }
  }

  @Test
  void gzipIsRecognisedByContentNotName() throws IOException {
    assertEquals(3, Idx.read(file("labels-no-suffix", gzip(LABELS))).size());
  }

  @Test
  void wrongMagicNamesFileAndOffset() throws IOException {
    byte[] b = LABELS.clone();
    b[1] = 1;
    IdxFormatException e = fails("bad-magic", b);
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("bad-magic"), e.getMessage());
    assertTrue(e.getMessage().contains("magic number 0x0000"), e.getMessage());
    assertTrue(e.getMessage().contains("0x0001"), e.getMessage());
  }

  @Test
  void unsupportedTypeIsRejectedAtByte2() throws IOException {
    byte[] b = LABELS.clone();
    b[2] = 0x0D; // float
    IdxFormatException e = fails("float", b);
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().contains("0x08") && e.getMessage().contains("0x0d"),
        e.getMessage());
  }

  @Test
  void zeroDimensionsRejected() throws IOException {
    assertEquals(3, fails("rank0", new byte[] {0, 0, 8, 0}).offset());
  }

  @Test
  void zeroSizedDimensionRejected() throws IOException {
    IdxFormatException e = fails("dim0", new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
    assertEquals(4, e.offset());
    assertTrue(e.getMessage().contains("found 0"), e.getMessage());
  }

  @Test
  void truncatedHeaderNamesWhereItEnds() throws IOException {
    byte[] b = java.util.Arrays.copyOf(IMAGES, 10); // inside dimension 1
    IdxFormatException e = fails("short-header", b);
    assertEquals(10, e.offset());
    assertTrue(e.getMessage().contains("dimension 1 of 3"), e.getMessage());
  }

  @Test
  void truncatedDataPlainIsCaughtBeforeReading() throws IOException {
    byte[] b = java.util.Arrays.copyOf(IMAGES, IMAGES.length - 2);
    IdxFormatException e = fails("short.idx", b);
    assertEquals(16, e.offset());
    assertTrue(e.getMessage().contains("expected 12 bytes of data (2 x 2 x 3)"), e.getMessage());
    assertTrue(e.getMessage().contains("only 10 bytes"), e.getMessage());
  }

  @Test
  void truncatedDataGzipNamesTheOffsetReached() throws IOException {
    byte[] b = java.util.Arrays.copyOf(IMAGES, IMAGES.length - 2);
    IdxFormatException e = fails("short.gz", gzip(b));
    assertEquals(16 + 10, e.offset());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().startsWith(tmp.resolve("short.gz").toString()), e.getMessage());
  }

  @Test
  void bytesAfterTheDataAreRejected() throws IOException {
    byte[] b = java.util.Arrays.copyOf(LABELS, LABELS.length + 1);
    IdxFormatException e = fails("long", b);
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("end of the data"), e.getMessage());
  }

  @Test
  void truncatedGzipStreamIsAFormatError() throws IOException {
    byte[] g = gzip(IMAGES);
    IdxFormatException e = fails("cut.gz", java.util.Arrays.copyOf(g, g.length - 12));
    assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
  }

  @Test
  void corruptedGzipStreamIsAFormatError() throws IOException {
    byte[] big = new byte[16 + 4000];
    System.arraycopy(new byte[] {0, 0, 8, 1, 0, 0, 0x0F, (byte) 0xA0}, 0, big, 0, 8);
    byte[] exact = java.util.Arrays.copyOf(big, 8 + 4000);
    for (int i = 8; i < exact.length; i++) {
      exact[i] = (byte) (i * 31 + i / 7);
    }
    byte[] g = gzip(exact);
    for (int i = 20; i < g.length - 10; i += 3) {
      g[i] ^= 0x5A;
    }
    IdxFormatException e = fails("corrupt.gz", g);
    assertTrue(e.getMessage().startsWith(tmp.resolve("corrupt.gz").toString()), e.getMessage());
  }

  @Test
  void gzipEndingInsideItsHeaderOrTrailerSaysSo() throws IOException {
    // found by the IDX fuzz campaign: GZIPInputStream's EOFException has no message, and the
    // reader said "expected a gzip header: null"
    IdxFormatException header = fails("header.gz", new byte[] {0x1f, (byte) 0x8b, 8});
    assertTrue(header.getMessage().endsWith("expected a gzip header: the compressed stream ends"
        + " early"), header.getMessage());
    byte[] g = gzip(LABELS);
    IdxFormatException trailer = fails("trailer.gz", java.util.Arrays.copyOf(g, g.length - 3));
    assertTrue(trailer.getMessage().contains("the compressed stream ends early"),
        trailer.getMessage());
    assertTrue(!trailer.getMessage().contains("null"), trailer.getMessage());
  }

  @Test
  void hostileHeaderInPlainFileDoesNotAllocate() throws IOException {
    // Declares 2,000,000,000 bytes in a 12-byte file.
    byte[] b = {0, 0, 8, 1, 0x77, 0x35, (byte) 0x94, 0x00, 1, 2, 3, 4};
    IdxFormatException e = fails("hostile", b);
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("expected 2000000000 bytes"), e.getMessage());
  }

  @Test
  void hostileHeaderInGzipReadsOnlyWhatArrives() throws IOException {
    // [46340, 46340] = 2,147,395,600 bytes declared, 4 present.
    byte[] b = {0, 0, 8, 2, 0, 0, (byte) 0xB5, 0x04, 0, 0, (byte) 0xB5, 0x04, 1, 2, 3, 4};
    IdxFormatException e = fails("hostile.gz", gzip(b));
    assertEquals(12 + 4, e.offset()); // header of rank 2 is 12 bytes
  }

  @Test
  void sizeBeyondJavaArraysRejectedAtTheDimension() throws IOException {
    byte[] b = {0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0};
    IdxFormatException e = fails("huge", b);
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("declare 4294967296"), e.getMessage());
  }

  @Test
  void streamReaderNamesTheStream() {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> Idx.read(new ByteArrayInputStream(new byte[] {0, 0}), "my-stream", -1));
    assertTrue(e.getMessage().startsWith("my-stream: at byte 2"), e.getMessage());
  }

  @Property(tries = 300)
  void writeThenReadGivesBackDimsAndBytes(@ForAll @IntRange(min = 1, max = 5) int d0,
      @ForAll @IntRange(min = 1, max = 7) int d1, @ForAll long seed, @ForAll boolean gz)
      throws IOException {
    byte[] data = new byte[d0 * d1];
    new java.util.Random(seed).nextBytes(data);
    Path p = Files.createTempFile("quantlab-idx", gz ? ".gz" : ".idx"); // jqwik has no @TempDir
    try {
      Idx.write(p, IdxArray.of(new int[] {d0, d1}, data), gz);
      IdxArray back = Idx.read(p);
      assertArrayEquals(new int[] {d0, d1}, back.dims());
      assertArrayEquals(data, back.bytes());
      if (!gz) {
        assertEquals(12 + data.length, Files.size(p));
      }
    } finally {
      Files.delete(p);
    }
  }
}
