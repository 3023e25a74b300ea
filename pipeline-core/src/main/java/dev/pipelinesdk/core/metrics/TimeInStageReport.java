package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Time in stage over all deals as of an instant ({@link Metrics#timeInStage}, {@link
 * Metrics#timeInStageTotals}): per stage, in the definition's order, the deals that reached it,
 * their visits, the deals in it now, the cumulative time spent in it and, when computed with
 * per-deal samples, the median and p90 of the deals' own cumulative times. Immutable.
 *
 * <p><b>Time in stage</b> is over every deal that reached the stage, the ones still in it
 * counted up to {@code asOf} (HubSpot's cumulative time in stage, re-entries included); the
 * flow report's <b>dwell</b> ({@link FlowReport}) is over the deals that left it. Quantiles follow
 * the library's one definition (linear interpolation between closest ranks, R's type 7), exact
 * to the nanosecond.
 *
 * @param pipeline the definition id
 * @param asOf the as-of instant
 * @param deals the deals counted (created at or before {@code asOf})
 * @param quantiles whether the median and p90 were computed ({@link Metrics#timeInStage}) or
 *     not ({@link Metrics#timeInStageTotals}, counts and sums only)
 * @param stages one row per stage of the definition, in declaration order
 */
public record TimeInStageReport(String pipeline, Instant asOf, long deals, boolean quantiles,
    List<TimeInStageReport.Row> stages) {

  /**
   * Copies the rows.
   *
   * @param pipeline the definition id
   * @param asOf the as-of instant
   * @param deals the deals counted (created at or before {@code asOf})
   * @param quantiles whether the median and p90 were computed ({@link Metrics#timeInStage}) or
   *     not ({@link Metrics#timeInStageTotals}, counts and sums only)
   * @param stages one row per stage of the definition, in declaration order
   * @throws NullPointerException if {@code pipeline} or {@code asOf} is null
   */
  public TimeInStageReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(asOf, "asOf is null");
    stages = List.copyOf(stages);
  }

  /**
   * One stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param kind the stage kind
   * @param reached the distinct deals that entered the stage at least once (being created in it
   *     counts; a deal that skipped past it did not reach it)
   * @param visits the entries into the stage, re-entries included
   * @param open the deals in the stage at {@code asOf}
   * @param cumulative the sum over deals of all time spent in the stage, the open visits up to
   *     {@code asOf} included; exact to the nanosecond
   * @param median the median of the reaching deals' cumulative times; empty if none reached the
   *     stage or the report was computed without quantiles
   * @param p90 the 90th percentile of the same; empty likewise
   */
  public record Row(StageId stage, String name, StageKind kind, long reached, long visits,
      long open, Duration cumulative, Optional<Duration> median, Optional<Duration> p90) {

    /**
     * Checks the row's references.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param kind the stage kind
     * @param reached the distinct deals that entered the stage at least once (being created in it
     *     counts; a deal that skipped past it did not reach it)
     * @param visits the entries into the stage, re-entries included
     * @param open the deals in the stage at {@code asOf}
     * @param cumulative the sum over deals of all time spent in the stage, the open visits up to
     *     {@code asOf} included; exact to the nanosecond
     * @param median the median of the reaching deals' cumulative times; empty if none reached the
     *     stage or the report was computed without quantiles
     * @param p90 the 90th percentile of the same; empty likewise
     * @throws NullPointerException if any of {@code stage}, {@code name}, {@code kind}, {@code
     *     cumulative}, {@code median} or {@code p90} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(kind, "kind is null");
      Objects.requireNonNull(cumulative, "cumulative is null");
      Objects.requireNonNull(median, "median is null");
      Objects.requireNonNull(p90, "p90 is null");
    }

    /** {@return this row without its quantiles} */
    Row withoutQuantiles() {
      return new Row(stage, name, kind, reached, visits, open, cumulative, Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * The counts and sums of this report without the quantiles: equal to what {@link
   * Metrics#timeInStageTotals} computes over the same deals.
   *
   * @return the report without median and p90
   */
  public TimeInStageReport withoutQuantiles() {
    return new TimeInStageReport(pipeline, asOf, deals, false,
        stages.stream().map(Row::withoutQuantiles).toList());
  }

  /**
   * One stage's row.
   *
   * @param stage the stage id
   * @return the row
   * @throws IllegalArgumentException if the definition has no such stage
   */
  public Row stage(StageId stage) {
    return TextTable.row(stages, Row::stage, pipeline, stage);
  }

  /**
   * The report as a plain-text table.
   *
   * @return one line per stage: reached, visits, open (the deals in it now; "-" for a won or lost
   *     stage, where every deal that reached it and was not reopened is still in it, so the count
   *     says nothing), cumulative, median and p90 days
   */
  public String toTable() {
    TextTable t = new TextTable("Time in stage of " + pipeline + " as of " + asOf + ": " + deals
        + " deals" + (quantiles ? "" : " (totals; median and p90 not computed)"), "stage",
        "reached", "visits", "open", "cumulative", "median", "p90");
    for (Row r : stages) {
      t.row(r.name(), r.reached(), r.visits(), r.kind().isTerminal() ? "-" : r.open(),
          TextTable.days(r.cumulative()),
          r.median().map(TextTable::days).orElse("-"), r.p90().map(TextTable::days).orElse("-"));
    }
    return t.render();
  }

  @Override
  public String toString() {
    return toTable();
  }
}
