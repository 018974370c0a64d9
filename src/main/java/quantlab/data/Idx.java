package quantlab.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed
 * (recognised by the gzip magic bytes, not by the file name).
 *
 * <p>An IDX file is: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type
 * these data sets use and the only one read here), the number of dimensions {@code k}, then
 * {@code k} big-endian 32-bit sizes, then {@code prod(sizes)} data bytes, and nothing more.
 *
 * <p>The reader is strict: a wrong magic number, a zero-sized or negative dimension, a size
 * product too large for a Java array, missing data or bytes after the data each throw an
 * {@link IdxFormatException} naming the file, the byte offset and what was expected there. It
 * never trusts the header for an allocation: a plain file's declared size is checked against the
 * file's length before anything is allocated, and a compressed stream is read in chunks, so a
 * hostile header announcing gigabytes costs only the bytes that really arrive.
 *
 * <p>Example: the 12 bytes {@code 00 00 08 01 | 00 00 00 03 | 07 00 09} hold a label file with
 * dims {@code [3]} and labels {@code 7, 0, 9}.
 */
public final class Idx {
  /** The IDX type code of unsigned bytes. */
  public static final int UBYTE = 0x08;

  private static final int CHUNK = 1 << 16;

  private Idx() {}

  /** Reads an IDX file, plain or gzip. */
  public static IdxArray read(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    long fileLength = Files.size(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return read(raw, file.toString(), fileLength);
    }
  }

  /**
   * Reads IDX bytes from {@code in} (plain or gzip), naming it {@code name} in messages.
   *
   * @param knownLength the stream's total length in bytes if known, else -1; when the stream is
   *     plain and the length is known, the declared size is checked against it before allocating
   */
  public static IdxArray read(InputStream in, String name, long knownLength) throws IOException {
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    Counting c;
    try {
      c = new Counting(gzip ? new GZIPInputStream(buffered, CHUNK) : buffered);
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(name, 0, "expected a gzip header: " + reason(e));
    }
    return parse(c, name, gzip ? -1 : knownLength);
  }

  private static IdxArray parse(Counting in, String name, long knownLength) throws IOException {
    int z0 = in.next(name, "expected the magic number 0x0000 (two zero bytes)");
    int z1 = in.next(name, "expected the magic number 0x0000 (two zero bytes)");
    if (z0 != 0 || z1 != 0) {
      throw new IdxFormatException(name, 0, String.format(
          "expected the magic number 0x0000 (two zero bytes), found 0x%02x%02x; not an IDX file",
          z0, z1));
    }
    int type = in.next(name, "expected the type byte");
    if (type != UBYTE) {
      throw new IdxFormatException(name, 2, String.format(
          "expected the type byte 0x08 (unsigned byte), found 0x%02x", type));
    }
    int rank = in.next(name, "expected the number of dimensions");
    if (rank < 1) {
      throw new IdxFormatException(name, 3, "expected at least 1 dimension, found 0");
    }
    int[] dims = new int[rank];
    long size = 1;
    for (int i = 0; i < rank; i++) {
      long at = in.count();
      int d = in.nextInt(name, "expected dimension " + i + " of " + rank + " (4 bytes)");
      if (d <= 0) {
        throw new IdxFormatException(name, at,
            "expected dimension " + i + " to be > 0, found " + d);
      }
      dims[i] = d;
      size *= d;
      if (size > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(name, at, "expected at most " + (Integer.MAX_VALUE - 8)
            + " data bytes, but the dimensions so far " + Arrays.toString(Arrays.copyOf(dims,
                i + 1)) + " declare " + size);
      }
    }
    long header = in.count();
    String what = size + " bytes of data (" + describe(dims) + ")";
    if (knownLength >= 0 && knownLength - header < size) {
      throw new IdxFormatException(name, header, "expected " + what
          + ", but the file has only " + (knownLength - header) + " bytes after the header");
    }
    byte[] data = knownLength >= 0 ? new byte[(int) size] : null;
    if (data != null) {
      int got = in.readFully(data, 0, data.length, name, header, what);
      if (got < data.length) {
        throw truncated(name, header, what, got);
      }
    } else {
      data = readGrowing(in, (int) size, name, header, what);
    }
    int extra = in.nextOrEnd(name, header + size);
    if (extra >= 0) {
      throw new IdxFormatException(name, header + size,
          "expected the end of the data after " + what + ", found more bytes");
    }
    return IdxArray.wrap(dims, data);
  }

  /** Reads {@code size} bytes in chunks, growing the buffer only as data arrives. */
  private static byte[] readGrowing(Counting in, int size, String name, long header, String what)
      throws IOException {
    byte[] buf = new byte[Math.min(size, CHUNK)];
    int filled = 0;
    while (filled < size) {
      if (filled == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(size, Math.max(2L * buf.length, CHUNK)));
      }
      int got = in.readFully(buf, filled, buf.length - filled, name, header, what);
      filled += got;
      if (filled < buf.length) {
        throw truncated(name, header, what, filled);
      }
    }
    return buf;
  }

  /** What a zlib error says; an EOFException from GZIPInputStream says nothing (null). */
  private static String reason(IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof EOFException ? "the compressed stream ends early"
        : e.getClass().getSimpleName();
  }

  private static IdxFormatException truncated(String name, long header, String what, long got) {
    return new IdxFormatException(name, header + got,
        "expected " + what + ", but the data ends after " + got + " bytes (truncated file)");
  }

  private static String describe(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(dims[i]);
    }
    return sb.toString();
  }

  /** Writes {@code a} as an IDX file of unsigned bytes, gzip-compressed when {@code gzip}. */
  public static void write(Path file, IdxArray a, boolean gzip) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GZIPOutputStream(raw, CHUNK) : raw) {
      write(out, a);
    }
  }

  /** Writes {@code a} as plain IDX bytes to {@code out} (not closed). */
  public static void write(OutputStream out, IdxArray a) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(0);
    header.write(0);
    header.write(UBYTE);
    header.write(a.rank());
    for (int i = 0; i < a.rank(); i++) {
      int d = a.dim(i);
      header.write(d >>> 24);
      header.write(d >>> 16);
      header.write(d >>> 8);
      header.write(d);
    }
    header.writeTo(out);
    out.write(a.rawBytes());
  }

  /** A stream that counts the bytes it has delivered and turns zlib errors into format errors. */
  private static final class Counting {
    private final InputStream in;
    private long count;

    Counting(InputStream in) {
      this.in = in;
    }

    long count() {
      return count;
    }

    int next(String name, String expected) throws IOException {
      int b = nextOrEnd(name, count);
      if (b < 0) {
        throw new IdxFormatException(name, count, expected + ", but the file ends here");
      }
      return b;
    }

    int nextOrEnd(String name, long at) throws IOException {
      int b;
      try {
        b = in.read();
      } catch (ZipException | EOFException e) {
        throw new IdxFormatException(name, count, "expected more compressed data: "
            + reason(e) + " (corrupted or truncated gzip)");
      }
      if (b >= 0) {
        count++;
      }
      return b;
    }

    int nextInt(String name, String expected) throws IOException {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | next(name, expected);
      }
      return v;
    }

    /** Reads up to {@code len} bytes; returns fewer only at the end of the stream. */
    int readFully(byte[] b, int off, int len, String name, long header, String what)
        throws IOException {
      int total = 0;
      while (total < len) {
        int n;
        try {
          n = in.read(b, off + total, len - total);
        } catch (ZipException | EOFException e) {
          throw new IdxFormatException(name, count, "expected " + what + ", but the compressed "
              + "data is corrupted or truncated: " + reason(e));
        }
        if (n < 0) {
          break;
        }
        total += n;
        count += n;
      }
      return total;
    }
  }
}
