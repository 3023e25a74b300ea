package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregate of time in stage: merge contract, and agreement with each deal's StageTimes. */
class TimeInStageTest {
  private static final dev.pipelinesdk.core.PipelineDefinition FREE = RandomHistories.FREE;

  @Test
  void mergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(Metrics.timeInStage(FREE, day(45)));
  }

  @Test
  void agreesWithEveryDealsStageTimes() {
    qt().withExamples(60).forAll(longs().all(), integers().between(0, 60),
        integers().between(0, 120)).checkAssert((seed, count, asOfDay) -> {
          Instant asOf = day(asOfDay);
          List<DealHistory> all = RandomHistories.generate(seed, count);
          TimeInStageReport report = Metrics.compute(Metrics.timeInStage(FREE, asOf), all);

          Map<StageId, List<Long>> perDeal = new HashMap<>();
          Map<StageId, Long> open = new HashMap<>();
          Map<StageId, Long> visits = new HashMap<>();
          long deals = 0;
          for (DealHistory h : all) {
            if (h.created().at().isAfter(asOf)) {
              continue;
            }
            deals++;
            for (StageTimes.StageTime t : StageTimes.of(FREE, h, asOf).stages()) {
              perDeal.computeIfAbsent(t.stage(), s -> new ArrayList<>())
                  .add(t.cumulative().toNanos());
              visits.merge(t.stage(), (long) t.visits(), Long::sum);
              if (t.current()) {
                open.merge(t.stage(), 1L, Long::sum);
              }
            }
          }
          assertThat(report.deals()).isEqualTo(deals);
          for (Stage s : FREE.stages()) {
            TimeInStageReport.Row row = report.stage(s.id());
            long[] expected = perDeal.getOrDefault(s.id(), List.of()).stream()
                .mapToLong(Long::longValue).sorted().toArray();
            assertThat(row.reached()).isEqualTo(expected.length);
            int n = expected.length;
            if (n > 0) {
              assertThat(row.median()).contains(Duration.ofNanos(type7(expected, 50)));
              assertThat(row.p90()).contains(Duration.ofNanos(type7(expected, 90)));
            } else {
              assertThat(row.median()).isEmpty();
              assertThat(row.p90()).isEmpty();
            }
            assertThat(row.cumulative().toNanos()).isEqualTo(
                java.util.Arrays.stream(expected).sum());
            assertThat(row.open()).isEqualTo(open.getOrDefault(s.id(), 0L));
            assertThat(row.visits()).isEqualTo(visits.getOrDefault(s.id(), 0L));
          }
        });
  }

  @Test
  void handComputedMedianAndSums() {
    // Deal 1: a 0..2d, b 2d..5d, a 5d..6d, b 6d..asOf(10d): a = 3d, b = 7d.
    // Deal 2: a 1d..2d, b 2d..asOf: a = 1d, b = 8d. Deal 3 is created after asOf.
    Driver d = new Driver(FREE);
    DealHistory one = d.create(0, "one", "100", dev.pipelinesdk.core.LeadSource.warm("web"));
    one = d.move(d.move(d.move(one, 2, "b"), 5, "a"), 6, "b");
    DealHistory two = d.move(d.create(1, "two", "100", dev.pipelinesdk.core.LeadSource.warm("web")),
        2, "b");
    DealHistory three = d.create(11, "three", "100", dev.pipelinesdk.core.LeadSource.warm("web"));
    TimeInStageReport r = Metrics.compute(Metrics.timeInStage(FREE, day(10)),
        List.of(one, two, three));
    assertThat(r.deals()).isEqualTo(2);
    TimeInStageReport.Row a = r.stage(StageId.of("a"));
    assertThat(a.reached()).isEqualTo(2);
    assertThat(a.visits()).isEqualTo(3);
    assertThat(a.open()).isZero();
    assertThat(a.cumulative()).isEqualTo(Duration.ofDays(4));
    assertThat(a.median()).contains(Duration.ofDays(2)); // mean of 1 and 3
    TimeInStageReport.Row b = r.stage(StageId.of("b"));
    assertThat(b.open()).isEqualTo(2);
    assertThat(b.cumulative()).isEqualTo(Duration.ofDays(15));
    assertThat(b.median()).contains(Duration.ofHours(180)); // 7.5 days
    assertThat(b.p90()).contains(Duration.ofMinutes((long) (7.9 * 1440))); // 7 + 0.9 * (8 - 7)
    assertThat(r.stage(StageId.of("c")).median()).isEmpty();
  }

  /** R's type 7 on sorted values, written out independently: x[j] + g (x[j+1] - x[j]). */
  private static long type7(long[] sorted, int percent) {
    java.math.BigDecimal h = java.math.BigDecimal.valueOf(percent)
        .multiply(java.math.BigDecimal.valueOf(sorted.length - 1))
        .divide(java.math.BigDecimal.valueOf(100));
    int j = h.intValue();
    java.math.BigDecimal g = h.subtract(java.math.BigDecimal.valueOf(j));
    long next = sorted[Math.min(j + 1, sorted.length - 1)];
    return java.math.BigDecimal.valueOf(next - sorted[j]).multiply(g)
        .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact() + sorted[j];
  }
}
