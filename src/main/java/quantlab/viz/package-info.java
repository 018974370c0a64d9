/**
 * Pictures and tables of quantization: XChart charts and Tablesaw tables with one colour-blind-safe
 * look, returned as objects so they render in a notebook cell and can be saved as PNG or SVG.
 */
package quantlab.viz;
