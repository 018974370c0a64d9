/**
 * The lesson pipeline: one Markdown source per lesson becomes a learner's notebook, a solutions
 * notebook and a JShell script, with exercise solutions hidden between nbgrader's markers.
 */
package quantlab.lessons;
