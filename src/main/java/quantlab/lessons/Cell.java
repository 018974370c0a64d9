package quantlab.lessons;

/**
 * One cell of a lesson: Markdown text or Java code, as written in the lesson source.
 *
 * @param kind markdown or code
 * @param source the cell's text, without a trailing newline
 * @param line the 1-based line of the lesson source where the cell starts
 */
public record Cell(Kind kind, String source, int line) {
  /** What a cell holds. */
  public enum Kind {
    MARKDOWN,
    CODE
  }

  public Cell {
    if (kind == null || source == null) {
      throw new NullPointerException("kind and source must not be null");
    }
  }

  /** Whether this code cell holds an exercise solution between the markers. */
  public boolean isExercise() {
    return kind == Kind.CODE && Solutions.hasSolution(source);
  }
}
