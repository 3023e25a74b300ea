package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.metrics.Metrics;
import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAndFlowTest {
  private final List<DealHistory> histories = Examples.saas();

  private StageTimes times(int deal, double asOf) {
    return StageTimes.of(PipelineTemplates.definition("saas-b2b"), histories.get(deal), day(asOf));
  }

  @Test
  void aDealThatMovesBackAccumulatesAcrossVisits() {
    StageTimes d1 = times(0, 30);
    StageTimes.StageTime q = d1.stage(StageId.of("qualification")).orElseThrow();
    assertThat(q.visits()).isEqualTo(2);
    assertThat(q.firstEntered()).isEqualTo(day(1));
    assertThat(q.lastExited()).contains(day(6));
    assertThat(q.latest()).isEqualTo(Duration.ofDays(2));
    assertThat(q.cumulative()).isEqualTo(Duration.ofDays(3));
    assertThat(d1.stage(StageId.of("consideration")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(4));
    assertThat(d1.stage(StageId.of("won")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(20));
    assertThat(d1.openTime()).isEqualTo(Duration.ofDays(10));
    assertThat(d1.total()).isEqualTo(d1.lifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(d1.toTable()).contains("qualification").contains("2");
  }

  @Test
  void aReopenedLostDealAndAnOpenVisitCountUpToTheInstant() {
    StageTimes d2 = times(1, 30);
    assertThat(d2.stage(StageId.of("lost")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(17));
    StageTimes.StageTime c = d2.stage(StageId.of("consideration")).orElseThrow();
    assertThat(c.current()).isTrue();
    assertThat(c.lastExited()).isEmpty();
    assertThat(c.cumulative()).isEqualTo(Duration.ofDays(8));
    assertThat(d2.stage(StageId.of("qualification")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(4));
    assertThat(d2.total()).isEqualTo(Duration.ofDays(30));
    // As of day 21 the deal is back in qualification since day 20, with 2 + 1 days there.
    StageTimes early = times(1, 21);
    assertThat(early.stage(StageId.of("qualification")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(3));
    assertThat(early.stage(StageId.of("consideration"))).isEmpty();
  }

  @Test
  void aRevivedDormantDealCountsItsDarkTime() {
    StageTimes d3 = times(2, 30);
    assertThat(d3.stage(StageId.of("dormant")).orElseThrow().cumulative())
        .isEqualTo(Duration.ofDays(4));
    assertThat(d3.stage(StageId.of("consideration"))).isEmpty();
    assertThat(d3.lifetime()).isEqualTo(Duration.ofDays(29));
    assertThatThrownBy(() -> times(5, 30)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("D6");
  }

  @Test
  void stageStatisticsByHand() {
    FlowReport r = Metrics.compute(
        Metrics.flow(PipelineTemplates.definition("saas-b2b"), day(30)), histories);
    assertThat(r.won()).isEqualTo(2);
    assertThat(r.lost()).isEqualTo(1);
    assertThat(r.open()).isEqualTo(1);
    assertThat(r.winRate().getAsDouble()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.averageCycle()).contains(Duration.ofHours(252)); // 10.5 days
    assertThat(r.averageWonAmount()).contains(Money.of("2000", "EUR"));
    assertThat(r.velocityPerDay()).contains(Money.of("126.98", "EUR"));

    FlowReport.Row q = r.stage(StageId.of("qualification"));
    assertThat(q.left()).isEqualTo(4);
    assertThat(q.dwellMean()).contains(Duration.ofHours(66)); // 2.75 days
    assertThat(q.dwellMedian()).contains(Duration.ofDays(3));
    assertThat(q.dwellP90()).contains(Duration.ofMinutes((long) (3.7 * 1440)));
    assertThat(q.winRate()).hasValue(1.0);

    FlowReport.Row c = r.stage(StageId.of("consideration"));
    assertThat(c.left()).isEqualTo(2);
    assertThat(c.open()).isEqualTo(1);
    assertThat(c.dwellP90()).contains(Duration.ofMinutes((long) (3.8 * 1440)));
    assertThat(c.velocityPerDay()).contains(Money.of("190.48", "EUR"));

    FlowReport.Row p = r.stage(StageId.of("prospecting"));
    assertThat(p.winRate().getAsDouble()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(p.velocityPerDay()).contains(Money.of("0", "EUR")); // no open deal there
    assertThat(r.stage(StageId.of("decision")).dwellMedian()).contains(Duration.ofHours(60));
    assertThat(r.toTable()).contains("Qualification").contains("66.7%");
    assertThat(r.toString()).contains("126.98 EUR/day");
  }

  @Test
  void cumulativeTimeOverAllStagesIsTheLifetime() {
    qt().withExamples(60).forAll(longs().all(), integers().between(1, 20), integers().between(60, 200))
        .checkAssert((seed, count, asOf) -> {
          for (DealHistory h : RandomHistories.generate(seed, count)) {
            StageTimes t = StageTimes.of(RandomHistories.FREE, h, day(asOf));
            assertThat(t.total()).isEqualTo(t.lifetime());
            assertThat(t.openTime()).isLessThanOrEqualTo(t.lifetime());
            assertThat(t.stages().stream().filter(StageTimes.StageTime::current)).hasSize(1);
            for (StageTimes.StageTime s : t.stages()) {
              assertThat(s.latest()).isLessThanOrEqualTo(s.cumulative());
              assertThat(s.visits()).isPositive();
            }
          }
        });
  }

  @Test
  void stageStatisticsMergeIsAssociativeAndSplitInsensitive() {
    MergeProperties.check(Metrics.flow(RandomHistories.FREE, day(70)));
  }

  @Test
  void theTimeInStageTableShowsNoOpenCountForWonAndLostStages() {
    TimeInStageReport r = Metrics.compute(
        Metrics.timeInStage(PipelineTemplates.definition("saas-b2b"), day(30)), histories);
    assertThat(r.stage(StageId.of("won")).open()).isPositive();
    List<String> lines = r.toTable().lines().toList();
    for (TimeInStageReport.Row row : r.stages()) {
      String line = lines.stream().filter(l -> l.startsWith(row.name() + " ")).findFirst()
          .orElseThrow();
      String[] cells = line.substring(row.name().length()).strip().split("\\s+");
      assertThat(cells[0]).isEqualTo(Long.toString(row.reached()));
      assertThat(cells[2]).isEqualTo(row.kind().isTerminal() ? "-" : Long.toString(row.open()));
    }
  }
}
