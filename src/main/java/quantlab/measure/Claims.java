package quantlab.measure;

import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The verdict table of several {@link Claim}s: one row per claim with what was measured, the
 * ratio against its baseline and the verdict. Explained in lesson 08.
 *
 * <pre>{@code
 * Claims.table("Training", List.of(new Claim("QAT trains faster", "float epoch", 2640,
 *     "QAT epoch", 4320, "ms")));
 * // claim              | candidate | measured                                 | verdict
 * // QAT trains faster  | QAT epoch | 1.64x float epoch (4,320 vs 2,640 ms)    | FALSE
 * }</pre>
 */
public final class Claims {
  private Claims() {}

  /** A Tablesaw table with columns claim, candidate, measured, ratio and verdict. */
  public static Table table(String title, List<Claim> claims) {
    StringColumn claim = StringColumn.create("claim");
    StringColumn candidate = StringColumn.create("candidate");
    StringColumn measured = StringColumn.create("measured");
    StringColumn ratio = StringColumn.create("ratio");
    StringColumn verdict = StringColumn.create("verdict");
    for (Claim c : claims) {
      claim.append(c.claim());
      candidate.append(c.candidate());
      measured.append(c.measured());
      ratio.append(Claim.ratioText(c.ratio()));
      verdict.append(c.verdict());
    }
    return Table.create(title, claim, candidate, measured, ratio, verdict);
  }
}
