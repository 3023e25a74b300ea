package dev.pipelinesdk.forecast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.WeightedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backtest worked out by hand. */
class BacktestTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("e", "won").fromEveryOpenStage("lost").build();

  private static DealHistory deal(String id, String amount, String end, int endDay) {
    Pipeline p = Pipeline.of(ONE, () -> T0);
    Request r = Request.by("import");
    DealHistory h = p.importDeal(NewDeal.builder().id(id).title(id)
        .amount(Money.of(amount, "EUR")).build(), r.at(T0)).historyOrThrow();
    if (end != null) {
      h = p.importFact(h, new Command.MoveTo(StageId.of(end)), r.at(T0.plus(Duration.ofDays(
          endDay)))).historyOrThrow();
    }
    return h;
  }

  /**
   * At day 10, A and B (100 each) are open with the stage default 0.5; A is won on day 20, B
   * lost on day 50, after the 30-day horizon; C (300), open until day 60, keeps the data going.
   * Expected 0.5 x (100 + 100 + 300) = 250; actual 100 (A); APE 1.5.
   * Brier: (0.5 - 1)^2 + (0.5 - 0)^2 + (0.5 - 0)^2, over 3 = 0.25; log loss ln 2.
   */
  @Test
  void oneCutoffByHandAndOneWhoseHorizonIsNotOverYet() {
    List<DealHistory> h = List.of(deal("A", "100", "won", 20), deal("B", "100", "lost", 50),
        deal("C", "300", "lost", 60));
    Backtest.Result r = Backtest.run(new WeightedModel(), ONE, h,
        List.of(T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(50))),
        Duration.ofDays(30), Simulation.of(20_000, 7), Money.currency("EUR"));
    Backtest.Cutoff c = r.cutoffs().get(0);
    assertThat(c.scored()).isTrue();
    assertThat(c.openDeals()).isEqualTo(3);
    assertThat(c.expected()).isEqualByComparingTo("250");
    assertThat(c.actual()).isEqualByComparingTo("100");
    assertThat(c.absolutePercentageError().getAsDouble()).isCloseTo(1.5, within(1e-9));
    assertThat(c.brier()).isCloseTo(0.25, within(1e-12));
    assertThat(c.logLoss()).isCloseTo(Math.log(2), within(1e-12));
    // totals 0, 100, 200, 300, 400, 500 with P(0) = 1/8 >= 0.1, so P10 = 0 and 100 is covered
    assertThat(c.p10()).isEqualByComparingTo("0");
    assertThat(c.covered()).isTrue();
    assertThat(r.cutoffs().get(1).scored()).isFalse(); // day 50 + 30 is after the last event
    assertThat(r.scoredCutoffs()).isEqualTo(1);
    assertThat(r.wape().getAsDouble()).isCloseTo(1.5, within(1e-9));
    assertThat(r.bias().getAsDouble()).isCloseTo(1.5, within(1e-9));
    assertThat(r.coverage80().getAsDouble()).isEqualTo(1.0);
    assertThat(r.reliability().get(5).deals()).isEqualTo(3);
    assertThat(r.reliability().get(5).observed().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(r.reliability().get(0).predicted()).isEmpty();
    assertThat(Backtest.pinball(100, 0, 0.1)).isCloseTo(10, within(1e-12));
    assertThat(Backtest.pinball(100, 500, 0.9)).isCloseTo(40, within(1e-12));
  }
}
