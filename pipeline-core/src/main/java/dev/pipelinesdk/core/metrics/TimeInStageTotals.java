package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link TimeInStage#totalsAsOf}: per stage, in the definition's order, who entered
 * it and the total time deals spent in it. Immutable.
 *
 * <p>Every number here is also in the full {@link TimeInStageReport} and equal to it ({@link
 * TimeInStageReport#totals()}). Left out, because they need one sample per deal and stage: the
 * median and p90 of the deals' cumulative times. They are not zero, they are not computed; use
 * {@link TimeInStage#asOf} for them.
 *
 * @param pipeline the definition id
 * @param asOf the as-of instant
 * @param deals the deals counted (created at or before {@code asOf})
 * @param stages one row per stage of the definition, in declaration order
 */
public record TimeInStageTotals(String pipeline, Instant asOf, long deals, List<Row> stages) {

  /** Copies the rows. */
  public TimeInStageTotals {
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
   * @param entered the distinct deals that ever entered the stage (being created in it counts; a
   *     deal that skipped it did not enter it)
   * @param visits the entries into the stage, re-entries included
   * @param open the deals in the stage at {@code asOf}
   * @param cumulative the sum over deals of all time spent in the stage, the open visits up to
   *     {@code asOf} included; exact to the nanosecond
   */
  public record Row(StageId stage, String name, StageKind kind, long entered, long visits,
      long open, Duration cumulative) {

    /** Checks the row's references. */
    public Row {
      checkRow(stage, name, kind, cumulative);
    }

    /** {@return {@link #cumulative()} in days, exact to nine decimals} */
    public BigDecimal cumulativeDays() {
      return TimeInStageReport.days(cumulative);
    }
  }

  /** The references every time-in-stage row has (this one's and the full report's). */
  static void checkRow(StageId stage, String name, StageKind kind, Duration cumulative) {
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(cumulative, "cumulative is null");
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

  /** {@return one line per stage: entered, visits, open and cumulative days} */
  public String toTable() {
    TextTable t = new TextTable("Time in stage of " + pipeline + " as of " + asOf + ": " + deals
        + " deals (totals; no median or p90)", "stage", "entered", "visits", "open",
        "cumulative days");
    for (Row r : stages) {
      t.row(r.name(), r.entered(), r.visits(), r.open(),
          TextTable.days(r.cumulativeDays()));
    }
    return t.render();
  }

  @Override
  public String toString() {
    return toTable();
  }
}
