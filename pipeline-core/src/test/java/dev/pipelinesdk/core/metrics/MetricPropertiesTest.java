package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Property tests over random histories: merge contract and consistency of counts. */
class MetricPropertiesTest {
  private static final dev.pipelinesdk.core.PipelineDefinition FREE = RandomHistories.FREE;

  @Test
  void funnelMergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(Metrics.funnel(FREE).createdBetween(day(10), day(50)).build());
    MergeProperties.check(Metrics.funnel(FREE).asOf(day(40)).by(FunnelBreakdown.byLeadSource()));
  }

  @Test
  void snapshotMergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(Metrics.snapshot(FREE, day(45))
        .probabilities((d, h, at) -> d.amount().isPresent() ? OptionalDouble.of(0.33)
            : OptionalDouble.empty()).build());
  }

  @Test
  void funnelCountsAreConsistent() {
    qt().withExamples(60).forAll(longs().all(), integers().between(0, 80), integers().between(0, 120))
        .checkAssert((seed, count, asOf) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count);
          FunnelReport r = Metrics.compute(Metrics.funnel(FREE).asOf(day(asOf)).build(), all);
          long previous = r.cohortSize();
          long accounted = r.won();
          for (FunnelReport.Row s : r.stages()) {
            assertThat(s.passed()).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(s.reached());
            assertThat(s.reached()).isLessThanOrEqualTo(r.cohortSize());
            assertThat(s.lost() + s.wentDark() + s.stuck()).isLessThanOrEqualTo(s.reached());
            previous = s.passed();
            accounted += s.lost() + s.wentDark() + s.stuck();
          }
          assertThat(r.won()).isLessThanOrEqualTo(previous);
          // Every deal of the free pipeline starts in an open stage.
          assertThat(accounted).isEqualTo(r.cohortSize());
          if (!r.stages().isEmpty()) {
            assertThat(r.stages().get(0).passed()).isEqualTo(r.cohortSize());
          }
        });
  }
}
