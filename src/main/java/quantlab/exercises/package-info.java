/**
 * Self-checking exercises: {@code Check.exercise("03.2", answer)} runs hidden cases against the
 * library's own results and answers with a pass, or the first failing input with a hint.
 */
package quantlab.exercises;
