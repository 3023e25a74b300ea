package dev.pipelinesdk.core.scoring;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The built-in lead scorer: points for fit (attributes of the deal as they stood at the scoring
 * instant: {@link FitRule}) plus points for engagement (touches and attribute events in the
 * history up to the scoring instant, each decaying with its rule's half-life: {@link
 * EngagementRule}). Every rule gives one contribution, rounded half-even to two decimals; the
 * score is their exact sum. Immutable and thread-safe.
 *
 * <pre>{@code
 * PointsScorer scorer = PointsScorer.builder("my-points")
 *     .fit(FitRule.attributeIn("industry fit", "industry", 15, "software", "saas"))
 *     .fit(FitRule.numberBetween("mid-market", "employees", 50, 1000, 15))
 *     .engagement(EngagementRule.touches("replies", 5, Duration.ofDays(30))
 *         .withResults(Touch.Result.REPLIED).withCap(20))
 *     .build();
 * LeadScore score = scorer.score(history, Instant.parse("2026-03-01T00:00:00Z"));
 * }</pre>
 *
 * <p>{@link #defaults()} is the rule set registered as {@value #NAME} with {@link LeadScorers}.
 */
public final class PointsScorer implements LeadScorer {
  /** The name the default rule set is registered under: {@value}. */
  public static final String NAME = "points";

  private final String name;
  private final List<FitRule> fit;
  private final List<EngagementRule> engagement;

  private PointsScorer(String name, List<FitRule> fit, List<EngagementRule> engagement) {
    this.name = name;
    this.fit = List.copyOf(fit);
    this.engagement = List.copyOf(engagement);
  }

  /**
   * Starts a scorer.
   *
   * @param name the name it reports in its scores (and, if registered, is found by)
   * @return the builder
   * @throws IllegalArgumentException if the name is not a valid id (letters, digits, {@code -},
   *     {@code _}, {@code .}; see {@link dev.pipelinesdk.core.StageId})
   */
  public static Builder builder(String name) {
    return new Builder(Checks.id("scorer name", name));
  }

  /**
   * The default rule set, registered as {@value #NAME}. Out of at most 114 points:
   *
   * <ul>
   *   <li>fit: {@code industry} one of software, saas, technology, fintech: 15; {@code employees}
   *       in [50, 1000): 15, in [1000, infinity): 10, in [10, 50): 5; {@code role} one of ceo, cto,
   *       cfo, coo, founder, owner, vp, director, head: 10;
   *   <li>engagement (per occurrence, decayed): replies (touches with result replied) 5 each,
   *       half-life 30 days, cap 20; meetings booked (next step agreed) 10 each, half-life 45
   *       days, cap 30; declines -10 each, half-life 60 days, cap 20; content downloads (events
   *       of attribute {@code content_download}) 4 each, half-life 30 days, cap 12; events
   *       attended ({@code event_attended}) 6 each, half-life 60 days, cap 12.
   * </ul>
   *
   * @return the default scorer
   */
  public static PointsScorer defaults() {
    return DEFAULTS;
  }

  private static final PointsScorer DEFAULTS = builder(NAME)
      .fit(FitRule.attributeIn("industry fit", "industry", 15,
          "software", "saas", "technology", "fintech"))
      .fit(FitRule.numberBetween("company size 50-999", "employees", 50, 1000, 15))
      .fit(FitRule.numberBetween("company size 1000+", "employees", 1000,
          Double.POSITIVE_INFINITY, 10))
      .fit(FitRule.numberBetween("company size 10-49", "employees", 10, 50, 5))
      .fit(FitRule.attributeIn("decision-making role", "role", 10,
          "ceo", "cto", "cfo", "coo", "founder", "owner", "vp", "director", "head"))
      .engagement(EngagementRule.touches("replies", 5, Duration.ofDays(30))
          .withResults(Touch.Result.REPLIED).withCap(20))
      .engagement(EngagementRule.touches("meetings booked", 10, Duration.ofDays(45))
          .withResults(Touch.Result.NEXT_STEP_AGREED).withCap(30))
      .engagement(EngagementRule.touches("declines", -10, Duration.ofDays(60))
          .withResults(Touch.Result.DECLINED).withCap(20))
      .engagement(EngagementRule.attributeEvents("content downloads", "content_download", 4,
          Duration.ofDays(30)).withCap(12))
      .engagement(EngagementRule.attributeEvents("events attended", "event_attended", 6,
          Duration.ofDays(60)).withCap(12))
      .build();

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "points for fit (" + fit.size() + " rules over attributes) and engagement ("
        + engagement.size() + " rules over touches and attribute events, decaying by half-life)";
  }

  /** {@return the fit rules, in order} */
  public List<FitRule> fitRules() {
    return fit;
  }

  /** {@return the engagement rules, in order} */
  public List<EngagementRule> engagementRules() {
    return engagement;
  }

  /**
   * Scores the deal as it stood at {@code at}: fit rules over its attributes then (after the
   * events up to {@code at}), engagement rules over its events up to {@code at}, in rule order.
   *
   * @param history the deal's history; events after {@code at} are ignored
   * @param at the scoring instant
   * @return the score, one contribution per rule (fit rules first)
   * @throws IllegalArgumentException naming both instants if {@code at} is before the deal was
   *     created
   */
  @Override
  public LeadScore score(DealHistory history, Instant at) {
    Objects.requireNonNull(history, "history is null");
    Objects.requireNonNull(at, "at is null");
    Instant created = history.created().at();
    if (at.isBefore(created)) {
      throw new IllegalArgumentException("cannot score deal '" + history.dealId() + "' at " + at
          + ": it was created later, at " + created);
    }
    List<DealEvent> events = history.events();
    int known = events.size();
    while (events.get(known - 1).at().isAfter(at)) { // histories are in time order
      known--;
    }
    List<DealEvent> upTo = events.subList(0, known);
    Map<String, AttributeValue> attributes = attributes(history, upTo);
    List<LeadScore.Contribution> parts = new ArrayList<>(fit.size() + engagement.size());
    for (FitRule r : fit) {
      parts.add(r.apply(attributes));
    }
    for (EngagementRule r : engagement) {
      parts.add(r.apply(upTo, at));
    }
    return LeadScore.of(name, at, parts);
  }

  private static Map<String, AttributeValue> attributes(DealHistory history,
      List<DealEvent> upTo) {
    if (upTo.size() == history.size()) {
      return history.current().attributes();
    }
    Map<String, AttributeValue> attributes = new HashMap<>(history.created().deal().attributes());
    for (DealEvent e : upTo) {
      if (e instanceof DealEvent.AttributeChanged) {
        DealEvent.AttributeChanged a = (DealEvent.AttributeChanged) e;
        if (a.value().isPresent()) {
          attributes.put(a.name(), a.value().get());
        } else {
          attributes.remove(a.name());
        }
      }
    }
    return attributes;
  }

  static BigDecimal round(double points) {
    return BigDecimal.valueOf(points).setScale(2, RoundingMode.HALF_EVEN);
  }

  static double finite(String what, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be finite, not " + value);
    }
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PointsScorer && name.equals(((PointsScorer) o).name)
        && fit.equals(((PointsScorer) o).fit) && engagement.equals(((PointsScorer) o).engagement);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, fit, engagement);
  }

  @Override
  public String toString() {
    return "PointsScorer[" + name + ", fit " + fit + ", engagement " + engagement + "]";
  }

  /** Builds a {@link PointsScorer}; not thread-safe, build once and share the scorer. */
  public static final class Builder {
    private final String name;
    private final List<FitRule> fit = new ArrayList<>();
    private final List<EngagementRule> engagement = new ArrayList<>();
    private final Set<String> ruleNames = new HashSet<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a fit rule.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if a rule of that name was already added
     */
    public Builder fit(FitRule rule) {
      Objects.requireNonNull(rule, "fit rule is null");
      unique(rule.name());
      fit.add(rule);
      return this;
    }

    /**
     * Adds an engagement rule.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if a rule of that name was already added
     */
    public Builder engagement(EngagementRule rule) {
      Objects.requireNonNull(rule, "engagement rule is null");
      unique(rule.name());
      engagement.add(rule);
      return this;
    }

    private void unique(String rule) {
      if (!ruleNames.add(rule)) {
        throw new IllegalArgumentException("scorer '" + name + "' already has a rule named '"
            + rule + "'");
      }
    }

    /**
     * Builds the scorer.
     *
     * @return the scorer
     * @throws IllegalStateException if no rule was added
     */
    public PointsScorer build() {
      if (fit.isEmpty() && engagement.isEmpty()) {
        throw new IllegalStateException("scorer '" + name + "' has no rules");
      }
      return new PointsScorer(name, fit, engagement);
    }
  }
}
