package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The funnel of one cohort ({@link Metrics#funnel}): volumes and conversion ratios per open
 * stage, in funnel order. Immutable.
 *
 * <p>Per open stage, counts of distinct deals unless they say moves:
 *
 * <ul>
 *   <li><b>reached</b>: deals that entered this stage at least once;
 *   <li><b>passed</b>: deals that reached this stage or a later one, or are won (HubSpot's
 *       cumulative funnel), so {@code passed} never grows down the funnel; {@code passed -
 *       reached} deals skipped past it. Conversions are shares of {@code passed};
 *   <li><b>drop-off</b> by each deal's state at the end (or at the as-of instant): <b>lost</b> or
 *       <b>went dark</b> from this stage (the last open stage it was in), or <b>stuck</b> here
 *       (still open in it). Every cohort deal that was ever in an open stage is counted exactly
 *       once: in one stage's drop-off or as won. A deal drops out only from a stage it reached,
 *       so the drop-off rate is a share of {@code reached};
 *   <li><b>back-moves</b> and <b>skip moves</b>: moves between open stages out of this stage,
 *       backwards or jumping over at least one stage (events, so a deal can count twice).
 * </ul>
 *
 * <p>"Won" means won at the end: a deal that was won, reopened and lost counts as lost.
 *
 * <p>A deal whose history starts in a won or lost stage and never enters an open stage (an
 * import of a deal that closed before the export began) passed no stage of the funnel: it is
 * counted in {@code firstSeenClosed} only, not in the cohort size, any stage or {@code won}.
 *
 * @param pipeline the pipeline definition id
 * @param cohort what the cohort is, in words ("created in [...), warm leads")
 * @param cohortSize the number of deals in the cohort
 * @param stages the open stages in funnel order
 * @param won deals of the cohort won at the end
 * @param wonAmount the total amount of the won deals (those without an amount count zero);
 *     empty if none has an amount
 * @param reopenedDeals deals reopened after being won or lost at least once
 * @param revivedDeals deals revived from dormant at least once
 * @param firstSeenClosed deals of the cohort's selection first seen won or lost, never in an open
 *     stage: counted apart, in no other field
 */
public record FunnelReport(String pipeline, String cohort, long cohortSize,
    List<FunnelReport.Row> stages, long won, Optional<Money> wonAmount, long reopenedDeals,
    long revivedDeals, long firstSeenClosed) {

  /**
   * One open stage of the funnel.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param reached deals that entered this stage at least once
   * @param passed deals that reached this stage or a later one, or are won
   * @param conversionToNext the share of {@code passed} that passed the next stage (or won, for
   *     the last open stage); empty if none passed this one
   * @param conversionToWon the share of {@code passed} that is won; empty if none passed it
   * @param lost deals lost from this stage (the last open stage they were in)
   * @param wentDark deals dormant ("gone dark") from this stage
   * @param stuck deals still open in this stage
   * @param backMovesOut moves from this stage back to an earlier open stage
   * @param skipMovesOut moves from this stage forward over at least one open stage
   */
  public record Row(StageId stage, String name, long reached, long passed,
      OptionalDouble conversionToNext, OptionalDouble conversionToWon, long lost, long wentDark,
      long stuck, long backMovesOut, long skipMovesOut) {

    /**
     * Checks the row's references.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param reached deals that entered this stage at least once
     * @param passed deals that reached this stage or a later one, or are won
     * @param conversionToNext the share of {@code passed} that passed the next stage (or won, for
     *     the last open stage); empty if none passed this one
     * @param conversionToWon the share of {@code passed} that is won; empty if none passed it
     * @param lost deals lost from this stage (the last open stage they were in)
     * @param wentDark deals dormant ("gone dark") from this stage
     * @param stuck deals still open in this stage
     * @param backMovesOut moves from this stage back to an earlier open stage
     * @param skipMovesOut moves from this stage forward over at least one open stage
     * @throws NullPointerException if any of {@code stage}, {@code name}, {@code conversionToNext}
     *     or {@code conversionToWon} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(conversionToNext, "conversionToNext is null");
      Objects.requireNonNull(conversionToWon, "conversionToWon is null");
    }

    /** {@return deals that passed this stage without reaching it: {@code passed - reached}} */
    public long skipped() {
      return passed - reached;
    }

    /** {@return deals that left the funnel from here: {@code lost + wentDark}} */
    public long droppedOut() {
      return lost + wentDark;
    }

    /** {@return the share of {@code reached} lost or gone dark from here; empty if none reached} */
    public OptionalDouble dropOffRate() {
      return FlowMetric.ratio(droppedOut(), reached);
    }
  }

  /**
   * How many deals must pass each stage to expect a goal at the cohort's observed conversion
   * rates ("to win 10 we need 200 prospects"), rounded up.
   *
   * @param goal the goal in words
   * @param wins the wins needed
   * @param steps per open stage from the starting one, the deals needed there
   */
  public record Requirement(String goal, long wins, List<Requirement.Step> steps) {

    /**
     * One stage of the requirement.
     *
     * @param stage the stage
     * @param name its name
     * @param needed deals that must pass it
     * @param conversionToWon the observed share of deals passing it that are won
     */
    public record Step(StageId stage, String name, long needed, double conversionToWon) {
      /**
       * Checks the references.
       *
       * @param stage the stage
       * @param name its name
       * @param needed deals that must pass it
       * @param conversionToWon the observed share of deals passing it that are won
       * @throws NullPointerException if {@code stage} or {@code name} is null
       */
      public Step {
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(name, "name is null");
      }
    }

    /**
     * Copies the steps.
     *
     * @param goal the goal in words
     * @param wins the wins needed
     * @param steps per open stage from the starting one, the deals needed there
     * @throws NullPointerException if {@code goal} is null
     */
    public Requirement {
      Objects.requireNonNull(goal, "goal is null");
      steps = List.copyOf(steps);
    }

    /** {@return deals needed at the first stage of the steps} */
    public long neededAtStart() {
      return steps.isEmpty() ? wins : steps.get(0).needed();
    }

    /** {@return the requirement as a plain-text table} */
    public String toTable() {
      TextTable t = new TextTable("Needed for " + goal, "stage", "needed", "to won");
      for (Step s : steps) {
        t.row(s.name(), s.needed(), TextTable.percent(s.conversionToWon()));
      }
      t.row("won", wins, "-");
      return t.render();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Requirement[").append(goal);
      for (Step s : steps) {
        sb.append(", ").append(s.stage()).append(' ').append(s.needed());
      }
      return sb.append(']').toString();
    }
  }

  /**
   * Creates a report.
   *
   * @param pipeline the pipeline definition id
   * @param cohort what the cohort is, in words ("created in [...), warm leads")
   * @param cohortSize the number of deals in the cohort
   * @param stages the open stages in funnel order
   * @param won deals of the cohort won at the end
   * @param wonAmount the total amount of the won deals (those without an amount count zero);
   *     empty if none has an amount
   * @param reopenedDeals deals reopened after being won or lost at least once
   * @param revivedDeals deals revived from dormant at least once
   * @param firstSeenClosed deals first seen won or lost, counted apart
   * @throws NullPointerException if any of {@code pipeline}, {@code cohort} or {@code wonAmount} is
   *     null
   */
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
  public Row stage(StageId stage) {
    for (Row s : stages) {
      if (s.stage().equals(stage)) {
        return s;
      }
    }
    throw new IllegalArgumentException("funnel of pipeline '" + pipeline + "' has no open stage '"
        + stage + "'; open stages: " + stages.stream().map(Row::stage).toList());
  }

  /** {@return won deals over the cohort size; empty for an empty cohort} */
  public OptionalDouble overallConversion() {
    return FlowMetric.ratio(won, cohortSize);
  }

  /**
   * The average amount of a won deal (a won deal without an amount counts zero), rounded
   * half-even to the currency's scale.
   *
   * @return the average; empty if no won deal has an amount
   */
  public Optional<Money> averageWonAmount() {
    return wonAmount.map(total -> Amounts.round(total.amount().divide(BigDecimal.valueOf(won),
        Amounts.scale(total.currency()) + 2, RoundingMode.HALF_EVEN), total.currency()));
  }

  /**
   * The requirement for a number of wins: how many deals must pass each stage, from the given
   * one down to won, to expect {@code wins} at this cohort's observed conversion rates.
   *
   * @param from the open stage to start from, usually the first (prospects)
   * @param wins the wins wanted, at least 1
   * @return the deals needed per stage
   * @throws IllegalArgumentException if the stage is not an open stage or {@code wins < 1}
   * @throws IllegalStateException if no deal that passed {@code from} was won, so no rate exists
   */
  public Requirement requiredFor(StageId from, long wins) {
    if (wins < 1) {
      throw new IllegalArgumentException("wins must be at least 1, not " + wins);
    }
    return reverse(from, wins, wins + " wins");
  }

  /**
   * The requirement for an amount: the wins needed at the average won amount, then as {@link
   * #requiredFor(StageId, long)}.
   *
   * @param from the open stage to start from
   * @param target the amount wanted, in the report's currency
   * @return the deals needed per stage
   * @throws IllegalArgumentException if the stage is not open, the currencies differ or the
   *     target is zero
   * @throws IllegalStateException if nothing was won, or the won deals have no amount
   */
  public Requirement requiredFor(StageId from, Money target) {
    Objects.requireNonNull(target, "target is null");
    if (target.isZero()) {
      throw new IllegalArgumentException("target amount must be positive, not " + target);
    }
    if (won == 0) {
      throw new IllegalStateException("no deal of the cohort (" + cohort
          + ") was won; cannot extrapolate to " + target);
    }
    Money average = averageWonAmount().filter(a -> !a.isZero()).orElseThrow(
        () -> new IllegalStateException("the won deals of the cohort (" + cohort
            + ") have no amount; cannot extrapolate to " + target));
    average.requireSameCurrency(target);
    long wins = target.amount().divide(average.amount(), 0, RoundingMode.CEILING).longValueExact();
    return reverse(from, Math.max(1, wins), target + " (" + wins + " wins at " + average + ")");
  }

  private Requirement reverse(StageId from, long wins, String goal) {
    Row start = stage(from);
    if (won == 0 || start.passed() == 0) {
      throw new IllegalStateException("no deal that passed '" + from + "' in the cohort ("
          + cohort + ") was won; cannot extrapolate to " + goal);
    }
    List<Requirement.Step> steps = new ArrayList<>();
    boolean on = false;
    for (Row s : stages) {
      on |= s.stage().equals(from);
      if (on) {
        // passed_i deals give won deals; so wins need wins * passed_i / won.
        long needed = BigDecimal.valueOf(wins).multiply(BigDecimal.valueOf(s.passed()))
            .divide(BigDecimal.valueOf(won), 0, RoundingMode.CEILING).longValueExact();
        steps.add(new Requirement.Step(s.stage(), s.name(), needed,
            (double) won / s.passed()));
      }
    }
    return new Requirement(goal, wins, steps);
  }

  /** {@return the funnel as a plain-text table, one row per open stage and one for won} */
  public String toTable() {
    TextTable t = new TextTable("Funnel of " + pipeline + " (" + cohort + "): " + cohortSize
        + " deals, " + won + " won (" + TextTable.percent(overallConversion()) + ")"
        + (firstSeenClosed == 0 ? "" : "; " + firstSeenClosed + " deals first seen won or lost"
            + " are not in the funnel"),
        "stage", "reached (entered)", "passed (reached or skipped past)", "skipped", "to next",
        "to won", "lost", "dark", "stuck", "back", "skip moves");
    for (Row s : stages) {
      t.row(s.name(), s.reached(), s.passed(), s.skipped(), TextTable.percent(s.conversionToNext()),
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
    for (Row s : stages) {
      sb.append(", ").append(s.stage()).append(" passed ").append(s.passed());
    }
    return sb.append(", won ").append(won).append(" (")
        .append(wonAmount.map(Object::toString).orElse("no amounts")).append(")]").toString();
  }
}
