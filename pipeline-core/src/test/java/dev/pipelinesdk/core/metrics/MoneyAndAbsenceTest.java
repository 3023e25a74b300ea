package dev.pipelinesdk.core.metrics;

import static dev.pipelinesdk.core.metrics.TestClock.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Money and absence in metric results: sums of deals without amounts are empty (never "0 XXX"),
 * ratios without a denominator are empty (never NaN), weighted amounts and averages are rounded
 * to the currency's own scale (a yen has no cents), and the weighted waterfall reconciles in
 * whole minor units.
 */
class MoneyAndAbsenceTest {
  private static final PipelineDefinition FREE = RandomHistories.FREE;

  /** a (p 0.15) -> b (p 0.35) -> won, with odd amounts in a currency. */
  private static PipelineDefinition odd(String currency) {
    return PipelineDefinition.builder("odd-" + currency).currency(currency)
        .stage(Stage.open("a", "A", 0.15)).stage(Stage.open("b", "B", 0.35))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
        .path("a", "b", "won").fromEveryOpenStage("lost").build();
  }

  @Test
  void withoutAmountsSumsAndAveragesAreEmptyNotZeroXxx() {
    Driver x = new Driver(FREE);
    DealHistory open = x.create(0, "N1", Optional.empty(), Optional.of(LeadSource.warm("web")));
    DealHistory won = x.win(x.move(x.create(0, "N2", Optional.empty(),
        Optional.of(LeadSource.warm("web"))), 1, "d"), 2);
    List<DealHistory> all = List.of(open, won);

    SnapshotReport s = Metrics.compute(Metrics.snapshot(FREE, day(5)).build(), all);
    assertThat(s.total()).isEmpty();
    assertThat(s.weighted()).isEmpty();
    assertThat(s.stage(StageId.of("a")).total()).isEmpty();
    assertThat(s.stage(StageId.of("b")).averageAge()).isEmpty(); // no deal there
    assertThat(s.stage(StageId.of("a")).averageAge()).isPresent();
    assertThat(s.toTable()).doesNotContain("XXX").contains("no amounts");

    FunnelReport f = Metrics.compute(Metrics.funnel(FREE).build(), all);
    assertThat(f.wonAmount()).isEmpty();
    assertThat(f.averageWonAmount()).isEmpty();
    assertThat(f.stage(StageId.of("b")).reached()).isZero();
    assertThat(f.stage(StageId.of("b")).dropOffRate()).isEmpty();

    FlowReport flow = Metrics.compute(Metrics.flow(FREE, day(5)), all);
    assertThat(flow.averageWonAmount()).isEmpty();
    assertThat(flow.velocityPerDay()).isEmpty();
    assertThat(flow.stage(StageId.of("c")).winRate()).isEmpty();
    assertThat(flow.stage(StageId.of("c")).dwellMedian()).isEmpty();

    MovementReport m = Metrics.compute(Metrics.movements(FREE, day(0), day(5)), all);
    assertThat(m.value()).isEmpty();
    assertThat(m.weighted()).isEmpty();
    assertThat(m.toTable()).doesNotContain("XXX");

    FunnelReport empty = Metrics.compute(Metrics.funnel(FREE).build(), List.of());
    assertThat(empty.overallConversion()).isEmpty();
    assertThat(empty.stages()).allSatisfy(r -> assertThat(r.conversionToWon()).isEmpty());
  }

  @Test
  void weightedAmountsAndAveragesRoundToTheCurrencysScale() {
    Driver eur = new Driver(odd("EUR"));
    DealHistory one = eur.create(0, "E1", "123.45", LeadSource.warm("web"));
    DealHistory two = eur.create(0, "E2", "0.05", LeadSource.warm("web"));
    SnapshotReport s = Metrics.compute(Metrics.snapshot(odd("EUR"), day(1)).build(),
        List.of(one, two));
    // 123.45 * 0.15 = 18.5175 -> 18.52; 0.05 * 0.15 = 0.0075 -> 0.01; the stage: 18.525 -> 18.52
    assertThat(s.openDeals()).extracting(d -> d.weighted().orElseThrow())
        .containsExactly(Money.of("18.52", "EUR"), Money.of("0.01", "EUR"));
    assertThat(s.stage(StageId.of("a")).weighted()).contains(Money.of("18.52", "EUR"));

    Driver yen = new Driver(odd("JPY"));
    DealHistory y = yen.win(yen.move(yen.create(0, "Y1",
        Optional.of(Money.of("1001", "JPY")), Optional.of(LeadSource.warm("web"))), 1,
        "b"), 3);
    DealHistory z = yen.win(yen.move(yen.create(0, "Y2",
        Optional.of(Money.of("1000", "JPY")), Optional.of(LeadSource.warm("web"))), 1,
        "b"), 2);
    SnapshotReport sy = Metrics.compute(Metrics.snapshot(odd("JPY"), day(0.5)).build(),
        List.of(y, z));
    assertThat(sy.stage(StageId.of("a")).weighted()).contains(Money.of("300", "JPY")); // 300.15
    FunnelReport fy = Metrics.compute(Metrics.funnel(odd("JPY")).build(), List.of(y, z));
    assertThat(fy.averageWonAmount()).contains(Money.of("1000", "JPY")); // 1000.5, half-even
    FlowReport flow = Metrics.compute(Metrics.flow(odd("JPY"), day(4)), List.of(y, z));
    assertThat(flow.averageWonAmount()).contains(Money.of("1000", "JPY"));
    assertThat(flow.velocityPerDay()).contains(Money.of("0", "JPY")); // nothing open
    assertThat(flow.winRate()).hasValue(1.0);
  }

  @Test
  void theWeightedWaterfallReconcilesInWholeMinorUnits() {
    qt().withExamples(60).forAll(longs().all(), integers().between(1, 30))
        .checkAssert((seed, count) -> {
          Driver x = new Driver(odd("EUR"));
          java.util.Random random = new java.util.Random(seed);
          List<DealHistory> all = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            String amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2).toPlainString();
            DealHistory h = x.create(random.nextInt(10), "W" + i, amount,
                LeadSource.warm("web"));
            if (random.nextBoolean()) {
              h = x.move(h, 10 + random.nextInt(5), "b");
              if (random.nextBoolean()) {
                h = x.amount(h, 16 + random.nextInt(3),
                    BigDecimal.valueOf(random.nextInt(1_000_000), 2).toPlainString());
              }
              if (random.nextBoolean()) {
                h = x.win(h, 20 + random.nextInt(5));
              }
            }
            all.add(h);
          }
          MovementReport m = Metrics.compute(Metrics.movements(odd("EUR"), day(5), day(22)), all);
          MovementReport.Waterfall w = m.weighted().orElseThrow();
          assertThat(w.reconciles()).isTrue();
          assertThat(m.value().orElseThrow().reconciles()).isTrue();
          assertThat(w.end().amount().scale()).isLessThanOrEqualTo(2);
          assertThat(w.advanced().signum()).isGreaterThanOrEqualTo(0); // 0.15 -> 0.35 only
          assertThat(w.start().plus(w.changes())).isEqualTo(w.end());
          assertThat(w.won()).isEqualTo(w.won().plus(MoneyDelta.zero(w.currency())));
        });
  }
}
