/** Deploying the lessons' trained TensorFlow models: export to {@code .tflite} files that quantlab's interpreter and Google's runtimes run. */
package quantlab.deploy;
