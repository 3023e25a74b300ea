package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.MovementReport;
import dev.pipelinesdk.core.metrics.SnapshotReport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated data is a living pipeline: deals arrive through the whole period. */
class SyntheticHistoriesTest {
  private static final PipelineDefinition SAAS = SyntheticHistories.definition();
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");
  private final List<DealHistory> histories = SyntheticHistories.generate(300, 42, FROM, TO,
      n -> { });

  @Test
  void dealsArriveInEveryFortnightOfThePeriodUpToItsEnd() {
    for (Instant start = FROM; start.isBefore(TO); start = start.plus(Duration.ofDays(14))) {
      Instant s = start;
      Instant e = start.plus(Duration.ofDays(14));
      assertThat(histories.stream().map(h -> h.events().get(0).at())
          .filter(at -> !at.isBefore(s) && at.isBefore(e)))
          .as("deals created in [%s, %s)", s, e).isNotEmpty();
    }
  }

  @Test
  void atTheEndEveryOpenStageHoldsDealsAndTheLastMonthHasNewDeals() {
    SnapshotReport end = Metrics.compute(Metrics.snapshot(SAAS, TO).build(), histories);
    assertThat(end.stages()).allSatisfy(row -> assertThat(row.count())
        .as("open deals in %s", row.name()).isPositive());
    MovementReport month = Metrics.compute(
        Metrics.movements(SAAS, TO.minus(Duration.ofDays(30)), TO), histories);
    assertThat(month.stages().stream().mapToLong(MovementReport.Row::created).sum()).isPositive();
    MoneyDelta added = month.value().orElseThrow().newDeals();
    assertThat(added.amount()).isGreaterThan(BigDecimal.ZERO);
  }

  @Test
  void theSameSeedGivesTheSameHistoriesAndAnotherSeedOthers() {
    assertThat(SyntheticHistories.generate(300, 42, FROM, TO, n -> { })).isEqualTo(histories);
    assertThat(SyntheticHistories.generate(300, 43, FROM, TO, n -> { })).isNotEqualTo(histories);
  }

  @Test
  void nothingHappensOutsideThePeriod() {
    assertThat(histories).hasSize(300).allSatisfy(h -> assertThat(h.events())
        .allSatisfy(e -> assertThat(e.at()).isBetween(FROM, TO.minusNanos(1))));
  }
}
