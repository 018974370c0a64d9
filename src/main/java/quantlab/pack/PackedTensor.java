package quantlab.pack;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import quantlab.quant.IntFormat;
import quantlab.quant.QuantParams;
import quantlab.quant.QuantizedTensor;
import quantlab.quant.Shape;

/**
 * Integer codes packed densely by {@link BitPacking} ({@code ceil(count * bits / 8)} bytes),
 * optionally with the {@link QuantParams} and {@link Shape} of the {@link QuantizedTensor} they
 * came from, so that the tensor can be rebuilt. Immutable.
 *
 * <p>Example: the 100352 weights {@code w} of a [784, 128] Dense kernel, quantized with
 * {@code Quant.int4(w)}, pack into 50176 bytes, half of their 100352 int8 bytes:
 * {@code PackedTensor.of(Quant.int4(w))} prints
 * {@code PackedTensor{int4 [100352], 100352 codes in 50176 bytes (0.5 B/code)}}.
 * Explained in docs/packing.md and the bit-packing lesson.
 */
public final class PackedTensor {
  private final byte[] bytes;
  private final int count;
  private final int bits;
  private final boolean signed;
  private final QuantParams params; // null when packed from bare codes
  private final Shape shape; // null when packed from bare codes

  private PackedTensor(
      byte[] bytes, int count, int bits, boolean signed, QuantParams params, Shape shape) {
    this.bytes = bytes;
    this.count = count;
    this.bits = bits;
    this.signed = signed;
    this.params = params;
    this.shape = shape;
  }

  /**
   * Packs bare codes. Example: {@code PackedTensor.pack(new int[] {1, -1, 7}, 4, true)} holds
   * the bytes {@code [0xF1, 0x07]}.
   */
  public static PackedTensor pack(int[] q, int bits, boolean signed) {
    return new PackedTensor(BitPacking.pack(q, bits, signed), q.length, bits, signed, null, null);
  }

  /**
   * Packs the codes of {@code t} with its bit width and signedness, keeping its parameters and
   * shape ({@link QuantizedTensor#clippedCount()} is not kept).
   *
   * @throws IllegalArgumentException if {@code t} has more than 8 bits per code
   */
  public static PackedTensor of(QuantizedTensor t) {
    Objects.requireNonNull(t, "t must not be null");
    IntFormat f = t.format();
    if (f.bits() > 8) {
      throw new IllegalArgumentException(
          "bits must be in [1, 8] to pack, got " + f.bits() + " (" + f + " codes)");
    }
    return new PackedTensor(
        BitPacking.pack(t.q(), f.bits(), f.signed()), t.size(), f.bits(), f.signed(), t.params(),
        t.shape());
  }

  /**
   * Wraps bytes packed elsewhere (a file, a TFLite buffer); they are copied, and must be exactly
   * {@code BitPacking.packedSize(count, bits)} long.
   */
  public static PackedTensor wrap(byte[] bytes, int count, int bits, boolean signed) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    int need = BitPacking.packedSize(count, bits);
    if (bytes.length != need) {
      throw new IllegalArgumentException(
          "bytes.length (" + bytes.length + ") must be " + need + " for " + count + " codes of "
              + bits + " bits");
    }
    return new PackedTensor(bytes.clone(), count, bits, signed, null, null);
  }

  /**
   * Wraps packed bytes with the parameters and shape to rebuild a {@link QuantizedTensor}: the
   * count is {@code shape.size()}, bits and signedness those of {@code params.format()}.
   */
  public static PackedTensor wrap(byte[] bytes, QuantParams params, Shape shape) {
    Objects.requireNonNull(params, "params must not be null");
    Objects.requireNonNull(shape, "shape must not be null");
    PackedTensor p = wrap(bytes, shape.size(), params.bits(), params.format().signed());
    return new PackedTensor(p.bytes, p.count, p.bits, p.signed, params, shape);
  }

  /** The codes, unpacked (signed ones sign-extended). */
  public int[] unpack() {
    return BitPacking.unpack(bytes, count, bits, signed);
  }

  /**
   * The quantized tensor these bytes came from: its codes, parameters and shape (with a clipped
   * count of 0). Every code is checked against the format, so a narrow-range int4 tensor rejects
   * a stored -8.
   *
   * @throws IllegalStateException if this was packed from bare codes, without parameters
   */
  public QuantizedTensor toQuantizedTensor() {
    if (params == null) {
      throw new IllegalStateException(
          "this PackedTensor holds bare codes without QuantParams and Shape; pack a"
              + " QuantizedTensor with PackedTensor.of(t) or wrap(bytes, params, shape)");
    }
    return QuantizedTensor.of(shape, params, unpack());
  }

  /** A copy of the packed bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The packed size in bytes, {@code ceil(count * bits / 8)}. */
  public int byteSize() {
    return bytes.length;
  }

  /** The number of codes. */
  public int count() {
    return count;
  }

  public int bits() {
    return bits;
  }

  public boolean signed() {
    return signed;
  }

  /**
   * The code format: the parameters' own (narrow range included), else
   * {@code IntFormat.of(bits, signed)}.
   */
  public IntFormat format() {
    return params != null ? params.format() : IntFormat.of(bits, signed);
  }

  public Optional<QuantParams> params() {
    return Optional.ofNullable(params);
  }

  public Optional<Shape> shape() {
    return Optional.ofNullable(shape);
  }

  /** Bytes per code when densely packed: {@code bits / 8}, e.g. 0.5 for int4, 0.375 for 3 bits. */
  public double bytesPerCode() {
    return bits / 8.0;
  }

  /**
   * {@code PackedTensor{int4, 100352 codes in 50176 bytes (0.5 B/code)}}; the shape follows the
   * format when known: {@code PackedTensor{int4 [784, 128], ...}}.
   */
  @Override
  public String toString() {
    String perCode = BigDecimal.valueOf(bits).divide(BigDecimal.valueOf(8)).stripTrailingZeros()
        .toPlainString();
    return "PackedTensor{" + format() + (shape != null ? " " + shape : "") + ", " + count
        + " codes in " + bytes.length + " bytes (" + perCode + " B/code)}";
  }

  /** Same bytes, count, bits, signedness, parameters and shape. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PackedTensor p && p.count == count && p.bits == bits
        && p.signed == signed && Arrays.equals(p.bytes, bytes) && Objects.equals(p.params, params)
        && Objects.equals(p.shape, shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bytes), count, bits, signed, params, shape);
  }
}
