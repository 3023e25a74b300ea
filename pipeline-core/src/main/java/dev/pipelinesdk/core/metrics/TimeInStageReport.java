package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link TimeInStage}: per stage, in the definition's order, who entered it and how
 * long deals spent in it. Immutable.
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
   * @param perDealNanos each entering deal's cumulative time in the stage, in nanoseconds,
   *     sorted ascending (one value per deal in {@link #entered()})
   */
  public record Row(StageId stage, String name, StageKind kind, long entered, long visits,
      long open, Duration cumulative, long[] perDealNanos) {

    /** Copies the samples. */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      perDealNanos = perDealNanos.clone();
    }

    /** {@return the sorted per-deal samples (a copy)} */
    @Override
    public long[] perDealNanos() {
      return perDealNanos.clone();
    }

    /** {@return {@link #cumulative()} in days, exact to nine decimals} */
    public BigDecimal cumulativeDays() {
      return days(BigDecimal.valueOf(cumulative.getSeconds()).multiply(BigDecimal.valueOf(
          1_000_000_000L)).add(BigDecimal.valueOf(cumulative.getNano())));
    }

    /**
     * The median of the per-deal cumulative times, in days exact to nine decimals (the mean of
     * the two middle values for an even count).
     *
     * @return the median, or empty if no deal entered the stage
     */
    public Optional<BigDecimal> medianDays() {
      int n = perDealNanos.length;
      if (n == 0) {
        return Optional.empty();
      }
      BigDecimal m = n % 2 == 1 ? BigDecimal.valueOf(perDealNanos[n / 2])
          : BigDecimal.valueOf(perDealNanos[n / 2 - 1])
              .add(BigDecimal.valueOf(perDealNanos[n / 2])).divide(BigDecimal.valueOf(2));
      return Optional.of(days(m));
    }

    /**
     * The 90th percentile of the per-deal cumulative times (nearest rank), in days.
     *
     * @return the p90, or empty if no deal entered the stage
     */
    public Optional<BigDecimal> p90Days() {
      int n = perDealNanos.length;
      if (n == 0) {
        return Optional.empty();
      }
      int rank = (int) Math.ceil(0.9 * n);
      return Optional.of(days(BigDecimal.valueOf(perDealNanos[Math.max(0, rank - 1)])));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Row)) {
        return false;
      }
      Row r = (Row) o;
      return stage.equals(r.stage) && name.equals(r.name) && kind == r.kind
          && entered == r.entered && visits == r.visits && open == r.open
          && cumulative.equals(r.cumulative) && Arrays.equals(perDealNanos, r.perDealNanos);
    }

    @Override
    public int hashCode() {
      return Objects.hash(stage, name, kind, entered, visits, open, cumulative)
          + 31 * Arrays.hashCode(perDealNanos);
    }

    @Override
    public String toString() {
      return "Row[" + stage + ", entered=" + entered + ", visits=" + visits + ", open=" + open
          + ", cumulative=" + cumulative + ", median days=" + medianDays().orElse(null) + "]";
    }
  }

  private static BigDecimal days(BigDecimal nanos) {
    BigDecimal d = nanos.divide(NANOS_PER_DAY, 9, RoundingMode.HALF_EVEN);
    return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
  }

  /**
   * One stage's row.
   *
   * @param stage the stage id
   * @return the row
   * @throws IllegalArgumentException if the definition has no such stage
   */
  public Row stage(StageId stage) {
    return stages.stream().filter(r -> r.stage().equals(stage)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("pipeline '" + pipeline + "' has no stage '" + stage
            + "'"));
  }

  /** {@return one line per stage: entered, visits, open, cumulative, median and p90 days} */
  public String toTable() {
    TextTable t = new TextTable("Time in stage of " + pipeline + " as of " + asOf + ": " + deals
        + " deals", "stage", "entered", "visits", "open", "cumulative days", "median days",
        "p90 days");
    for (Row r : stages) {
      t.row(r.name(), r.entered(), r.visits(), r.open(),
          r.cumulativeDays().setScale(1, RoundingMode.HALF_EVEN).toPlainString(),
          r.medianDays().map(m -> m.setScale(1, RoundingMode.HALF_EVEN).toPlainString())
              .orElse("-"),
          r.p90Days().map(m -> m.setScale(1, RoundingMode.HALF_EVEN).toPlainString())
              .orElse("-"));
    }
    return t.render();
  }

  @Override
  public String toString() {
    return toTable();
  }
}
