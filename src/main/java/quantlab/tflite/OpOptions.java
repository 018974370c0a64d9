package quantlab.tflite;

import java.util.Arrays;

/**
 * The builtin options of an operator that quantlab understands (padding, strides, dilation, fused
 * activation, ...); {@link Other} names the option type of any other operator.
 */
public sealed interface OpOptions {

  /** The fused activation, or {@link Activation#NONE} for options without one. */
  default Activation activation() {
    return Activation.NONE;
  }

  /** An operator without options (QUANTIZE, DEQUANTIZE, ...). */
  record None() implements OpOptions {
    @Override
    public String toString() {
      return "";
    }
  }

  /** Options of a type quantlab does not decode, by its schema name. */
  record Other(String typeName) implements OpOptions {
    @Override
    public String toString() {
      return typeName;
    }
  }

  /** CONV_2D: filters {@code [out, h, w, in]}. */
  record Conv2D(Padding padding, int strideH, int strideW, int dilationH, int dilationW,
      Activation activation) implements OpOptions {
    @Override
    public String toString() {
      return "padding=" + padding + " stride=" + strideH + "x" + strideW + " dilation="
          + dilationH + "x" + dilationW + " act=" + activation;
    }
  }

  /** DEPTHWISE_CONV_2D: filters {@code [1, h, w, in * depthMultiplier]}. */
  record DepthwiseConv2D(Padding padding, int strideH, int strideW, int depthMultiplier,
      int dilationH, int dilationW, Activation activation) implements OpOptions {
    @Override
    public String toString() {
      return "padding=" + padding + " stride=" + strideH + "x" + strideW + " multiplier="
          + depthMultiplier + " dilation=" + dilationH + "x" + dilationW + " act=" + activation;
    }
  }

  /** MAX_POOL_2D and AVERAGE_POOL_2D. */
  record Pool2D(Padding padding, int strideH, int strideW, int filterH, int filterW,
      Activation activation) implements OpOptions {
    @Override
    public String toString() {
      return "padding=" + padding + " stride=" + strideH + "x" + strideW + " filter=" + filterH
          + "x" + filterW + " act=" + activation;
    }
  }

  /**
   * FULLY_CONNECTED: weights {@code [out, in]}. {@code asymmetricQuantizeInputs} marks a hybrid
   * (dynamic-range) operator that quantizes its float input with an asymmetric int8 range at run
   * time.
   */
  record FullyConnected(Activation activation, boolean keepNumDims,
      boolean asymmetricQuantizeInputs, int weightsFormat) implements OpOptions {
    @Override
    public String toString() {
      return "act=" + activation + (keepNumDims ? " keepNumDims" : "")
          + (asymmetricQuantizeInputs ? " asymmetricQuantizeInputs" : "")
          + (weightsFormat != 0 ? " weightsFormat=" + weightsFormat : "");
    }
  }

  /** SOFTMAX: {@code softmax(beta * x)}. */
  record Softmax(float beta) implements OpOptions {
    @Override
    public String toString() {
      return "beta=" + beta;
    }
  }

  /** ADD. */
  record Add(Activation activation) implements OpOptions {
    @Override
    public String toString() {
      return "act=" + activation;
    }
  }

  /** RESHAPE: the target shape, when given as an option (it may also be a second input). */
  record Reshape(int[] newShape) implements OpOptions {
    public Reshape {
      newShape = newShape.clone();
    }

    @Override
    public int[] newShape() {
      return newShape.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reshape r && Arrays.equals(newShape, r.newShape);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(newShape);
    }

    @Override
    public String toString() {
      return "newShape=" + Arrays.toString(newShape);
    }
  }
}
