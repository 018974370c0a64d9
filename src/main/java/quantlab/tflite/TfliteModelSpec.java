package quantlab.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import quantlab.quant.Range;

/**
 * A neutral description of a small sequential model for {@link TfliteWriter}: the input shape,
 * its real range (for int8 export), and a list of {@link TfliteLayerSpec}s applied in order. Building
 * checks that every layer fits the shape coming into it and names the layer if not.
 *
 * <pre>{@code
 * TfliteModelSpec spec = TfliteModelSpec.builder()
 *     .input(1, 784).inputRange(0f, 1f)
 *     .layer(TfliteLayerSpec.fullyConnected(128, w1, b1).activation(Activation.RELU)
 *         .outputRange(0f, 8f))
 *     .layer(TfliteLayerSpec.fullyConnected(10, w2, b2).outputRange(-20f, 20f))
 *     .layer(TfliteLayerSpec.softmax())
 *     .build();
 * spec.outputShape();   // [1, 10]
 * }</pre>
 */
public final class TfliteModelSpec {
  private final String name;
  private final int[] inputShape;
  private final Range inputRange;
  private final List<TfliteLayerSpec> layers;
  private final List<int[]> outputShapes;

  private TfliteModelSpec(Builder b) {
    if (b.inputShape == null) {
      throw new IllegalArgumentException("input shape must be set with input(...)");
    }
    if (b.layers.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one layer");
    }
    this.name = b.name;
    this.inputShape = b.inputShape.clone();
    this.inputRange = b.inputRange;
    List<TfliteLayerSpec> named = new ArrayList<>();
    for (int i = 0; i < b.layers.size(); i++) {
      TfliteLayerSpec l = b.layers.get(i);
      named.add(l.name() != null ? l : l.name(defaultName(l.kind(), i)));
    }
    this.layers = List.copyOf(named);
    this.outputShapes = inferShapes();
  }

  private static String defaultName(TfliteLayerSpec.Kind kind, int i) {
    String k = switch (kind) {
      case FULLY_CONNECTED -> "dense";
      case CONV_2D -> "conv";
      case DEPTHWISE_CONV_2D -> "depthwise";
      case MAX_POOL_2D -> "max_pool";
      case AVERAGE_POOL_2D -> "average_pool";
      case RESHAPE -> "reshape";
      case SOFTMAX -> "softmax";
      case ADD -> "add";
    };
    return k + "_" + i;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The model's name (written as the subgraph name). */
  public String name() {
    return name;
  }

  public int[] inputShape() {
    return inputShape.clone();
  }

  /** The input's real range, or null (needed for int8 export). */
  public Range inputRange() {
    return inputRange;
  }

  public List<TfliteLayerSpec> layers() {
    return layers;
  }

  /** The output shape of layer {@code i}. */
  public int[] outputShape(int i) {
    return outputShapes.get(i).clone();
  }

  /** The shape of the model's output. */
  public int[] outputShape() {
    return outputShape(layers.size() - 1);
  }

  private List<int[]> inferShapes() {
    List<int[]> shapes = new ArrayList<>();
    int[] cur = inputShape;
    for (int i = 0; i < layers.size(); i++) {
      TfliteLayerSpec l = layers.get(i);
      String at = "layer " + i + " (" + l.kind() + " '" + l.name() + "')";
      int[] ws = l.weightShape();
      int[] out;
      switch (l.kind()) {
        case FULLY_CONNECTED -> {
          int in = ws[1];
          long count = count(cur);
          if (count % in != 0) {
            throw new IllegalArgumentException(at + ": input " + Arrays.toString(cur) + " has "
                + count + " values, not a multiple of the weights' in = " + in);
          }
          out = new int[] {(int) (count / in), ws[0]};
        }
        case CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D -> {
          if (cur.length != 4) {
            throw new IllegalArgumentException(at + ": needs a [batch, height, width, channels]"
                + " input, got " + Arrays.toString(cur));
          }
          int c = cur[3];
          int outC = c;
          if (l.kind() == TfliteLayerSpec.Kind.CONV_2D) {
            if (ws[3] != c) {
              throw new IllegalArgumentException(at + ": filters expect " + ws[3]
                  + " input channels, the input " + Arrays.toString(cur) + " has " + c);
            }
            outC = ws[0];
          } else if (l.kind() == TfliteLayerSpec.Kind.DEPTHWISE_CONV_2D) {
            if (ws[3] != c * l.depthMultiplier()) {
              throw new IllegalArgumentException(at + ": filters have " + ws[3]
                  + " channels, the input's " + c + " times depthMultiplier "
                  + l.depthMultiplier() + " is " + c * l.depthMultiplier());
            }
            outC = ws[3];
          }
          int oh = l.padding().outputSize(cur[1], l.filterH(), l.strideH(), l.dilationH());
          int ow = l.padding().outputSize(cur[2], l.filterW(), l.strideW(), l.dilationW());
          if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(at + ": the window does not fit the input "
                + Arrays.toString(cur) + " (output " + oh + "x" + ow + ")");
          }
          out = new int[] {cur[0], oh, ow, outC};
        }
        case RESHAPE -> out = resolveReshape(at, cur, l.newShape());
        case SOFTMAX -> out = cur;
        case ADD -> {
          if (l.addedLayer() != null) {
            if (l.addedLayer() >= i) {
              throw new IllegalArgumentException(at + ": addFrom must name an earlier layer, got "
                  + l.addedLayer());
            }
            int[] other = l.addedLayer() == -1 ? inputShape : shapes.get(l.addedLayer());
            if (!Arrays.equals(other, cur)) {
              throw new IllegalArgumentException(at + ": adds " + Arrays.toString(other)
                  + " to " + Arrays.toString(cur) + "; shapes must be equal");
            }
          } else {
            int[] cs = l.constantShape();
            if (cs.length > cur.length) {
              throw new IllegalArgumentException(at + ": constant " + Arrays.toString(cs)
                  + " has more dimensions than the input " + Arrays.toString(cur));
            }
            for (int k = 1; k <= cs.length; k++) {
              int a = cs[cs.length - k];
              int b = cur[cur.length - k];
              if (a != b && a != 1) {
                throw new IllegalArgumentException(at + ": constant " + Arrays.toString(cs)
                    + " does not broadcast to " + Arrays.toString(cur));
              }
            }
          }
          out = cur;
        }
        default -> throw new AssertionError(l.kind());
      }
      shapes.add(out.clone());
      cur = out;
    }
    return shapes;
  }

  private static int[] resolveReshape(String at, int[] cur, int[] target) {
    long count = count(cur);
    int unknown = -1;
    long known = 1;
    for (int k = 0; k < target.length; k++) {
      if (target[k] == -1) {
        if (unknown >= 0) {
          throw new IllegalArgumentException(at + ": newShape " + Arrays.toString(target)
              + " has more than one -1");
        }
        unknown = k;
      } else if (target[k] < 1) {
        throw new IllegalArgumentException(at + ": newShape " + Arrays.toString(target)
            + " has dimension " + target[k]);
      } else {
        known *= target[k];
      }
    }
    int[] out = target.clone();
    if (unknown >= 0) {
      if (count % known != 0) {
        throw new IllegalArgumentException(at + ": cannot reshape " + Arrays.toString(cur)
            + " to " + Arrays.toString(target));
      }
      out[unknown] = (int) (count / known);
    } else if (known != count) {
      throw new IllegalArgumentException(at + ": cannot reshape " + Arrays.toString(cur) + " ("
          + count + " values) to " + Arrays.toString(target));
    }
    return out;
  }

  static long count(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TfliteModelSpec{'").append(name).append("' input ")
        .append(Arrays.toString(inputShape));
    if (inputRange != null) {
      sb.append(" in ").append(inputRange);
    }
    for (int i = 0; i < layers.size(); i++) {
      sb.append("\n  ").append(i).append(": ").append(layers.get(i)).append(" -> ")
          .append(Arrays.toString(outputShapes.get(i)));
    }
    return sb.append("\n}").toString();
  }

  /** Builder of a {@link TfliteModelSpec}. */
  public static final class Builder {
    private String name = "model";
    private int[] inputShape;
    private Range inputRange;
    private final List<TfliteLayerSpec> layers = new ArrayList<>();

    private Builder() {}

    /** The model's name (default {@code "model"}). */
    public Builder name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /** The input shape, batch first, e.g. {@code input(1, 28, 28, 1)}. */
    public Builder input(int... shape) {
      if (shape == null || shape.length == 0) {
        throw new IllegalArgumentException("input shape must have at least one dimension");
      }
      for (int d : shape) {
        if (d < 1) {
          throw new IllegalArgumentException("input shape dimensions must be >= 1, got "
              + Arrays.toString(shape));
        }
      }
      this.inputShape = shape.clone();
      return this;
    }

    /** The real range of the input (for int8 export), e.g. {@code [0, 1]} for scaled pixels. */
    public Builder inputRange(float min, float max) {
      this.inputRange = Range.of(min, max);
      return this;
    }

    public Builder inputRange(Range range) {
      if (range == null) {
        throw new IllegalArgumentException("range must not be null");
      }
      this.inputRange = range;
      return this;
    }

    /** Appends a layer. */
    public Builder layer(TfliteLayerSpec layer) {
      if (layer == null) {
        throw new IllegalArgumentException("layer must not be null");
      }
      layers.add(layer);
      return this;
    }

    public TfliteModelSpec build() {
      return new TfliteModelSpec(this);
    }
  }
}
