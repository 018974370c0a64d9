package quantlab.interp;

/**
 * Output size and padding of a convolution or pool, as TFLite computes them
 * ({@code tensorflow/lite/kernels/padding.h}: {@code ComputeOutSize},
 * {@code ComputePaddingHeightWidth}).
 *
 * <pre>
 *   effectiveFilter = (filter - 1) * dilation + 1
 *   SAME:  out = ceil(in / stride)            = (in + stride - 1) / stride
 *   VALID: out = ceil((in - effFilter + 1) / stride) = (in + stride - effFilter) / stride
 *   pad   = max(0, ((out - 1) * stride + effectiveFilter - in) / 2)   (top/left; the odd
 *           remainder falls on the bottom/right and is skipped as out-of-image)
 * </pre>
 *
 * <p>Example: in 5, filter 3, stride 2, SAME: out 3, pad 1; VALID: out 2, pad 0. With dilation
 * 2 the 3-tap filter spans 5: VALID gives out 1.
 */
final class ConvGeometry {
  final int outH;
  final int outW;
  final int padH;
  final int padW;
  final int strideH;
  final int strideW;
  final int dilationH;
  final int dilationW;

  ConvGeometry(Graph.Padding padding, int inH, int inW, int fh, int fw, int strideH, int strideW,
      int dilationH, int dilationW) {
    if (strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException(
          "strides must be >= 1, got " + strideH + " x " + strideW);
    }
    if (dilationH < 1 || dilationW < 1) {
      throw new IllegalArgumentException(
          "dilation factors must be >= 1, got " + dilationH + " x " + dilationW);
    }
    this.strideH = strideH;
    this.strideW = strideW;
    this.dilationH = dilationH;
    this.dilationW = dilationW;
    this.outH = outSize(padding, inH, fh, strideH, dilationH);
    this.outW = outSize(padding, inW, fw, strideW, dilationW);
    this.padH = pad(strideH, dilationH, inH, fh, outH);
    this.padW = pad(strideW, dilationW, inW, fw, outW);
  }

  static int outSize(Graph.Padding padding, int in, int filter, int stride, int dilation) {
    long eff = effectiveFilter(filter, dilation);
    long out = padding == Graph.Padding.SAME
        ? ((long) in + stride - 1) / stride
        : ((long) in + stride - eff) / stride;
    return (int) Math.max(out, 0);
  }

  static int pad(int stride, int dilation, int in, int filter, int out) {
    long eff = effectiveFilter(filter, dilation);
    long p = ((long) (out - 1) * stride + eff - in) / 2;
    return (int) Math.max(p, 0);
  }

  /** {@code (filter - 1) * dilation + 1}, refused when it exceeds an int. */
  private static long effectiveFilter(int filter, int dilation) {
    long eff = (long) (filter - 1) * dilation + 1;
    if (eff > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the effective filter size (filter - 1) * dilation + 1 = ("
          + filter + " - 1) * " + dilation + " + 1 is larger than 2^31 - 1");
    }
    return eff;
  }
}
