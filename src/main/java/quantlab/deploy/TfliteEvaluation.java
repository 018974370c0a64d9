package quantlab.deploy;

import quantlab.data.LabeledImages;
import quantlab.interp.DataType;
import quantlab.interp.Interpreter;
import quantlab.interp.Tensor;
import quantlab.interp.TensorInfo;
import quantlab.quant.internal.QuantKernels;
import quantlab.quant.Rounding;
import quantlab.tf.ConfusionMatrix;
import quantlab.tf.Evaluation;

/**
 * Classifies labelled images with a {@code .tflite} model in quantlab's {@link Interpreter}, the
 * way {@link quantlab.tf.Model#evaluate} does with the TensorFlow model: the predicted class is
 * the index of the largest output (logits, probabilities or their int8 codes: a positive scale
 * keeps the order). Explained in lesson 07.
 *
 * <p>Float32-input models get the pixels ({@code pixel / 255}) as they are. Int8-input models
 * (the INT8 variant without float edges) get them quantized with the input tensor's scale and
 * zero point, {@code q = clamp(rint(x / scale) + zeroPoint, -128, 127)}.
 *
 * <pre>{@code
 * Interpreter it = Interpreter.load(Path.of("mlp-int8.tflite"));
 * TfliteEvaluation.evaluate(it, data.test());   // Evaluation{accuracy=0.8839 on 10000 images}
 * }</pre>
 */
public final class TfliteEvaluation {
  /** Images run through the interpreter at once. */
  static final int BATCH = 1000;

  private TfliteEvaluation() {}

  /** Accuracy and confusion matrix of {@code interpreter} on every image of {@code images}. */
  public static Evaluation evaluate(Interpreter interpreter, LabeledImages images) {
    if (interpreter == null) {
      throw new IllegalArgumentException("interpreter must not be null");
    }
    if (images == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    TensorInfo in = interpreter.input(0);
    if (in.sampleSize() != images.imageSize()) {
      throw new IllegalArgumentException("the model takes " + in.sampleSize()
          + " values per sample, the images have " + images.imageSize() + " pixels");
    }
    int n = images.count();
    int[] predicted = new int[n];
    int[] shape = in.shape();
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      float[] x = images.pixels(from, to);
      shape[0] = to - from;
      Tensor input;
      if (in.type() == DataType.INT8) {
        byte[] q = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
          q[i] = (byte) QuantKernels.code(x[i], in.scale(), in.zeroPoint(), -128, 127,
              Rounding.HALF_TO_EVEN, null);
        }
        input = Tensor.ofInt8(shape, q);
      } else if (in.type() == DataType.FLOAT32) {
        input = Tensor.ofFloat(shape, x);
      } else {
        throw new IllegalArgumentException("model input '" + in.name() + "' is " + in.type()
            + "; evaluate takes FLOAT32 or INT8 inputs");
      }
      Tensor out = interpreter.run(input);
      int per = out.size() / (to - from);
      for (int i = 0; i < to - from; i++) {
        predicted[from + i] = out.argMax(i * per, (i + 1) * per);
      }
    }
    return new Evaluation(ConfusionMatrix.of(images.classNames(), images.labels(0, n),
        predicted));
  }

}
