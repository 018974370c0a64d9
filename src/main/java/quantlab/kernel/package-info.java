/**
 * quantlab's Java Jupyter kernel: JShell running cells inside the kernel JVM, rich rendering of
 * charts, images and tables, IJava-compatible magics, and interrupts that stop busy loops.
 */
package quantlab.kernel;
