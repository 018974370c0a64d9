package quantlab.data;

import java.io.IOException;

/**
 * An IDX file that is truncated, corrupted or not IDX at all. The message names the file, the
 * byte offset (in the uncompressed data) and what was expected there.
 *
 * <p>Example: {@code train-images-idx3-ubyte.gz: at byte 16: expected 47040000 bytes of data
 * (60000 x 28 x 28), but the data ends after 1000}.
 */
public final class IdxFormatException extends IOException {
  private final String file;
  private final long offset;

  public IdxFormatException(String file, long offset, String expected) {
    super(file + ": at byte " + offset + ": " + expected);
    this.file = file;
    this.offset = offset;
  }

  /** The file (or stream) name given to the reader. */
  public String file() {
    return file;
  }

  /** Offset in the uncompressed IDX bytes where the problem was found. */
  public long offset() {
    return offset;
  }
}
