package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link TimeInStage#asOf}: per stage, in the definition's order, who entered it and
 * how long deals spent in it, with the median and p90 of the deals' times. Immutable. {@link
 * #totals()} is the part {@link TimeInStage#totalsAsOf} computes without per-deal samples.
 *
 * @param pipeline the definition id
 * @param asOf the as-of instant
 * @param deals the deals counted (created at or before {@code asOf})
 * @param stages one row per stage of the definition, in declaration order
 */
public record TimeInStageReport(String pipeline, Instant asOf, long deals, List<Row> stages) {

  private static final BigDecimal NANOS_PER_DAY = BigDecimal.valueOf(86_400_000_000_000L);

  /** Copies the rows. */
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
   * @param entered the distinct deals that ever entered the stage (being created in it counts; a
   *     deal that skipped it did not enter it)
   * @param visits the entries into the stage, re-entries included
   * @param open the deals in the stage at {@code asOf}
   * @param cumulative the sum over deals of all time spent in the stage, the open visits up to
   *     {@code asOf} included
   * @param medianLowNanos of the entering deals' cumulative times (nanoseconds), the lower middle
   *     value; 0 if none entered
   * @param medianHighNanos the upper middle value (equal to the lower one for an odd count)
   * @param p90Nanos the 90th percentile (nearest rank) of the entering deals' cumulative times
   */
  public record Row(StageId stage, String name, StageKind kind, long entered, long visits,
      long open, Duration cumulative, long medianLowNanos, long medianHighNanos, long p90Nanos) {

    /** Checks the row's references. */
    public Row {
      TimeInStageTotals.checkRow(stage, name, kind, cumulative);
    }

    /** {@return {@link #cumulative()} in days, exact to nine decimals} */
    public BigDecimal cumulativeDays() {
      return days(cumulative);
    }

    /**
     * The median of the per-deal cumulative times, in days exact to nine decimals (the mean of
     * the two middle values for an even count).
     *
     * @return the median, or empty if no deal entered the stage
     */
    public Optional<BigDecimal> medianDays() {
      if (entered == 0) {
        return Optional.empty();
      }
      return Optional.of(days(BigDecimal.valueOf(medianLowNanos)
          .add(BigDecimal.valueOf(medianHighNanos)).divide(BigDecimal.valueOf(2))));
    }

    /**
     * The 90th percentile of the per-deal cumulative times (nearest rank), in days.
     *
     * @return the p90, or empty if no deal entered the stage
     */
    public Optional<BigDecimal> p90Days() {
      return entered == 0 ? Optional.empty() : Optional.of(days(BigDecimal.valueOf(p90Nanos)));
    }
  }

  /** {@return a duration in days, exact to nine decimals} */
  static BigDecimal days(Duration d) {
    return days(BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(d.getNano())));
  }

  private static BigDecimal days(BigDecimal nanos) {
    BigDecimal d = nanos.divide(NANOS_PER_DAY, 9, RoundingMode.HALF_EVEN);
    return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
  }

  /**
   * The counts and sums of this report without the per-deal quantiles: equal to what {@link
   * TimeInStage#totalsAsOf} computes over the same deals.
   *
   * @return the totals
   */
  public TimeInStageTotals totals() {
    return new TimeInStageTotals(pipeline, asOf, deals, stages.stream().map(r ->
        new TimeInStageTotals.Row(r.stage(), r.name(), r.kind(), r.entered(), r.visits(),
            r.open(), r.cumulative())).collect(java.util.stream.Collectors.toList()));
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

  /** {@return one line per stage: entered, visits, open, cumulative, median and p90 days} */
  public String toTable() {
    TextTable t = new TextTable("Time in stage of " + pipeline + " as of " + asOf + ": " + deals
        + " deals", "stage", "entered", "visits", "open", "cumulative days", "median days",
        "p90 days");
    for (Row r : stages) {
      t.row(r.name(), r.entered(), r.visits(), r.open(),
          TextTable.days(r.cumulativeDays()),
          r.medianDays().map(TextTable::days).orElse("-"),
          r.p90Days().map(TextTable::days).orElse("-"));
    }
    return t.render();
  }

  @Override
  public String toString() {
    return toTable();
  }
}
