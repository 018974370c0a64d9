package quantlab.kernel;

/**
 * An object that shows itself as HTML in a notebook (and as {@code toString()} elsewhere).
 *
 * <p>Classes that should not depend on the kernel can instead declare a public no-argument
 * method {@code String toHtml()}: the kernel finds it by name. Either way the cell's output
 * carries {@code text/html} plus {@code text/plain} from {@code toString()}.
 */
public interface HtmlRenderable {
  /** An HTML fragment (no {@code <html>} or {@code <body>}). */
  String toHtml();
}
