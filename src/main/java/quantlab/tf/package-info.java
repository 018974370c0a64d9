/**
 * Real TensorFlow models in TensorFlow Java (graph mode): the chapter's MLP and a small CNN,
 * seeded training with Adam, evaluation, SavedModel save/load, a cache of trained models, and
 * read/write access to every layer's weights as {@code quantlab.quant.Shape} + {@code float[]}.
 */
package quantlab.tf;
