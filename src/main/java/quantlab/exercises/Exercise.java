package quantlab.exercises;

import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import quantlab.lessons.YourTurn;

/**
 * One exercise: an answer type (a functional interface), hidden cases whose expected results come
 * from quantlab's own implementation, a comparison, and a hint.
 *
 * @param <A> the answer's type, e.g. {@code IntUnaryOperator}
 */
public final class Exercise<A> {
  /** One hidden case: how to describe the input, and how to get a result from an answer. */
  public record Case<A>(String input, Function<A, Object> call, Object expected) {}

  private final String id;
  private final String title;
  private final Class<A> answerType;
  private final Supplier<List<Case<A>>> caseSource;
  private List<Case<A>> cases;
  private final BiPredicate<Object, Object> same;
  private final String hint;

  Exercise(String id, String title, Class<A> answerType, List<Case<A>> cases,
      BiPredicate<Object, Object> same, String hint) {
    this(id, title, answerType, () -> cases, same, hint);
    this.cases = List.copyOf(cases);
  }

  /** With cases built on first use, for exercises whose cases are costly to build. */
  Exercise(String id, String title, Class<A> answerType, Supplier<List<Case<A>>> cases,
      BiPredicate<Object, Object> same, String hint) {
    this.id = id;
    this.title = title;
    this.answerType = answerType;
    this.caseSource = cases;
    this.same = same;
    this.hint = hint;
  }

  private synchronized List<Case<A>> cases() {
    if (cases == null) {
      cases = List.copyOf(caseSource.get());
    }
    return cases;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public Class<A> answerType() {
    return answerType;
  }

  public int caseCount() {
    return cases().size();
  }

  /** Runs every case; throws {@link NotYet} at the first wrong one. */
  Verdict check(A answer) {
    List<Case<A>> all = cases();
    for (Case<A> c : all) {
      Object got;
      try {
        got = c.call().apply(answer);
      } catch (YourTurn t) {
        throw t;
      } catch (RuntimeException ex) {
        throw new NotYet("✘ " + id + " (" + title + "): for " + c.input() + " your code threw "
            + ex + ". Hint: " + hint);
      }
      if (!same.test(c.expected(), got)) {
        throw new NotYet("✘ " + id + " (" + title + "): for " + c.input() + " expected "
            + show(c.expected()) + " but got " + show(got) + ". Hint: " + hint);
      }
    }
    return new Verdict(id, title, all.size());
  }

  static String show(Object o) {
    if (o instanceof float[] f) {
      return java.util.Arrays.toString(f);
    }
    if (o instanceof int[] i) {
      return java.util.Arrays.toString(i);
    }
    if (o instanceof double[] d) {
      return java.util.Arrays.toString(d);
    }
    return String.valueOf(o);
  }

  /** Exact equality (arrays by content). */
  static boolean exact(Object a, Object b) {
    return Objects.deepEquals(a, b);
  }

  /** Numbers equal within a relative and absolute tolerance of {@code tol}. */
  static BiPredicate<Object, Object> near(double tol) {
    return (a, b) -> {
      if (a instanceof Number x && b instanceof Number y) {
        double d = Math.abs(x.doubleValue() - y.doubleValue());
        return d <= tol * Math.max(1, Math.abs(x.doubleValue()));
      }
      return Objects.deepEquals(a, b);
    };
  }

  /**
   * float[] answers of the expected length, each element within {@code tol} of the expected one,
   * relative for elements above 1 in magnitude and absolute below, as {@link #near}.
   */
  static BiPredicate<Object, Object> nearFloats(double tol) {
    return (a, b) -> {
      if (!(a instanceof float[] x) || !(b instanceof float[] y) || x.length != y.length) {
        return false;
      }
      for (int i = 0; i < x.length; i++) {
        if (!(Math.abs(x[i] - y[i]) <= tol * Math.max(1, Math.abs(x[i])))) {
          return false;
        }
      }
      return true;
    };
  }

  @Override
  public String toString() {
    return "Exercise{" + id + ", " + title + ", " + cases().size() + " cases, answer: "
        + answerType.getSimpleName() + "}";
  }
}
