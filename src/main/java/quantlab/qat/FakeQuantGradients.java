package quantlab.qat;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVars;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVarsGradient;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVarsPerChannel;
import org.tensorflow.op.quantization.FakeQuantWithMinMaxVarsPerChannelGradient;

/**
 * Java gradients for TensorFlow's {@code FakeQuantWithMinMaxVars} and
 * {@code FakeQuantWithMinMaxVarsPerChannel}, which have none in TensorFlow's C++ gradient
 * registry. Both use TensorFlow's own gradient kernels: the straight-through estimator with
 * clipping, {@code dL/dx = dL/dy} where {@code min <= x <= max} (after TensorFlow nudges the
 * range so 0 is a code) and 0 outside, plus the gradients for the range, {@code dL/dmin} (sum of
 * {@code dL/dy} where {@code x < min}) and {@code dL/dmax} (sum where {@code x > max}).
 *
 * <p>Example: {@code x = {-2, 0.3, 5}} through a fake quant with range {@code [-1, 1]} and
 * upstream gradient {@code {1, 1, 1}} gives {@code dL/dx = {0, 1, 0}}, {@code dL/dmin = 1},
 * {@code dL/dmax = 1}.
 *
 * <p>TensorFlow keeps custom gradients per JVM: {@link #register()} registers them once (later
 * calls do nothing); call it before building a graph that differentiates through fake quant.
 */
public final class FakeQuantGradients {
  private static boolean registered;

  private FakeQuantGradients() {}

  /** Registers both gradients if not done yet in this JVM. */
  public static synchronized void register() {
    if (registered) {
      return;
    }
    TensorFlow.registerCustomGradient(FakeQuantWithMinMaxVars.Inputs.class, (tf, in, grads) -> {
      @SuppressWarnings("unchecked")
      Operand<org.tensorflow.types.TFloat32> dy =
          (Operand<org.tensorflow.types.TFloat32>) (Operand<?>) grads.get(0);
      FakeQuantWithMinMaxVarsGradient g = tf.quantization.fakeQuantWithMinMaxVarsGradient(dy,
          in.inputs, in.min, in.max, FakeQuantWithMinMaxVarsGradient.numBits(in.numBits),
          FakeQuantWithMinMaxVarsGradient.narrowRange(in.narrowRange));
      return List.of(g.backpropsWrtInput(), g.backpropWrtMin(), g.backpropWrtMax());
    });
    TensorFlow.registerCustomGradient(FakeQuantWithMinMaxVarsPerChannel.Inputs.class,
        (tf, in, grads) -> {
          @SuppressWarnings("unchecked")
          Operand<org.tensorflow.types.TFloat32> dy =
              (Operand<org.tensorflow.types.TFloat32>) (Operand<?>) grads.get(0);
          FakeQuantWithMinMaxVarsPerChannelGradient g =
              tf.quantization.fakeQuantWithMinMaxVarsPerChannelGradient(dy, in.inputs, in.min,
                  in.max, FakeQuantWithMinMaxVarsPerChannelGradient.numBits(in.numBits),
                  FakeQuantWithMinMaxVarsPerChannelGradient.narrowRange(in.narrowRange));
          return List.of(g.backpropsWrtInput(), g.backpropWrtMin(), g.backpropWrtMax());
        });
    registered = true;
  }
}
