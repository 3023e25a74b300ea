package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Time and flow as of an instant ({@link Metrics#flow}): per open stage and overall, the dwell
 * time of the deals that left a stage, win rates, the sales cycle and pipeline velocity.
 * Immutable.
 *
 * <ul>
 *   <li><b>Dwell</b> in a stage: each deal's cumulative time in it (all visits, see {@link
 *       StageTimes}), over the deals that were in it and are not in it at the instant. The deals
 *       still in it are counted in {@code open}; their time so far is in the {@link
 *       TimeInStageReport} (time in stage, over every deal that reached the stage). Mean, median
 *       and p90 are exact to the nanosecond; quantiles follow the library's one definition
 *       (linear interpolation between closest ranks, R's type 7).
 *   <li><b>Win rate</b> of a stage: of the deals that were ever in it and are won or lost at the
 *       instant, the share won: {@code won / (won + lost)}. Dormant and open deals do not count.
 *   <li><b>Sales cycle</b>: from creation to the win, for deals won at the instant.
 *   <li><b>Velocity</b>: {@code open deals * win rate * average won amount / average cycle},
 *       money per day, overall and per stage (the stage's open deals and win rate), rounded
 *       half-even to the currency's scale.
 * </ul>
 *
 * @param pipeline the pipeline definition id
 * @param asOf the instant
 * @param stages the open stages in funnel order
 * @param won deals won at the instant
 * @param lost deals lost at the instant
 * @param open deals open at the instant
 * @param winRate {@code won / (won + lost)}; empty if both are zero
 * @param averageWonAmount the mean amount of a won deal (a won deal without an amount counts
 *     zero), rounded half-even to the currency's scale; empty if no won deal has an amount
 * @param averageCycle the mean time from creation to win; empty if nothing was won
 * @param velocityPerDay pipeline velocity, money per day; empty without a win rate, a cycle or an
 *     amount
 */
public record FlowReport(String pipeline, Instant asOf, List<FlowReport.Row> stages, long won,
    long lost, long open, OptionalDouble winRate, Optional<Money> averageWonAmount,
    Optional<Duration> averageCycle, Optional<Money> velocityPerDay) {

  /**
   * Time and flow of one open stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param left deals whose dwell time is counted: they were in the stage and are not now
   * @param dwellMean the mean dwell time; empty if no deal left the stage
   * @param dwellMedian the median dwell time; empty likewise
   * @param dwellP90 the 90th percentile dwell time; empty likewise
   * @param won deals ever in this stage, won at the instant
   * @param lost deals ever in this stage, lost at the instant
   * @param winRate {@code won / (won + lost)}; empty if both are zero
   * @param open deals in this stage at the instant
   * @param velocityPerDay {@code open * winRate * average won amount / average cycle}; empty
   *     without a win rate, a cycle or an amount
   */
  public record Row(StageId stage, String name, long left, Optional<Duration> dwellMean,
      Optional<Duration> dwellMedian, Optional<Duration> dwellP90, long won, long lost,
      OptionalDouble winRate, long open, Optional<Money> velocityPerDay) {

    /**
     * Checks the row's references.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param left deals whose dwell time is counted: they were in the stage and are not now
     * @param dwellMean the mean dwell time; empty if no deal left the stage
     * @param dwellMedian the median dwell time; empty likewise
     * @param dwellP90 the 90th percentile dwell time; empty likewise
     * @param won deals ever in this stage, won at the instant
     * @param lost deals ever in this stage, lost at the instant
     * @param winRate {@code won / (won + lost)}; empty if both are zero
     * @param open deals in this stage at the instant
     * @param velocityPerDay {@code open * winRate * average won amount / average cycle}; empty
     *     without a win rate, a cycle or an amount
     * @throws NullPointerException if any of {@code stage}, {@code name}, {@code dwellMean}, {@code
     *     dwellMedian}, {@code dwellP90}, {@code winRate} or {@code velocityPerDay} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(dwellMean, "dwellMean is null");
      Objects.requireNonNull(dwellMedian, "dwellMedian is null");
      Objects.requireNonNull(dwellP90, "dwellP90 is null");
      Objects.requireNonNull(winRate, "winRate is null");
      Objects.requireNonNull(velocityPerDay, "velocityPerDay is null");
    }
  }

  /**
   * Creates the value.
   *
   * @param pipeline the pipeline definition id
   * @param asOf the instant
   * @param stages the open stages in funnel order
   * @param won deals won at the instant
   * @param lost deals lost at the instant
   * @param open deals open at the instant
   * @param winRate {@code won / (won + lost)}; empty if both are zero
   * @param averageWonAmount the mean amount of a won deal (a won deal without an amount counts
   *     zero), rounded half-even to the currency's scale; empty if no won deal has an amount
   * @param averageCycle the mean time from creation to win; empty if nothing was won
   * @param velocityPerDay pipeline velocity, money per day; empty without a win rate, a cycle or an
   *     amount
   * @throws NullPointerException if any of {@code pipeline}, {@code asOf}, {@code winRate}, {@code
   *     averageWonAmount}, {@code averageCycle} or {@code velocityPerDay} is null
   */
  public FlowReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(asOf, "asOf is null");
    stages = List.copyOf(stages);
    Objects.requireNonNull(winRate, "winRate is null");
    Objects.requireNonNull(averageWonAmount, "averageWonAmount is null");
    Objects.requireNonNull(averageCycle, "averageCycle is null");
    Objects.requireNonNull(velocityPerDay, "velocityPerDay is null");
  }

  /**
   * Returns one stage's row.
   *
   * @param stage an open stage
   * @return the row
   * @throws IllegalArgumentException if it is not an open stage of the pipeline
   */
  public Row stage(StageId stage) {
    return TextTable.row(stages, Row::stage, pipeline, stage);
  }

  /** {@return one row per stage, then the overall figures} */
  public String toTable() {
    TextTable t = new TextTable("Time and flow of " + pipeline + " as of " + asOf, "stage",
        "left", "dwell mean", "dwell p50", "dwell p90", "won", "lost", "win rate", "open",
        "velocity/day");
    for (Row s : stages) {
      t.row(s.name(), s.left(), TextTable.days(s.dwellMean()), TextTable.days(s.dwellMedian()),
          TextTable.days(s.dwellP90()), s.won(), s.lost(), TextTable.percent(s.winRate()),
          s.open(), s.velocityPerDay().map(Object::toString).orElse("-"));
    }
    t.row("all", "-", "-", "-", "-", won, lost, TextTable.percent(winRate), open,
        velocityPerDay.map(Object::toString).orElse("-"));
    return t.render() + "Average sales cycle " + TextTable.days(averageCycle)
        + ", average won amount " + averageWonAmount.map(Object::toString).orElse("-") + "\n";
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "FlowReport[" + pipeline + " as of " + asOf + ": won " + won + ", lost " + lost
        + ", open " + open + ", win rate " + TextTable.percent(winRate) + ", cycle "
        + TextTable.days(averageCycle) + ", velocity "
        + velocityPerDay.map(v -> v + "/day").orElse("-") + "]";
  }
}
