package quantlab.exercises;

/**
 * A passed exercise: its id, what it was about and how many hidden cases it passed.
 *
 * @param id the exercise id, e.g. {@code "03.2"}
 * @param title what the exercise is about
 * @param cases how many hidden cases were checked
 */
public record Verdict(String id, String title, int cases) {
  @Override
  public String toString() {
    return "✔ " + id + " passed: all " + cases + " cases right (" + title + ")";
  }
}
