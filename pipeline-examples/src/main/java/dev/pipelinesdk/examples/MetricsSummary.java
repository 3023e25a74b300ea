package dev.pipelinesdk.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.FlowReport;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The numbers of the {@code pipeline metrics --json} contract, which other tools read. Immutable.
 *
 * <p>Semantics, as of an instant (events at or before it count; deals created after it do not
 * exist yet):
 *
 * <ul>
 *   <li>{@code won}, {@code lost}: deals whose stage at {@code asOf} is the won / lost stage;
 *       {@code winRate} is {@code won / (won + lost)}, absent when both are zero.
 *   <li>Per open stage in funnel order: {@code reached}, the distinct deals that ever entered the
 *       stage (being created in it counts); {@code open}, the deals in it at {@code asOf}; {@code
 *       cumulativeDays}, the sum over deals of all time spent in it, re-entries and the open visit
 *       up to {@code asOf} included; {@code medianDays}, the median over the deals that reached
 *       it of each deal's cumulative days in it (the library's one quantile definition, linear
 *       interpolation between closest ranks: the mean of the two middle values for an even
 *       count), absent when no deal reached it.
 * </ul>
 *
 * <p>Days are decimal, exact to the nanosecond and rounded to 9 decimals.
 *
 * @param pipeline the pipeline definition id
 * @param asOf the instant
 * @param deals deals created at or before {@code asOf}
 * @param won deals in a won stage at {@code asOf}
 * @param lost deals in a lost stage at {@code asOf}
 * @param dormant deals in a dormant stage at {@code asOf}
 * @param open deals in an open stage at {@code asOf}
 * @param winRate {@code won / (won + lost)}; empty if both are zero
 * @param stages the open stages in funnel order
 */
public record MetricsSummary(String pipeline, Instant asOf, long deals, long won, long lost,
    long dormant, long open, OptionalDouble winRate, List<StageRow> stages) {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  /**
   * One open stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param reached distinct deals that ever entered it
   * @param open deals in it at {@code asOf}
   * @param cumulativeDays the sum over deals of every visit, the open one up to {@code asOf}
   * @param medianDays the median of the per-deal cumulative days of the deals that reached it
   */
  public record StageRow(StageId stage, String name, long reached, long open,
      BigDecimal cumulativeDays, Optional<BigDecimal> medianDays) {}

  /**
   * Creates the value.
   *
   * @param pipeline the pipeline definition id
   * @param asOf the instant
   * @param deals deals created at or before {@code asOf}
   * @param won deals in a won stage at {@code asOf}
   * @param lost deals in a lost stage at {@code asOf}
   * @param dormant deals in a dormant stage at {@code asOf}
   * @param open deals in an open stage at {@code asOf}
   * @param winRate {@code won / (won + lost)}; empty if both are zero
   * @param stages the open stages in funnel order
   * @throws NullPointerException if {@code pipeline} or {@code asOf} is null
   */
  public MetricsSummary {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(asOf, "asOf is null");
    stages = List.copyOf(stages);
  }

  /**
   * Computes the numbers.
   *
   * @param definition the pipeline definition
   * @param histories the deal histories
   * @param asOf the instant
   * @return the numbers
   * @throws IllegalArgumentException if a history names a stage the definition does not have
   */
  public static MetricsSummary compute(PipelineDefinition definition,
      List<DealHistory> histories, Instant asOf) {
    List<DealHistory> existing = histories.stream()
        .filter(h -> !h.events().get(0).at().isAfter(asOf)).toList();
    // won, lost, winRate and open per stage mean exactly what the core's flow report means.
    FlowReport stats = Metrics.compute(Metrics.flow(definition, asOf), existing);
    // reached, cumulativeDays and medianDays are core's time in stage: the deals that entered
    // the stage (not the funnel's "passed", where a deal that skipped past it counts) and every
    // visit up to asOf (not the flow report's dwell, which leaves out open visits).
    TimeInStageReport times = Metrics.compute(Metrics.timeInStage(definition, asOf), existing);
    long dormant = times.stages().stream().filter(r -> r.kind() == StageKind.DORMANT)
        .mapToLong(TimeInStageReport.Row::open).sum();
    List<StageRow> rows = new ArrayList<>();
    for (Stage s : definition.openStages()) {
      TimeInStageReport.Row r = times.stage(s.id());
      rows.add(new StageRow(s.id(), s.name(), r.reached(), stats.stage(s.id()).open(),
          days(r.cumulative()), r.median().map(MetricsSummary::days)));
    }
    return new MetricsSummary(definition.id(), asOf, existing.size(), stats.won(), stats.lost(),
        dormant, stats.open(), stats.winRate(), rows);
  }

  /** {@return a duration in days, exact to nine decimals, trailing zeros stripped} */
  static BigDecimal days(Duration d) {
    BigDecimal nanos = BigDecimal.valueOf(d.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
        .add(BigDecimal.valueOf(d.getNano()));
    BigDecimal days = nanos.divide(BigDecimal.valueOf(86_400_000_000_000L), 9,
        RoundingMode.HALF_EVEN);
    return days.signum() == 0 ? BigDecimal.ZERO : days.stripTrailingZeros();
  }

  /** {@return the contract's JSON object, indented} */
  public String toJson() {
    return toJson(Map.of());
  }

  /**
   * The contract's JSON object with more fields after the contract's own, such as what was read.
   *
   * @param more field name to value (maps, lists, strings, numbers), in order
   * @return the JSON object, indented
   */
  public String toJson(Map<String, ?> more) {
    ObjectNode root = JSON.createObjectNode();
    root.put("asOf", asOf.toString());
    root.put("won", won);
    root.put("lost", lost);
    if (winRate.isEmpty()) {
      root.putNull("winRate");
    } else {
      root.put("winRate", winRate.getAsDouble());
    }
    root.put("pipeline", pipeline);
    root.put("deals", deals);
    root.put("open", open);
    root.put("dormant", dormant);
    ArrayNode array = root.putArray("stages");
    for (StageRow r : stages) {
      ObjectNode o = array.addObject();
      o.put("stage", r.stage().value());
      o.put("reached", r.reached());
      o.put("open", r.open());
      o.put("cumulativeDays", r.cumulativeDays());
      if (r.medianDays().isPresent()) {
        o.put("medianDays", r.medianDays().get());
      } else {
        o.putNull("medianDays");
      }
      o.put("name", r.name());
    }
    more.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the numbers as a plain-text table} */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("Pipeline %s as of %s: %d deals, %d won, %d lost, win rate %s, %d open,"
        + " %d gone dark%n", pipeline, asOf, deals, won, lost,
        winRate.isEmpty() ? "-" : String.format("%.1f%%", 100 * winRate.getAsDouble()), open,
        dormant));
    sb.append(String.format("  %-16s %8s %6s %16s %12s%n", "stage", "reached", "open",
        "cumulative days", "median days"));
    for (StageRow r : stages) {
      sb.append(String.format("  %-16s %8d %6d %16s %12s%n", r.name(), r.reached(), r.open(),
          r.cumulativeDays().setScale(1, RoundingMode.HALF_EVEN).toPlainString(),
          r.medianDays().map(m -> m.setScale(1, RoundingMode.HALF_EVEN).toPlainString())
              .orElse("-")));
    }
    return sb.toString();
  }
}
