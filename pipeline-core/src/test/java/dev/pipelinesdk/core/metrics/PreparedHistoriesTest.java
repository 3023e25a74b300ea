package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.InvalidHistoryException;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prepared histories and the columnar path of {@link TimeInStage}: the same numbers as over the
 * histories, for any as-of cut and any split of the deals.
 */
class PreparedHistoriesTest {
  private static final PipelineDefinition FREE = RandomHistories.FREE;

  /** An as-of instant from 0 to 120 days, with nanoseconds: cuts histories anywhere. */
  private static Instant asOf(int day, int nanos) {
    return day(day).plusNanos(nanos);
  }

  @Test
  void timeInStageOverPreparedHistoriesEqualsOverTheHistories() {
    qt().withExamples(80).forAll(longs().all(), integers().between(0, 60),
        integers().between(0, 120), booleans().all())
        .checkAssert((seed, count, asOfDay, nanos) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count, nanos);
          // With nanoseconds in the events, the as-of instant has some too.
          Instant asOf = asOf(asOfDay, nanos ? (int) Math.floorMod(seed, 1_000_000_000L) : 0);
          PreparedHistories entries = PreparedHistories.stageEntriesOnly(FREE, all);
          PreparedHistories kept = PreparedHistories.of(FREE, all);
          Metric<TimeInStageReport> full = Metrics.timeInStage(FREE, asOf);
          Metric<TimeInStageReport> totals = Metrics.timeInStageTotals(FREE, asOf);

          TimeInStageReport expected = Metrics.compute(full, all);
          TimeInStageReport expectedTotals = expected.withoutQuantiles();
          assertThat(Metrics.compute(totals, all)).isEqualTo(expectedTotals);
          for (PreparedHistories p : List.of(entries, kept)) {
            assertThat(Metrics.compute(full, p)).isEqualTo(expected);
            assertThat(Metrics.computeParallel(full, p)).isEqualTo(expected);
            assertThat(Metrics.compute(totals, p)).isEqualTo(expectedTotals);
            assertThat(Metrics.computeParallel(totals, p)).isEqualTo(expectedTotals);
          }
          // per deal, StageTimes (the third path) agrees with the aggregate
          for (DealHistory h : all) {
            if (h.created().at().isAfter(asOf)) {
              continue;
            }
            StageTimes times = StageTimes.of(FREE, h, asOf);
            assertThat(times.total()).isEqualTo(times.lifetime());
            TimeInStageReport one = Metrics.compute(totals, List.of(h));
            for (StageTimes.StageTime t : times.stages()) {
              assertThat(one.stage(t.stage()).cumulative()).isEqualTo(t.cumulative());
              assertThat(one.stage(t.stage()).visits()).isEqualTo(t.visits());
              assertThat(one.stage(t.stage()).open()).isEqualTo(t.current() ? 1 : 0);
            }
          }
        });
  }

  @Test
  void totalsMergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(Metrics.timeInStageTotals(FREE, day(45)));
    MergeProperties.check(Metrics.timeInStage(FREE, day(45)));
  }

  @Test
  void metricsThatReadWholeHistoriesRunOnKeptHistoriesAndAreRefusedOnEntriesOnly() {
    List<DealHistory> all = RandomHistories.generate(7, 40);
    Metric<FunnelReport> funnel = Metrics.funnel(FREE).build();
    assertThat(Metrics.compute(funnel, PreparedHistories.of(FREE, all)))
        .isEqualTo(Metrics.compute(funnel, all));
    assertThat(Metrics.computeParallel(funnel, PreparedHistories.of(FREE, all)))
        .isEqualTo(Metrics.compute(funnel, all));
    PreparedHistories entries = PreparedHistories.stageEntriesOnly(FREE, all);
    assertThat(entries.histories()).isEmpty();
    assertThat(entries).hasToString("PreparedHistories[free, 40 deals, " + entries.stageEntries()
        + " stage entries, entries only]");
    assertThatThrownBy(() -> Metrics.compute(funnel, entries))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reads whole histories")
        .hasMessageContaining("PreparedHistories.of(definition, histories)");
  }

  @Test
  void nanosecondsAreKeptExactly() {
    // a: 0d .. 1d + 1ns, b: 1d + 1ns .. asOf = 2d + 999_999_999ns.
    Driver x = new Driver(FREE);
    DealHistory h = x.create(0, "n1", "100", LeadSource.warm("web"));
    x.clock.setDay(1);
    x.clock.advance(Duration.ofNanos(1));
    h = x.pipeline.execute(h, new dev.pipelinesdk.core.engine.Command.MoveTo(StageId.of("b")),
        dev.pipelinesdk.core.engine.Request.by("ana")).appendTo(h);
    Instant asOf = day(2).plusNanos(999_999_999);
    PreparedHistories p = PreparedHistories.stageEntriesOnly(FREE, List.of(h));
    assertThat(p.stageEntries()).isEqualTo(2);
    TimeInStageReport t = Metrics.compute(Metrics.timeInStageTotals(FREE, asOf), p);
    assertThat(t.stage(StageId.of("a")).cumulative())
        .isEqualTo(Duration.ofDays(1).plusNanos(1));
    assertThat(t.stage(StageId.of("b")).cumulative())
        .isEqualTo(Duration.ofDays(1).plusNanos(999_999_998));
    TimeInStageReport r = Metrics.compute(Metrics.timeInStage(FREE, asOf), p);
    assertThat(r.stage(StageId.of("b")).median()).contains(
        Duration.ofDays(1).plusNanos(999_999_998));
  }

  @Test
  void asOfCutsInsideHistoriesAndBeforeCreation() {
    // one: a 0..2d, b 2d..5d, a 5d.. ; two: created at 4.5d. As of 4d: two is not counted, the
    // move back to a at 5d is ignored, one is in b.
    Driver x = new Driver(FREE);
    DealHistory one = x.move(x.move(x.create(0, "one", "100", LeadSource.warm("web")), 2, "b"),
        5, "a");
    DealHistory two = x.create(4.5, "two", "100", LeadSource.warm("web"));
    PreparedHistories log = PreparedHistories.stageEntriesOnly(FREE, List.of(one, two));
    TimeInStageReport t = Metrics.compute(Metrics.timeInStageTotals(FREE, day(4)), log);
    assertThat(t.deals()).isEqualTo(1);
    assertRow(t, "a", 1, 1, 0, Duration.ofDays(2));
    assertRow(t, "b", 1, 1, 1, Duration.ofDays(2));
    // As of the instant of the move back, 5d: the move counts, with no time in a yet; two
    // (created at 4.5d in a) is counted now: a = one 2d + two 0.5d.
    TimeInStageReport at5 = Metrics.compute(Metrics.timeInStageTotals(FREE, day(5)), log);
    assertThat(at5.deals()).isEqualTo(2);
    assertRow(at5, "a", 2, 3, 2, Duration.ofHours(60));
    assertRow(at5, "b", 1, 1, 0, Duration.ofDays(3));
  }

  /** Asserts an open stage's row of FREE (stage "x" is named "X"). */
  private static void assertRow(TimeInStageReport t, String stage, long entered, long visits,
      long open, Duration cumulative) {
    assertThat(t.stage(StageId.of(stage))).isEqualTo(new TimeInStageReport.Row(
        StageId.of(stage), stage.toUpperCase(java.util.Locale.ROOT), StageKind.OPEN, entered,
        visits, open, cumulative, java.util.Optional.empty(), java.util.Optional.empty()));
  }

  @Test
  void emptyPreparedHistories() {
    PreparedHistories empty = PreparedHistories.of(FREE, List.of());
    assertThat(empty.deals()).isZero();
    assertThat(empty.stageEntries()).isZero();
    assertThat(empty).hasToString("PreparedHistories[free, 0 deals, 0 stage entries]");
    TimeInStageReport r = Metrics.compute(Metrics.timeInStage(FREE, day(10)), empty);
    assertThat(r).isEqualTo(Metrics.compute(Metrics.timeInStage(FREE, day(10)), List.of()));
    assertThat(Metrics.computeParallel(Metrics.timeInStage(FREE, day(10)), empty)).isEqualTo(r);
    assertThat(r.deals()).isZero();
    for (TimeInStageReport.Row row : r.stages()) {
      assertThat(row.reached()).isZero();
      assertThat(row.median()).isEmpty();
      assertThat(row.p90()).isEmpty();
    }
    TimeInStageReport t = Metrics.computeParallel(Metrics.timeInStageTotals(FREE, day(10)), empty);
    assertThat(t).isEqualTo(r.withoutQuantiles());
  }

  @Test
  void manyDealsRunInParallelWithTheSameResult() {
    // Enough deals for computeParallel to split into many ranges.
    List<DealHistory> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.addAll(RandomHistories.generate(i, 4_000, true));
    }
    PreparedHistories p = PreparedHistories.stageEntriesOnly(FREE, all);
    for (Instant asOf : List.of(day(30), day(200))) {
      TimeInStageReport expected = Metrics.compute(Metrics.timeInStage(FREE, asOf), all);
      assertThat(Metrics.computeParallel(Metrics.timeInStage(FREE, asOf), p)).isEqualTo(expected);
      assertThat(Metrics.computeParallel(Metrics.timeInStageTotals(FREE, asOf), p))
          .isEqualTo(expected.withoutQuantiles());
    }
  }

  /** A pipeline sharing a, b with FREE but with a stage x FREE does not have. */
  private static PipelineDefinition withX() {
    return PipelineDefinition.builder("other").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.3)).stage(Stage.open("x", "X", 0.5))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .path("a", "b", "x", "won").fromEveryOpenStage("lost").build();
  }

  @Test
  void aHistoryThatDoesNotFitIsRefusedNamingTheDealTheEventAndTheStage() {
    Driver other = new Driver(withX());
    DealHistory fine = other.move(other.create(0, "fine", "100", LeadSource.warm("web")), 1, "b");
    DealHistory bad = other.move(other.move(other.create(0, "D-7", "100",
        LeadSource.warm("web")), 1, "b"), 2, "x");
    assertThatThrownBy(() -> PreparedHistories.of(FREE, List.of(fine, bad)))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessageContaining("D-7").hasMessageContaining("event 2")
        .hasMessageContaining("'x'");
    Metric.Accumulator<TimeInStageReport> acc = Metrics.timeInStageTotals(FREE, day(9))
        .newAccumulator();
    acc.add(fine);
    assertThatThrownBy(() -> acc.add(bad)).isInstanceOf(InvalidHistoryException.class)
        .hasMessageContaining("D-7");
    assertThat(acc.result()).isEqualTo(Metrics.compute(Metrics.timeInStageTotals(FREE, day(9)),
        List.of(fine)));
    // An unknown first stage too.
    DealHistory saas = Driver.saas().create(0, "S-1", "100", LeadSource.warm("web"));
    assertThatThrownBy(() -> PreparedHistories.stageEntriesOnly(FREE, List.of(saas)))
        .isInstanceOf(InvalidHistoryException.class)
        .hasMessageContaining("S-1").hasMessageContaining("event 0")
        .hasMessageContaining("'prospecting'");
  }

  @Test
  void preparedHistoriesOfAnotherPipelineAreRefused() {
    PreparedHistories p = PreparedHistories.of(withX(), List.of());
    Metric<TimeInStageReport> m = Metrics.timeInStageTotals(FREE, day(1));
    assertThatThrownBy(() -> Metrics.compute(m, p))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("the metric reads pipeline 'free' with stages [a, b, c, d, won, lost,"
            + " dormant]; the prepared histories are of pipeline 'other' with stages"
            + " [a, b, x, won, lost]");
    // Another instance with the same stages reads the positions the same way: accepted.
    PreparedHistories same = PreparedHistories.of(Driver.free(), RandomHistories.generate(1, 10));
    assertThat(Metrics.compute(m, same))
        .isEqualTo(Metrics.compute(m, RandomHistories.generate(1, 10)));
  }

  @Test
  void nullsAreRefused() {
    List<DealHistory> withNull = new ArrayList<>(RandomHistories.generate(1, 2));
    withNull.add(null);
    PreparedHistories p = PreparedHistories.of(FREE, RandomHistories.generate(1, 2));
    Metric<TimeInStageReport> m = Metrics.timeInStageTotals(FREE, day(1));
    thrown(() -> PreparedHistories.of(null, List.of()), NullPointerException.class,
        "definition is null");
    thrown(() -> PreparedHistories.of(FREE, null), NullPointerException.class,
        "histories is null");
    thrown(() -> PreparedHistories.of(FREE, withNull), NullPointerException.class,
        "history 2 is null");
    thrown(() -> Metrics.compute(m, withNull), NullPointerException.class, "history 2 is null");
    thrown(() -> Metrics.compute((Metric<?>) null, p), NullPointerException.class,
        "metric is null");
    thrown(() -> Metrics.compute(m, (PreparedHistories) null), NullPointerException.class,
        "prepared is null");
    thrown(() -> Metrics.computeParallel(null, p), NullPointerException.class,
        "metric is null");
    thrown(() -> Metrics.computeParallel(m, null), NullPointerException.class,
        "prepared is null");
    thrown(() -> Metrics.timeInStageTotals(null, day(1)), NullPointerException.class,
        "definition is null");
    thrown(() -> Metrics.timeInStageTotals(FREE, null), NullPointerException.class, "asOf is null");
  }

  @Test
  void accumulatorsOfDifferentMetricsDoNotMerge() {
    Metric.Accumulator<TimeInStageReport> a = Metrics.timeInStageTotals(FREE, day(1))
        .newAccumulator();
    Metric.Accumulator<TimeInStageReport> b = Metrics.timeInStageTotals(FREE, day(2))
        .newAccumulator();
    assertThatThrownBy(() -> a.merge(b)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another metric");
  }

  private static void thrown(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call).isExactlyInstanceOf(type).hasMessage(message);
  }

  private static PipelineDefinition openStages(int n) {
    PipelineDefinition.Builder b = PipelineDefinition.builder("huge");
    String[] path = new String[n + 1];
    for (int i = 0; i < n; i++) {
      b.stage(Stage.open("s" + i, "S" + i, 0.5));
      path[i] = "s" + i;
    }
    path[n] = "won";
    return b.stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost")).path(path)
        .transition("s0", "s" + (n - 1)).fromEveryOpenStage("lost").build();
  }

  @Test
  void stagePositionsAboveAByteAreReadUnsignedAndTooManyStagesAreRefused() {
    PipelineDefinition big = openStages(254); // 256 stages with won and lost
    Driver x = new Driver(big);
    DealHistory h = x.move(x.create(0, "far", "100", LeadSource.warm("web")), 1, "s253");
    h = x.lose(h, 2);
    PreparedHistories p = PreparedHistories.stageEntriesOnly(big, List.of(h));
    assertThat(Metrics.compute(Metrics.timeInStage(big, day(3)), p))
        .isEqualTo(Metrics.compute(Metrics.timeInStage(big, day(3)), List.of(h)));
    PipelineDefinition huge = openStages(255);
    thrown(() -> PreparedHistories.of(huge, List.of()), IllegalArgumentException.class,
        "prepared histories hold at most 256 stages; pipeline 'huge' has 257");
  }
}
