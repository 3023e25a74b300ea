package dev.pipelinesdk.core.scoring;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.internal.Checks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The article's two qualification steps as transition guards: marketing-qualified (MQL, a
 * minimum lead score at the move's instant) and sales-qualified (SQL, the qualifying answers of
 * the conversation). In definition files they are the guards {@code marketing-qualified}
 * (parameters {@code min} and optionally {@code scorer}, default {@value PointsScorer#NAME}) and
 * {@code sales-qualified} (optionally {@code answers}, comma-separated, default {@code
 * need,buying_process,decision_maker}). Every guard here is immutable, thread-safe and named.
 */
public final class Qualification {
  private Qualification() {}

  /** Code: qualifying answers are missing or answered no; subjects are their names. */
  public static final String MISSING_ANSWERS = "missing_qualifying_answers";

  /**
   * The article's qualifying answers, as flag attributes: {@code need} (really interested),
   * {@code buying_process} (in a buying process) and {@code decision_maker} (responsible for the
   * decision).
   */
  public static final List<String> ARTICLE = List.of("need", "buying_process", "decision_maker");

  /** BANT's qualifying answers: {@code budget}, {@code authority}, {@code need}, {@code timeline}. */
  public static final List<String> BANT = List.of("budget", "authority", "need", "timeline");

  /** How many contributions an MQL rejection names: {@value}. */
  public static final int TOP_CONTRIBUTIONS = 3;

  /**
   * Marketing-qualified: the deal's score by {@code scorer} at the move's instant ({@link
   * dev.pipelinesdk.core.guard.GuardContext#at()}) must be at least {@code minimum}. The scorer
   * reads the deal's history, so the guard needs one: a context without a history (the engine
   * driven with a bare deal) is refused, saying so.
   *
   * @param scorer the scorer
   * @param minimum the lowest passing score, finite
   * @return the guard, named {@code "marketing-qualified: <scorer> >= <minimum>"}; its violation
   *     has code {@value Violation#LEAD_SCORE_TOO_LOW}, the score (or {@code "missing"}) as
   *     subject, and a message with the score, the minimum and the top contributions
   * @throws IllegalArgumentException if {@code minimum} is not finite
   */
  public static Guard marketingQualified(LeadScorer scorer, double minimum) {
    Objects.requireNonNull(scorer, "scorer is null");
    if (!Double.isFinite(minimum)) {
      throw new IllegalArgumentException("minimum lead score must be finite, not " + minimum);
    }
    BigDecimal min = BigDecimal.valueOf(minimum);
    String minText = LeadScore.plain(min);
    String scorerName = scorer.name();
    return Guard.named("marketing-qualified: " + scorerName + " >= " + minText, c -> {
      Optional<DealHistory> history = c.history();
      if (history.isEmpty()) {
        return Verdict.fail(Violation.LEAD_SCORE_TOO_LOW, "cannot score deal '" + c.deal().id()
            + "' with '" + scorerName + "' for " + c.transition() + ": the guard needs the deal's"
            + " history (drive the pipeline with the DealHistory, not a bare Deal); needs at least "
            + minText, "missing");
      }
      LeadScore score = scorer.score(history.get(), c.at());
      if (score.value().compareTo(min) >= 0) {
        return Verdict.pass();
      }
      List<LeadScore.Contribution> top = score.top(TOP_CONTRIBUTIONS);
      if (top.isEmpty() && !score.contributions().isEmpty()) {
        List<LeadScore.Contribution> all = score.contributions(); // all zero: their reasons say why
        top = all.subList(0, Math.min(TOP_CONTRIBUTIONS, all.size()));
      }
      String value = LeadScore.plain(score.value());
      return Verdict.fail(Violation.LEAD_SCORE_TOO_LOW, "deal '" + c.deal().id() + "' scores "
          + value + " by '" + scorerName + "' at " + c.at() + "; needs at least " + minText
          + " to be marketing-qualified for " + c.transition() + "; top contributions: "
          + (top.isEmpty() ? "none" : top.stream().map(LeadScore.Contribution::toString)
              .collect(Collectors.joining("; "))), value);
    });
  }

  /**
   * Sales-qualified with the article's answers ({@link #ARTICLE}).
   *
   * @return the guard; see {@link #salesQualified(List)}
   */
  public static Guard salesQualified() {
    return salesQualified(ARTICLE);
  }

  /**
   * Sales-qualified with the given answers.
   *
   * @param answers the attribute names of the qualifying answers, at least one
   * @return the guard; see {@link #salesQualified(List)}
   * @throws IllegalArgumentException if no answer is given, a name is repeated or invalid
   */
  public static Guard salesQualified(String... answers) {
    return salesQualified(Arrays.asList(answers));
  }

  /**
   * Sales-qualified: every qualifying answer is given, as an attribute of the deal. An answer is
   * given by a flag set to {@code true}, a text that is not blank, a number or a date (a budget
   * may be an amount, a timeline a date); a flag set to {@code false} is an answer "no" and does
   * not qualify.
   *
   * @param answers the attribute names of the qualifying answers, such as {@link #BANT}, at least
   *     one
   * @return the guard, named {@code "sales-qualified [answers]"}; its violation has code
   *     {@value #MISSING_ANSWERS}, every missing answer as a subject (in the given order) and a
   *     message naming each with why (not answered, answered no, blank)
   * @throws IllegalArgumentException if no answer is given, or a name is repeated or invalid
   */
  public static Guard salesQualified(List<String> answers) {
    Objects.requireNonNull(answers, "answers is null");
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("sales-qualified needs at least one qualifying answer");
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String a : answers) {
      if (!unique.add(Checks.id("qualifying answer", a))) {
        throw new IllegalArgumentException("qualifying answer '" + a + "' is listed twice in "
            + answers);
      }
    }
    List<String> required = List.copyOf(unique);
    return Guard.named("sales-qualified " + required, c -> {
      List<String> missing = new ArrayList<>();
      List<String> why = new ArrayList<>();
      for (String a : required) {
        Optional<AttributeValue> v = c.deal().attribute(a);
        String problem = v.isEmpty() ? "not answered" : problem(v.get());
        if (problem != null) {
          missing.add(a);
          why.add(a + " (" + problem + ")");
        }
      }
      return missing.isEmpty() ? Verdict.pass() : Verdict.fail(MISSING_ANSWERS, "deal '"
          + c.deal().id() + "' lacks qualifying answers for " + c.transition() + ": "
          + String.join(", ", why), missing.toArray(String[]::new));
    });
  }

  private static @org.jspecify.annotations.Nullable String problem(AttributeValue v) {
    if (v instanceof AttributeValue.Flag) {
      return ((AttributeValue.Flag) v).value() ? null : "answered no";
    }
    if (v instanceof AttributeValue.Text) {
      return ((AttributeValue.Text) v).value().isBlank() ? "blank" : null;
    }
    return null;
  }
}
