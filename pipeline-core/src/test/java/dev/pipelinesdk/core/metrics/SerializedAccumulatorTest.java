package dev.pipelinesdk.core.metrics;

import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The built-in accumulators cross the wire (Java serialization, as a distributed engine ships a
 * partial result): each part's accumulator written and read back, merged into a new accumulator
 * of the metric, gives exactly the sequential result.
 */
class SerializedAccumulatorTest {
  private static final PipelineDefinition FREE = RandomHistories.FREE;

  static Stream<Metric<?>> metrics() {
    return Stream.of(
        Metrics.funnel(FREE).createdBetween(day(10), day(50)).build(),
        Metrics.funnel(FREE).asOf(day(40)).by(FunnelBreakdown.byLeadSource()),
        Metrics.snapshot(FREE, day(45)).target(Money.of("20000", "EUR"))
            .probabilities((d, h, at) -> d.amount().isPresent() ? OptionalDouble.of(0.33)
                : OptionalDouble.empty()).build(),
        Metrics.timeInStage(FREE, day(45)),
        Metrics.timeInStageTotals(FREE, day(45)),
        Metrics.flow(FREE, day(70)),
        Metrics.movements(FREE, day(20), day(50)),
        Metrics.leaks(FREE).cohort(day(20), day(60)).baseline(day(0), day(20)).minimumDeals(3)
            .build());
  }

  @ParameterizedTest
  @MethodSource("metrics")
  <R> void aReceivedAccumulatorMergedIntoANewOneGivesTheSequentialResult(Metric<R> metric) {
    List<DealHistory> all = RandomHistories.generate(16, 120);
    R sequential = Metrics.compute(metric, all);
    // 120 deals in three parts, each written and read back before the merge
    Metric.Accumulator<R> merged = metric.newAccumulator();
    for (List<DealHistory> part : List.of(all.subList(0, 50), all.subList(50, 51),
        all.subList(51, 120))) {
      Metric.Accumulator<R> acc = metric.newAccumulator();
      part.forEach(acc::add);
      merged.merge(roundTrip(acc));
    }
    assertThat(merged.result()).isEqualTo(sequential);
    // an empty accumulator travels too
    assertThat(metric.newAccumulator().merge(roundTrip(metric.newAccumulator())).result())
        .isEqualTo(Metrics.compute(metric, List.of()));
  }

  @Test
  void aReceivedAccumulatorOnlyMergesIntoOneOfItsMetric() {
    Metric<TimeInStageReport> metric = Metrics.timeInStage(FREE, day(45));
    Metric.Accumulator<TimeInStageReport> received = roundTrip(metric.newAccumulator());
    DealHistory history = RandomHistories.generate(1, 1).get(0);

    assertThatThrownBy(() -> received.add(history)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot add to a received accumulator of")
        .hasMessageContaining("time in stage of free as of")
        .hasMessageContaining("metric.newAccumulator().merge(received)");
    assertThatThrownBy(received::result).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot compute the result of a received accumulator");
    assertThatThrownBy(() -> received.merge(metric.newAccumulator()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot merge into a received accumulator");
    // another as-of instant is another metric, even of the same kind and pipeline
    Metric<TimeInStageReport> later = Metrics.timeInStage(FREE, day(46));
    assertThatThrownBy(() -> later.newAccumulator().merge(received))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot merge an accumulator of another metric");
    // a metric built again with the same settings (as on another worker) accepts it
    assertThat(Metrics.timeInStage(FREE, day(45)).newAccumulator().merge(received).result())
        .isEqualTo(Metrics.compute(metric, List.of()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(
          new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
