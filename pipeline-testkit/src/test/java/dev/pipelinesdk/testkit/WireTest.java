package dev.pipelinesdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value through the wire and back; a value that cannot travel is named. */
class WireTest {
  @Test
  void aBuiltInAccumulatorTravelsAndMergesIntoANewOne() {
    Metric<TimeInStageReport> metric = Metrics.timeInStage(
        PipelineTemplates.definition("saas-b2b"), Instant.parse("2026-06-01T00:00:00Z"));
    Metric.Accumulator<TimeInStageReport> empty = metric.newAccumulator();
    Object received = Wire.roundTrip((Serializable) empty);
    assertThat(received).isNotSameAs(empty);
    @SuppressWarnings("unchecked")
    Metric.Accumulator<TimeInStageReport> typed = (Metric.Accumulator<TimeInStageReport>) received;
    assertThat(metric.newAccumulator().merge(typed).result())
        .isEqualTo(Metrics.compute(metric, List.of()));
  }

  /** Serializable, but holds something that is not. */
  static final class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    final Object held = new Object();
  }

  @Test
  void aValueHoldingSomethingThatCannotTravelIsNamed() {
    assertThatThrownBy(() -> Wire.roundTrip(new Holder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Holder.class.getName() + " cannot travel: it holds a java.lang.Object,"
            + " which is not Serializable");
  }
}
