package quantlab.quant;

/**
 * How a range of real values is mapped onto the codes.
 *
 * <ul>
 *   <li>{@code AFFINE} (asymmetric): {@code [min, max]} is spread over {@code [qmin, qmax]}, the
 *       zero point moves so that 0.0 is exactly a code. Uses every code on skewed data such as
 *       ReLU outputs.
 *   <li>{@code SYMMETRIC}: {@code [-maxAbs, maxAbs]}, zero point fixed (0 for signed codes), so
 *       integer arithmetic needs no zero-point terms; TFLite's choice for weights.
 * </ul>
 * Explained in lesson 02.
 */
public enum Scheme {
  AFFINE,
  SYMMETRIC
}
