package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The funnel of one cohort: volumes and conversion ratios per open stage, in funnel order. See
 * {@link Funnel} for the exact semantics. Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param cohort what the cohort is, in words ("created in [...), warm leads")
 * @param cohortSize the number of deals in the cohort
 * @param stages the open stages in funnel order
 * @param won deals of the cohort won at the end
 * @param wonAmount the total amount of the won deals (deals without an amount count zero)
 * @param reopenedDeals deals reopened after being won or lost at least once
 * @param revivedDeals deals revived from dormant at least once
 */
public record FunnelReport(String pipeline, String cohort, long cohortSize,
    List<FunnelStage> stages, long won, Money wonAmount, long reopenedDeals, long revivedDeals) {

  /** Creates a report. */
  public FunnelReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(cohort, "cohort is null");
    stages = List.copyOf(stages);
    Objects.requireNonNull(wonAmount, "wonAmount is null");
  }

  /**
   * Returns one stage's row.
   *
   * @param stage the open stage
   * @return the row
   * @throws IllegalArgumentException if the stage is not an open stage of the funnel
   */
  public FunnelStage stage(StageId stage) {
    for (FunnelStage s : stages) {
      if (s.stage().equals(stage)) {
        return s;
      }
    }
    throw new IllegalArgumentException("funnel of pipeline '" + pipeline + "' has no open stage '"
        + stage + "'; open stages: " + stages.stream().map(FunnelStage::stage).toList());
  }

  /** {@return won deals over the cohort size; NaN for an empty cohort} */
  public double overallConversion() {
    return cohortSize == 0 ? Double.NaN : (double) won / cohortSize;
  }

  /** {@return the average amount of a won deal; empty if nothing was won} */
  public java.util.Optional<Money> averageWonAmount() {
    if (won == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Money.of(wonAmount.amount().divide(BigDecimal.valueOf(won),
        Math.max(2, wonAmount.amount().scale()), RoundingMode.HALF_EVEN), wonAmount.currency()));
  }

  /**
   * The reverse funnel for a number of wins: how many deals must enter each stage, from the
   * given one down to won, to expect {@code wins} at this cohort's observed conversion rates.
   *
   * @param from the open stage to start from, usually the first (prospects)
   * @param wins the wins wanted, at least 1
   * @return the deals needed per stage
   * @throws IllegalArgumentException if the stage is not an open stage or {@code wins < 1}
   * @throws IllegalStateException if no deal that reached {@code from} was won, so no rate exists
   */
  public ReverseFunnel requiredFor(StageId from, long wins) {
    if (wins < 1) {
      throw new IllegalArgumentException("wins must be at least 1, not " + wins);
    }
    return reverse(from, wins, wins + " wins");
  }

  /**
   * The reverse funnel for an amount: the wins needed at the average won amount, then as {@link
   * #requiredFor(StageId, long)}.
   *
   * @param from the open stage to start from
   * @param target the amount wanted, in the report's currency
   * @return the deals needed per stage
   * @throws IllegalArgumentException if the stage is not open, the currencies differ or the
   *     target is zero
   * @throws IllegalStateException if nothing was won, or the won deals have no amount
   */
  public ReverseFunnel requiredFor(StageId from, Money target) {
    Objects.requireNonNull(target, "target is null");
    if (target.isZero()) {
      throw new IllegalArgumentException("target amount must be positive, not " + target);
    }
    Money average = averageWonAmount().orElseThrow(() -> new IllegalStateException(
        "no deal of the cohort (" + cohort + ") was won; cannot extrapolate to " + target));
    average.requireSameCurrency(target);
    if (average.isZero()) {
      throw new IllegalStateException("the won deals of the cohort have no amount; cannot"
          + " extrapolate to " + target);
    }
    long wins = target.amount().divide(average.amount(), 0, RoundingMode.CEILING).longValueExact();
    return reverse(from, Math.max(1, wins), target + " (" + wins + " wins at " + average + ")");
  }

  private ReverseFunnel reverse(StageId from, long wins, String goal) {
    FunnelStage start = stage(from);
    if (won == 0 || start.reached() == 0) {
      throw new IllegalStateException("no deal that reached '" + from + "' in the cohort ("
          + cohort + ") was won; cannot extrapolate to " + goal);
    }
    List<ReverseFunnel.Step> steps = new ArrayList<>();
    boolean on = false;
    for (FunnelStage s : stages) {
      on |= s.stage().equals(from);
      if (on) {
        // reached_i deals give won deals; so wins need wins * reached_i / won.
        long needed = BigDecimal.valueOf(wins).multiply(BigDecimal.valueOf(s.reached()))
            .divide(BigDecimal.valueOf(won), 0, RoundingMode.CEILING).longValueExact();
        steps.add(new ReverseFunnel.Step(s.stage(), s.name(), needed, s.conversionToWon()));
      }
    }
    return new ReverseFunnel(goal, wins, steps);
  }

  /** {@return the funnel as a plain-text table, one row per open stage and one for won} */
  public String toTable() {
    TextTable t = new TextTable("Funnel of " + pipeline + " (" + cohort + "): " + cohortSize
        + " deals, " + won + " won (" + TextTable.percent(overallConversion()) + ")",
        "stage", "reached", "entered", "skipped", "to next", "to won", "lost", "dark", "stuck",
        "back", "skip moves");
    for (FunnelStage s : stages) {
      t.row(s.name(), s.reached(), s.entered(), s.skipped(), TextTable.percent(s.conversionToNext()),
          TextTable.percent(s.conversionToWon()), s.lost(), s.wentDark(), s.stuck(),
          s.backMovesOut(), s.skipMovesOut());
    }
    t.row("won", won, won, 0, "-", "-", "-", "-", "-", "-", "-");
    return t.render();
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FunnelReport[").append(pipeline).append(", ")
        .append(cohort).append(": ").append(cohortSize).append(" deals");
    for (FunnelStage s : stages) {
      sb.append(", ").append(s.stage()).append(' ').append(s.reached());
    }
    return sb.append(", won ").append(won).append(" (").append(wonAmount).append(")]").toString();
  }
}
