package dev.pipelinesdk.core.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A lead score with its explanation: which scorer gave it at which instant, and what each rule
 * contributed. The contributions sum exactly to the value (exact decimals, so in any order).
 * Immutable.
 *
 * @param scorer the name of the scorer that gave it, such as {@code "points"}
 * @param at the scoring instant
 * @param value the score: the exact sum of the contributions' points
 * @param contributions every rule's contribution, in the scorer's rule order (rules that gave
 *     nothing included, with the reason why)
 */
public record LeadScore(String scorer, Instant at, BigDecimal value,
    List<Contribution> contributions) {

  /**
   * What one rule contributed.
   *
   * @param rule the rule's name, such as {@code "replies"}
   * @param points the points it gave (may be zero or negative)
   * @param reason why, in words, such as {@code "3 replies, decayed from 15 (half-life 30 days)"}
   */
  public record Contribution(String rule, BigDecimal points, String reason) {
    /**
     * Checks the contribution.
     *
     * @param rule the rule's name, not blank
     * @param points the points it gave
     * @param reason why, in words, not blank
     * @throws IllegalArgumentException if {@code rule} or {@code reason} is blank
     * @throws NullPointerException if any argument is null
     */
    public Contribution {
      Objects.requireNonNull(rule, "rule is null");
      Objects.requireNonNull(points, "points is null");
      Objects.requireNonNull(reason, "reason is null");
      if (rule.isBlank() || reason.isBlank()) {
        throw new IllegalArgumentException("a contribution needs a rule name and a reason, got rule '"
            + rule + "' and reason '" + reason + "'");
      }
    }

    @Override
    public String toString() {
      return rule + " " + signed(points) + " (" + reason + ")";
    }
  }

  /**
   * Checks the score.
   *
   * @param scorer the name of the scorer, not blank
   * @param at the scoring instant
   * @param value the score
   * @param contributions every rule's contribution
   * @throws IllegalArgumentException naming both numbers if the contributions do not sum to
   *     {@code value}, or if {@code scorer} is blank
   * @throws NullPointerException if any argument or contribution is null
   */
  public LeadScore {
    Objects.requireNonNull(scorer, "scorer is null");
    Objects.requireNonNull(at, "at is null");
    Objects.requireNonNull(value, "value is null");
    contributions = List.copyOf(contributions);
    if (scorer.isBlank()) {
      throw new IllegalArgumentException("a lead score needs the scorer's name");
    }
    BigDecimal sum = sum(contributions);
    if (sum.compareTo(value) != 0) {
      throw new IllegalArgumentException("lead score " + value.toPlainString()
          + " is not the sum of its contributions, " + sum.toPlainString() + ": " + contributions);
    }
  }

  /**
   * A score whose value is the sum of its contributions.
   *
   * @param scorer the name of the scorer
   * @param at the scoring instant
   * @param contributions every rule's contribution
   * @return the score
   */
  public static LeadScore of(String scorer, Instant at, List<Contribution> contributions) {
    return new LeadScore(scorer, at, sum(List.copyOf(contributions)), contributions);
  }

  private static BigDecimal sum(List<Contribution> contributions) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Contribution c : contributions) {
      sum = sum.add(c.points());
    }
    return sum;
  }

  /**
   * The contributions that gave the most points either way: non-zero ones, largest absolute
   * points first, ties in rule order.
   *
   * @param n how many at most, not negative
   * @return at most {@code n} contributions
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public List<Contribution> top(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("top n must not be negative: " + n);
    }
    List<Contribution> nonZero = new ArrayList<>();
    for (Contribution c : contributions) {
      if (c.points().signum() != 0) {
        nonZero.add(c);
      }
    }
    // List.sort is stable: ties keep the rule order
    nonZero.sort(Comparator.comparing((Contribution c) -> c.points().abs()).reversed());
    return List.copyOf(nonZero.subList(0, Math.min(n, nonZero.size())));
  }

  /**
   * The score in words: the value, the scorer, the instant and every contribution.
   *
   * @return such as {@code "score 27 by 'points' at 2026-03-01T00:00:00Z: industry fit +15
   *     (industry is software, one of [software, saas]); replies +12 (...)"}
   */
  public String explanation() {
    return "score " + plain(value) + " by '" + scorer + "' at " + at + ": "
        + contributions.stream().map(Contribution::toString).collect(Collectors.joining("; "));
  }

  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  static String signed(BigDecimal d) {
    return (d.signum() >= 0 ? "+" : "") + plain(d);
  }

  @Override
  public String toString() {
    return explanation();
  }
}
