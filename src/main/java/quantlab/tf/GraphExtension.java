package quantlab.tf;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Changes what {@link Trainer} builds, for training schemes such as quantization-aware training
 * ({@code quantlab.qat}): how each variable is read by the forward pass, what happens at each
 * activation tap, and what to record after each epoch. Every method has a do-nothing default.
 *
 * <p>With an extension the trainer builds the forward pass twice: once for the training step
 * ({@code training = true}: the loss, its gradients and the training accuracy) and once for
 * evaluation ({@code training = false}: what {@link Model#evaluate} runs, named {@code logits}).
 * So state updated while training (moving-average ranges) is not touched by evaluation.
 */
public interface GraphExtension {
  /**
   * The value the forward pass uses for variable {@code name} (e.g. {@code "dense1_kernel"}),
   * given the variable {@code w}; gradients reach {@code w} through what this returns.
   */
  default Operand<TFloat32> weight(Ops tf, String name, Operand<TFloat32> w, boolean training) {
    return w;
  }

  /**
   * The value that continues the forward pass at activation tap {@code name} ({@code "input"} or
   * a weight layer's name, see {@link Model#activationNames()}), tap number {@code index}.
   */
  default Operand<TFloat32> activation(Ops tf, int index, String name, Operand<TFloat32> x,
      boolean training) {
    return x;
  }

  /** Called after each epoch's training steps, before the listeners, with the live session. */
  default void afterEpoch(Session session, EpochResult result) {}
}
