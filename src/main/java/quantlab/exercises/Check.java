package quantlab.exercises;

import quantlab.lessons.YourTurn;

/**
 * The learner's entry point for checking an exercise.
 *
 * <pre>{@code
 * static int levels(int bits) { return 1 << bits; }
 * Check.exercise("01.1", (IntUnaryOperator) b -> levels(b));
 * // ✔ 01.1 passed: all 16 cases right (number of codes of a bit width)
 * }</pre>
 *
 * <p>A wrong answer throws {@link NotYet} naming the first failing input, the expected and the
 * actual value, and a hint; a stub left from the learner's notebook throws {@link YourTurn}. The
 * solution code itself is never shown. Exercises are listed in {@link Exercises}.
 */
public final class Check {
  private Check() {}

  /**
   * Checks {@code answer} (a lambda or method reference of the exercise's type) against the hidden
   * cases of exercise {@code id}.
   *
   * @return the verdict when every case passes
   * @throws NotYet on the first failing case
   * @throws YourTurn when the answer is still the learner's stub
   * @throws IllegalArgumentException for an unknown id or an answer of the wrong type
   */
  public static Verdict exercise(String id, Object answer) {
    Exercise<?> e = Exercises.get(id);
    if (answer == null || !e.answerType().isInstance(answer)) {
      throw new IllegalArgumentException("exercise " + id + " expects a "
          + e.answerType().getSimpleName() + ", got "
          + (answer == null ? "null" : answer.getClass().getSimpleName()));
    }
    return run(e, answer);
  }

  private static <A> Verdict run(Exercise<A> e, Object answer) {
    return e.check(e.answerType().cast(answer));
  }
}
