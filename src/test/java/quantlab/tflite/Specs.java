package quantlab.tflite;

import java.util.SplittableRandom;

/** Small model specs with seeded random weights, shared by the writer tests. */
final class Specs {
  private Specs() {}

  static float[] random(int n, long seed, float spread) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((r.nextDouble() * 2 - 1) * spread);
    }
    return a;
  }

  /** 784 -> 128 (RELU) -> 10 -> SOFTMAX, the size of the lessons' MLP. */
  static TfliteModelSpec mlp() {
    return TfliteModelSpec.builder().name("mlp").input(1, 784).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.fullyConnected(128, random(128 * 784, 1, 0.1f), random(128, 2, 0.1f))
            .activation(Activation.RELU).outputRange(0f, 6f))
        .layer(TfliteLayerSpec.fullyConnected(10, random(10 * 128, 3, 0.3f), random(10, 4, 0.1f))
            .outputRange(-2f, 6f))
        .layer(TfliteLayerSpec.softmax())
        .build();
  }

  /** Every layer kind once: conv, dilated depthwise, pools, ADD (constant and residual). */
  static TfliteModelSpec cnn() {
    return TfliteModelSpec.builder().name("cnn").input(1, 12, 12, 1).inputRange(0f, 1f)
        .layer(TfliteLayerSpec.conv2d(4, 3, 3, 1, random(36, 5, 0.5f), random(4, 6, 0.1f))
            .padding(Padding.SAME).activation(Activation.RELU).outputRange(0f, 4f))
        .layer(TfliteLayerSpec.depthwiseConv2d(3, 3, 4, 2, random(72, 7, 0.5f), random(8, 8, 0.1f))
            .padding(Padding.SAME).dilation(2, 2).outputRange(-2f, 6f))
        .layer(TfliteLayerSpec.maxPool2d(2, 2))
        .layer(TfliteLayerSpec.add(random(8, 9, 1f), 8).activation(Activation.RELU6)
            .outputRange(0f, 6f))
        .layer(TfliteLayerSpec.addFrom(2).outputRange(-2f, 10f))
        .layer(TfliteLayerSpec.averagePool2d(3, 3).strides(2, 2).padding(Padding.SAME))
        .layer(TfliteLayerSpec.conv2d(6, 2, 2, 8, random(192, 10, 0.4f), null).strides(2, 2)
            .outputRange(-4f, 4f))
        .layer(TfliteLayerSpec.reshape(1, -1))
        .layer(TfliteLayerSpec.fullyConnected(10, random(10 * 6, 11, 0.3f), random(10, 12, 0.1f))
            .outputRange(-6f, 2f))
        .layer(TfliteLayerSpec.softmax(0.5f))
        .build();
  }
}
