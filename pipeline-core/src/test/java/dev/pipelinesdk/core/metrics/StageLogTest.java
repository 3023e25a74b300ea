package dev.pipelinesdk.core.metrics;

import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
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
 * The stage log and the columnar path of {@link TimeInStage}: the same numbers as over the
 * histories, for any as-of cut and any split of the deals.
 */
class StageLogTest {
  private static final PipelineDefinition FREE = RandomHistories.FREE;

  /** An as-of instant from 0 to 120 days, with nanoseconds: cuts histories anywhere. */
  private static Instant asOf(int day, int nanos) {
    return day(day).plusNanos(nanos);
  }

  @Test
  void timeInStageOverTheLogEqualsOverTheHistories() {
    qt().withExamples(80).forAll(longs().all(), integers().between(0, 60),
        integers().between(0, 120), booleans().all())
        .checkAssert((seed, count, asOfDay, nanos) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count, nanos);
          // With nanoseconds in the events, the as-of instant has some too.
          Instant asOf = asOf(asOfDay, nanos ? (int) Math.floorMod(seed, 1_000_000_000L) : 0);
          StageLog log = StageLog.of(FREE, all);
          StageMetric<?, TimeInStageReport> full = TimeInStage.asOf(FREE, asOf);
          StageMetric<?, TimeInStageTotals> totals = TimeInStage.totalsAsOf(FREE, asOf);

          TimeInStageReport expected = Metrics.compute(full, all);
          assertThat(Metrics.compute(full, log)).isEqualTo(expected);
          assertThat(Metrics.computeParallel(full, log)).isEqualTo(expected);
          TimeInStageTotals expectedTotals = expected.totals();
          assertThat(Metrics.compute(totals, all)).isEqualTo(expectedTotals);
          assertThat(Metrics.compute(totals, log)).isEqualTo(expectedTotals);
          assertThat(Metrics.computeParallel(totals, log)).isEqualTo(expectedTotals);

          Random random = new Random(seed);
          assertThat(splitAndMerge(full, log, random)).isEqualTo(expected);
          assertThat(splitAndMerge(totals, log, random)).isEqualTo(expectedTotals);
          assertThat(mixed(full, all, log, random)).isEqualTo(expected);
          assertThat(mixed(totals, all, log, random)).isEqualTo(expectedTotals);
        });
  }

  /** Random cuts of the deals into 1 to 5 ranges, merged in a random tree shape. */
  private static <A, R> R splitAndMerge(StageMetric<A, R> metric, StageLog log, Random random) {
    int parts = 1 + random.nextInt(5);
    int[] cuts = new int[parts + 1];
    for (int i = 1; i < parts; i++) {
      cuts[i] = random.nextInt(log.deals() + 1);
    }
    cuts[parts] = log.deals();
    Arrays.sort(cuts);
    List<A> accs = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      A acc = metric.newAccumulator();
      metric.add(acc, log, cuts[i], cuts[i + 1]);
      accs.add(acc);
    }
    while (accs.size() > 1) {
      int i = random.nextInt(accs.size() - 1);
      accs.set(i, metric.merge(accs.get(i), accs.remove(i + 1)));
    }
    return metric.result(accs.get(0));
  }

  /** One accumulator fed from histories and log ranges, alternately. */
  private static <A, R> R mixed(StageMetric<A, R> metric, List<DealHistory> all, StageLog log,
      Random random) {
    A acc = metric.newAccumulator();
    int d = 0;
    while (d < all.size()) {
      int to = Math.min(all.size(), d + 1 + random.nextInt(5));
      if (random.nextBoolean()) {
        metric.add(acc, log, d, to);
      } else {
        all.subList(d, to).forEach(h -> metric.add(acc, h));
      }
      d = to;
    }
    return metric.result(acc);
  }

  @Test
  void totalsMergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(TimeInStage.totalsAsOf(FREE, day(45)));
  }

  @Test
  void theLogHoldsExactlyTheStageEntries() {
    qt().withExamples(40).forAll(longs().all(), integers().between(0, 40), booleans().all())
        .checkAssert((seed, count, nanos) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count, nanos);
          StageLog log = StageLog.of(FREE, all);
          assertThat(log.definition()).isSameAs(FREE);
          assertThat(log.deals()).isEqualTo(all.size());
          int entry = 0;
          for (int d = 0; d < all.size(); d++) {
            DealHistory h = all.get(d);
            assertThat(log.dealId(d)).isEqualTo(h.dealId());
            assertThat(log.firstEntry(d)).isEqualTo(entry);
            for (DealEvent e : h.events()) {
              StageId entered = e instanceof DealEvent.Created
                  ? ((DealEvent.Created) e).deal().stage()
                  : e instanceof DealEvent.StageChanged ? ((DealEvent.StageChanged) e).to() : null;
              if (entered == null) {
                continue;
              }
              assertThat(log.stage(entry)).isEqualTo(entered);
              assertThat(FREE.stages().get(log.stagePosition(entry)).id()).isEqualTo(entered);
              assertThat(log.enteredAt(entry)).isEqualTo(e.at());
              assertThat(log.enteredEpochSecond(entry)).isEqualTo(e.at().getEpochSecond());
              assertThat(log.enteredNano(entry)).isEqualTo(e.at().getNano());
              entry++;
            }
            assertThat(log.endEntry(d)).isEqualTo(entry);
          }
          assertThat(log.entries()).isEqualTo(entry);
        });
  }

  @Test
  void builderAndOfAgree() {
    qt().withExamples(30).forAll(longs().all(), integers().between(0, 60))
        .checkAssert((seed, count) -> {
          List<DealHistory> all = RandomHistories.generate(seed, count);
          StageLog of = StageLog.of(FREE, all);
          Random random = new Random(seed);
          StageLog.Builder b = StageLog.builder(FREE);
          int d = 0;
          StageLog early = null;
          while (d < all.size()) {
            if (random.nextBoolean()) {
              b.add(all.get(d++));
            } else {
              int to = Math.min(all.size(), d + random.nextInt(10));
              b.addAll(all.subList(d, to));
              d = to;
            }
            if (early == null && random.nextInt(4) == 0) {
              early = b.build(); // the builder goes on after a build
              assertThat(early.deals()).isEqualTo(d);
            }
          }
          assertThat(b.deals()).isEqualTo(all.size());
          assertThat(b.entries()).isEqualTo(of.entries());
          assertSameEntries(b.build(), of);
          assertSameEntries(b.build(), of);
          if (early != null) {
            assertSameEntries(early, StageLog.of(FREE, all.subList(0, early.deals())));
          }
        });
  }

  private static void assertSameEntries(StageLog a, StageLog b) {
    assertThat(a.deals()).isEqualTo(b.deals());
    assertThat(a.entries()).isEqualTo(b.entries());
    for (int d = 0; d < a.deals(); d++) {
      assertThat(a.dealId(d)).isEqualTo(b.dealId(d));
      assertThat(a.firstEntry(d)).isEqualTo(b.firstEntry(d));
      assertThat(a.endEntry(d)).isEqualTo(b.endEntry(d));
    }
    for (int e = 0; e < a.entries(); e++) {
      assertThat(a.stagePosition(e)).isEqualTo(b.stagePosition(e));
      assertThat(a.enteredAt(e)).isEqualTo(b.enteredAt(e));
    }
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
    StageLog log = StageLog.of(FREE, List.of(h));
    assertThat(log.enteredAt(1)).isEqualTo(day(1).plusNanos(1));
    TimeInStageTotals t = Metrics.compute(TimeInStage.totalsAsOf(FREE, asOf), log);
    assertThat(t.stage(StageId.of("a")).cumulative())
        .isEqualTo(Duration.ofDays(1).plusNanos(1));
    assertThat(t.stage(StageId.of("b")).cumulative())
        .isEqualTo(Duration.ofDays(1).plusNanos(999_999_998));
    TimeInStageReport r = Metrics.compute(TimeInStage.asOf(FREE, asOf), log);
    assertThat(r.stage(StageId.of("b")).medianLowNanos()).isEqualTo(
        Duration.ofDays(1).plusNanos(999_999_998).toNanos());
  }

  @Test
  void asOfCutsInsideHistoriesAndBeforeCreation() {
    // one: a 0..2d, b 2d..5d, a 5d.. ; two: created at 4.5d. As of 4d: two is not counted, the
    // move back to a at 5d is ignored, one is in b.
    Driver x = new Driver(FREE);
    DealHistory one = x.move(x.move(x.create(0, "one", "100", LeadSource.warm("web")), 2, "b"),
        5, "a");
    DealHistory two = x.create(4.5, "two", "100", LeadSource.warm("web"));
    StageLog log = StageLog.of(FREE, List.of(one, two));
    TimeInStageTotals t = Metrics.compute(TimeInStage.totalsAsOf(FREE, day(4)), log);
    assertThat(t.deals()).isEqualTo(1);
    assertRow(t, "a", 1, 1, 0, Duration.ofDays(2));
    assertRow(t, "b", 1, 1, 1, Duration.ofDays(2));
    // As of the instant of the move back, 5d: the move counts, with no time in a yet; two
    // (created at 4.5d in a) is counted now: a = one 2d + two 0.5d.
    TimeInStageTotals at5 = Metrics.compute(TimeInStage.totalsAsOf(FREE, day(5)), log);
    assertThat(at5.deals()).isEqualTo(2);
    assertRow(at5, "a", 2, 3, 2, Duration.ofHours(60));
    assertRow(at5, "b", 1, 1, 0, Duration.ofDays(3));
  }

  /** Asserts an open stage's row of FREE (stage "x" is named "X"). */
  private static void assertRow(TimeInStageTotals t, String stage, long entered, long visits,
      long open, Duration cumulative) {
    assertThat(t.stage(StageId.of(stage))).isEqualTo(new TimeInStageTotals.Row(
        StageId.of(stage), stage.toUpperCase(java.util.Locale.ROOT), StageKind.OPEN, entered,
        visits, open, cumulative));
  }

  @Test
  void emptyLog() {
    StageLog empty = StageLog.of(FREE, List.of());
    assertThat(empty.deals()).isZero();
    assertThat(empty.entries()).isZero();
    assertThat(empty).hasToString("StageLog[free, 0 deals, 0 entries]");
    assertThat(StageLog.builder(FREE).build().entries()).isZero();
    TimeInStageReport r = Metrics.compute(TimeInStage.asOf(FREE, day(10)), empty);
    assertThat(r).isEqualTo(Metrics.compute(TimeInStage.asOf(FREE, day(10)), List.of()));
    assertThat(Metrics.computeParallel(TimeInStage.asOf(FREE, day(10)), empty)).isEqualTo(r);
    assertThat(r.deals()).isZero();
    for (TimeInStageReport.Row row : r.stages()) {
      assertThat(row.entered()).isZero();
      assertThat(row.medianDays()).isEmpty();
      assertThat(row.p90Days()).isEmpty();
    }
    TimeInStageTotals t = Metrics.computeParallel(TimeInStage.totalsAsOf(FREE, day(10)), empty);
    assertThat(t).isEqualTo(r.totals());
    assertThat(t.stages()).hasSize(FREE.stages().size())
        .allSatisfy(row -> assertThat(row.cumulative()).isZero());
  }

  @Test
  void aLargeLogRunsInParallelWithTheSameResult() {
    // Enough deals for computeParallel to split into many ranges.
    List<DealHistory> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.addAll(RandomHistories.generate(i, 4_000, true));
    }
    StageLog log = StageLog.of(FREE, all);
    for (Instant asOf : List.of(day(30), day(200))) {
      TimeInStageReport expected = Metrics.compute(TimeInStage.asOf(FREE, asOf), all);
      assertThat(Metrics.computeParallel(TimeInStage.asOf(FREE, asOf), log)).isEqualTo(expected);
      assertThat(Metrics.computeParallel(TimeInStage.totalsAsOf(FREE, asOf), log))
          .isEqualTo(expected.totals());
    }
  }

  @Test
  void theTotalsSayWhatTheyLeaveOut() {
    TimeInStageTotals t = Metrics.compute(TimeInStage.totalsAsOf(FREE, day(45)),
        StageLog.of(FREE, RandomHistories.generate(3, 20)));
    assertThat(t.toTable()).contains("no median or p90").doesNotContain("median days");
    assertThat(t.stage(StageId.of("a")).cumulativeDays())
        .isEqualTo(TimeInStageReport.days(t.stage(StageId.of("a")).cumulative()));
    assertThatThrownBy(() -> t.stage(StageId.of("zz")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("pipeline 'free' has no stage 'zz'");
  }

  /** A pipeline sharing a, b with FREE but with a stage x FREE does not have. */
  private static PipelineDefinition withX() {
    return PipelineDefinition.builder("other").stage(Stage.open("a", "A", 0.1))
        .stage(Stage.open("b", "B", 0.3)).stage(Stage.open("x", "X", 0.5)).stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost")).path("a", "b", "x", "won").fromEveryOpenStage("lost")
        .build();
  }

  @Test
  void anUnknownStageIsRefusedNamingTheDealAndTheStageAndAddsNothing() {
    Driver other = new Driver(withX());
    DealHistory fine = other.move(other.create(0, "fine", "100", LeadSource.warm("web")), 1, "b");
    DealHistory bad = other.move(other.move(other.create(0, "D-7", "100",
        LeadSource.warm("web")), 1, "b"), 2, "x");
    StageLog.Builder b = StageLog.builder(FREE).add(fine);
    assertThatThrownBy(() -> b.add(bad)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'D-7' is in stage 'x', which pipeline 'free' does not have");
    assertThat(b.deals()).isEqualTo(1);
    assertThat(b.entries()).isEqualTo(2);
    assertSameEntries(b.add(fine).build(), StageLog.of(FREE, List.of(fine, fine)));
    assertThatThrownBy(() -> StageLog.of(FREE, List.of(fine, bad)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'D-7' is in stage 'x', which pipeline 'free' does not have");
    // An unknown first stage too.
    DealHistory saas = Driver.saas().create(0, "S-1", "100", LeadSource.warm("web"));
    assertThatThrownBy(() -> StageLog.of(FREE, List.of(saas)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'S-1' is in stage 'prospecting', which pipeline 'free' does not have");
  }

  @Test
  void aLogOfAnotherPipelineIsRefused() {
    StageLog log = StageLog.of(withX(), List.of());
    StageMetric<?, TimeInStageTotals> m = TimeInStage.totalsAsOf(FREE, day(1));
    assertThatThrownBy(() -> Metrics.compute(m, log))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("the stage log of pipeline 'other' has stages [a, b, x, won, lost]; the"
            + " metric's pipeline 'free' has stages [a, b, c, d, won, lost, dormant]");
    // Another instance with the same stages reads the positions the same way: accepted.
    StageLog same = StageLog.of(Driver.free(), RandomHistories.generate(1, 10));
    assertThat(Metrics.compute(m, same))
        .isEqualTo(Metrics.compute(m, RandomHistories.generate(1, 10)));
  }

  @Test
  void nullsAndBadRangesAreRefused() {
    List<DealHistory> withNull = new ArrayList<>(RandomHistories.generate(1, 2));
    withNull.add(null);
    StageLog log = StageLog.of(FREE, RandomHistories.generate(1, 2));
    StageMetric<?, TimeInStageTotals> m = TimeInStage.totalsAsOf(FREE, day(1));
    thrown(() -> StageLog.of(null, List.of()), NullPointerException.class, "definition is null");
    thrown(() -> StageLog.of(FREE, null), NullPointerException.class, "histories is null");
    thrown(() -> StageLog.of(FREE, withNull), NullPointerException.class, "history is null");
    thrown(() -> StageLog.builder(null), NullPointerException.class, "definition is null");
    thrown(() -> StageLog.builder(FREE).add(null), NullPointerException.class, "history is null");
    thrown(() -> StageLog.builder(FREE).addAll(null), NullPointerException.class,
        "histories is null");
    thrown(() -> Metrics.compute((StageMetric<?, ?>) null, log), NullPointerException.class,
        "metric is null");
    thrown(() -> Metrics.compute(m, (StageLog) null), NullPointerException.class, "log is null");
    thrown(() -> Metrics.computeParallel(null, log), NullPointerException.class,
        "metric is null");
    thrown(() -> Metrics.computeParallel(m, null), NullPointerException.class, "log is null");
    thrown(() -> TimeInStage.totalsAsOf(null, day(1)), NullPointerException.class,
        "definition is null");
    thrown(() -> TimeInStage.totalsAsOf(FREE, null), NullPointerException.class, "asOf is null");
    thrown(() -> add(m, log, 1, 3), IndexOutOfBoundsException.class,
        "Range [1, 3) out of bounds for length 2");
    thrown(() -> add(m, log, 2, 1), IndexOutOfBoundsException.class,
        "Range [2, 1) out of bounds for length 2");
    thrown(() -> log.dealId(2), IndexOutOfBoundsException.class,
        "Index 2 out of bounds for length 2");
    thrown(() -> log.enteredAt(-1), IndexOutOfBoundsException.class,
        "Index -1 out of bounds for length " + log.entries());
    thrown(() -> log.endEntry(2), IndexOutOfBoundsException.class,
        "Index 2 out of bounds for length 2");
  }

  private static <A> void add(StageMetric<A, ?> metric, StageLog log, int from, int to) {
    metric.add(metric.newAccumulator(), log, from, to);
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
    StageLog log = StageLog.of(big, List.of(h));
    assertThat(log.stagePosition(1)).isEqualTo(253);
    assertThat(log.stage(2)).isEqualTo(StageId.of("lost"));
    assertThat(log.stagePosition(2)).isEqualTo(255);
    assertThat(Metrics.compute(TimeInStage.asOf(big, day(3)), log))
        .isEqualTo(Metrics.compute(TimeInStage.asOf(big, day(3)), List.of(h)));
    PipelineDefinition huge = openStages(255);
    thrown(() -> StageLog.builder(huge), IllegalArgumentException.class,
        "a stage log holds at most 256 stages; pipeline 'huge' has 257");
  }
}
