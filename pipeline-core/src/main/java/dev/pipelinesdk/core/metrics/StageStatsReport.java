package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Time and flow as of an instant: per open stage and overall. See {@link StageStatistics}.
 * Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param asOf the instant
 * @param stages the open stages in funnel order
 * @param won deals won at the instant
 * @param lost deals lost at the instant
 * @param open deals open at the instant
 * @param winRate {@code won / (won + lost)}; NaN if both are zero
 * @param averageWonAmount the mean amount of a won deal (rounded to cents); empty if none
 * @param averageCycleDays the mean days from creation to win; NaN if none
 * @param velocityPerDay pipeline velocity, money per day; empty without a win rate or cycle
 */
public record StageStatsReport(String pipeline, Instant asOf, List<StageStats> stages, long won,
    long lost, long open, double winRate, Optional<Money> averageWonAmount,
    double averageCycleDays, Optional<Money> velocityPerDay) {

  /** Creates the value. */
  public StageStatsReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    stages = List.copyOf(stages);
  }

  /**
   * Returns one stage's row.
   *
   * @param stage an open stage
   * @return the row
   * @throws IllegalArgumentException if it is not an open stage of the pipeline
   */
  public StageStats stage(StageId stage) {
    return stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("pipeline '" + pipeline + "' has no open stage '"
            + stage + "'"));
  }

  /** {@return one row per stage, then the overall figures} */
  public String toTable() {
    TextTable t = new TextTable("Time and flow of " + pipeline + " as of " + asOf, "stage",
        "samples", "mean", "p50", "p90", "won", "lost", "win rate", "open", "velocity/day");
    for (StageStats s : stages) {
      t.row(s.name(), s.samples(), TextTable.days(s.meanDays()), TextTable.days(s.p50Days()),
          TextTable.days(s.p90Days()), s.won(), s.lost(), TextTable.percent(s.winRate()), s.open(),
          s.velocityPerDay().map(Object::toString).orElse("-"));
    }
    t.row("all", "-", "-", "-", "-", won, lost, TextTable.percent(winRate), open,
        velocityPerDay.map(Object::toString).orElse("-"));
    return t.render() + "Average sales cycle " + TextTable.days(averageCycleDays)
        + ", average won amount " + averageWonAmount.map(Object::toString).orElse("-") + "\n";
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "StageStatsReport[" + pipeline + " as of " + asOf + ": won " + won + ", lost " + lost
        + ", open " + open + ", win rate " + TextTable.percent(winRate) + ", cycle "
        + TextTable.days(averageCycleDays) + ", velocity "
        + velocityPerDay.map(v -> v + "/day").orElse("-") + "]";
  }
}
