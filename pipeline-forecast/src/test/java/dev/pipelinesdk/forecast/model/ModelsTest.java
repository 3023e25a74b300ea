package dev.pipelinesdk.forecast.model;

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
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weighted and Markov models, hand-checked on small graphs. */
class ModelsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PipelineDefinition PQ = PipelineDefinition.builder("pq")
      .stage(Stage.open("p", "P", 0.1)).stage(Stage.open("q", "Q", 0.4))
      .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
      .path("p", "q", "won").fromEveryOpenStage("lost").build();
  private static final PipelineDefinition P = PipelineDefinition.builder("p")
      .stage(Stage.open("p", "P", 0.3)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("p", "won").fromEveryOpenStage("lost").build();

  /** A history created in its first stage on day 0, then one move a day through the rest. */
  private static DealHistory deal(PipelineDefinition d, String id, String... stages) {
    Pipeline pipeline = Pipeline.of(d, () -> T0);
    Request r = Request.by("import");
    DealHistory h = pipeline.importDeal(NewDeal.builder().id(id).title(id)
        .stage(StageId.of(stages[0])).amount(Money.of("100", "EUR")).build(), r.at(T0))
        .historyOrThrow();
    for (int i = 1; i < stages.length; i++) {
      h = pipeline.importFact(h, new Command.MoveTo(StageId.of(stages[i])),
          r.at(T0.plus(Duration.ofDays(i)))).historyOrThrow();
    }
    return h;
  }

  /**
   * D1 p,q,won; D2 p,q,lost; D3 p,lost; D4 p,q,p,q,won (a back-move loop); D5 p,q (open).
   * Exits of p: 5 to q (D5's too), 1 to lost; of q: 2 to won, 1 to lost, 1 back to p (D5, still
   * in q, is censored). x_q = 2/4 + 1/4 x_p and x_p = 5/6 x_q, so x_q = 12/19 and x_p = 10/19.
   */
  private static List<DealHistory> loop() {
    return List.of(deal(PQ, "D1", "p", "q", "won"), deal(PQ, "D2", "p", "q", "lost"),
        deal(PQ, "D3", "p", "lost"), deal(PQ, "D4", "p", "q", "p", "q", "won"),
        deal(PQ, "D5", "p", "q"));
  }

  @Test
  void markovAbsorptionThroughABackMoveLoop() {
    MarkovModel.Fitted raw = new MarkovModel(0).fit(PQ, loop());
    assertThat(raw.byStage().get(StageId.of("p"))).isCloseTo(10.0 / 19, within(1e-12));
    assertThat(raw.byStage().get(StageId.of("q"))).isCloseTo(12.0 / 19, within(1e-12));
    assertThat(raw.exits().get(StageId.of("p"))).isEqualTo(6);
    assertThat(raw.exits().get(StageId.of("q"))).isEqualTo(4);
  }

  @Test
  void markovShrinksTowardsTheStageDefaultByThePriorWeight() {
    MarkovModel.Fitted smoothed = new MarkovModel().fit(PQ, loop()); // 5 pseudo-exits
    // p: (6 * 10/19 + 5 * 0.1) / 11; q: (4 * 12/19 + 5 * 0.4) / 9
    assertThat(smoothed.byStage().get(StageId.of("p")))
        .isCloseTo((6 * 10.0 / 19 + 0.5) / 11, within(1e-12));
    assertThat(smoothed.byStage().get(StageId.of("q")))
        .isCloseTo((4 * 12.0 / 19 + 2) / 9, within(1e-12));
  }

  @Test
  void markovCountsReopens() {
    // D3 was lost, reopened and won: half of the entries into lost were for good.
    // x_p = 1/2 + 1/2 x_lost, x_lost = 1/2 x_p, so x_p = 2/3.
    List<DealHistory> h = List.of(deal(P, "D1", "p", "won"), deal(P, "D2", "p", "lost"),
        deal(P, "D3", "p", "lost", "p", "won"));
    assertThat(new MarkovModel(0).fit(P, h).byStage().get(StageId.of("p")))
        .isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void aStageWithNoExitKeepsItsDefault() {
    MarkovModel.Fitted f = new MarkovModel(0).fit(PQ, List.of(deal(PQ, "D1", "p")));
    assertThat(f.byStage().get(StageId.of("p"))).isEqualTo(0.1);
    assertThat(f.byStage().get(StageId.of("q"))).isEqualTo(0.4);
  }

  @Test
  void theMarkovForecastWeighsEachOpenDealWithItsStagesProbability() {
    ForecastInput input = ForecastInput.of(PQ, loop(), T0.plus(Duration.ofDays(30)),
        Duration.ofDays(90));
    Forecast f = new MarkovModel().forecast(input);
    assertThat(f.model()).isEqualTo("markov");
    assertThat(f.deals()).extracting(d -> d.deal().value()).containsExactly("D5");
    DealForecast d5 = f.deals().get(0);
    assertThat(d5.probability()).isCloseTo((4 * 12.0 / 19 + 2) / 9, within(1e-12));
    assertThat(d5.basis()).isEqualTo("learned (markov) for Q");
    assertThat(f.expectedAmount()).contains(Money.of("50.29", "EUR")); // 100 x 0.50292
  }

  @Test
  void theWeightedPipelineUsesAManualOverrideElseTheStageDefault() {
    Pipeline pipeline = Pipeline.of(PQ, () -> T0);
    DealHistory a = deal(PQ, "A", "p", "q");
    a = pipeline.execute(a, new Command.OverrideProbability(java.util.OptionalDouble.of(0.9)),
        Request.by("ana").at(T0.plus(Duration.ofDays(2)))).historyOrThrow();
    List<DealHistory> open = new ArrayList<>(List.of(a, deal(PQ, "B", "p")));
    Forecast f = new WeightedModel().forecast(ForecastInput.of(PQ, open,
        T0.plus(Duration.ofDays(3)), Duration.ofDays(30)));
    assertThat(f.deals()).extracting(DealForecast::probability).containsExactly(0.9, 0.1);
    assertThat(f.deals()).extracting(DealForecast::basis)
        .containsExactly("manual override", "stage default of P (10%)");
    assertThat(f.expectedAmount()).contains(Money.of("100.00", "EUR"));
  }

  @Test
  void aCloseDateAfterTheHorizonCountsZeroAndTheRollupGroupsByMonthOwnerAndCategory() {
    Pipeline pipeline = Pipeline.of(PQ, () -> T0);
    Request ana = Request.by("ana").at(T0.plus(Duration.ofDays(1)));
    DealHistory late = pipeline.execute(deal(PQ, "LATE", "p"), new Command.ChangeCloseDate(
        java.util.Optional.of(java.time.LocalDate.parse("2026-06-01"))), ana).historyOrThrow();
    DealHistory soon = pipeline.execute(deal(PQ, "SOON", "p", "q"), new Command.ChangeCloseDate(
        java.util.Optional.of(java.time.LocalDate.parse("2026-01-31"))),
        Request.by("ana").at(T0.plus(Duration.ofDays(2)))).historyOrThrow();
    soon = pipeline.execute(soon, new Command.ChangeOwner(java.util.Optional.of("bo")),
        Request.by("ana").at(T0.plus(Duration.ofDays(2)))).historyOrThrow();
    DealHistory none = deal(PQ, "NONE", "p");
    ForecastInput input = ForecastInput.of(PQ, List.of(late, soon, none),
        T0.plus(Duration.ofDays(3)), Duration.ofDays(60)); // horizon ends 2026-03-04
    Forecast f = new WeightedModel().forecast(input);
    assertThat(f.deals()).extracting(DealForecast::probability).containsExactly(0.0, 0.4, 0.1);
    assertThat(f.deals().get(0).basis()).isEqualTo("expected to close on 2026-06-01, after the"
        + " horizon (stage default of P (10%): 10%)");
    // the Markov model ignores close dates, as it says
    assertThat(new MarkovModel().forecast(input).deals().get(0).probability()).isPositive();
    ForecastRollup r = ForecastRollup.of(input, f);
    assertThat(r.rows()).extracting(ForecastRollup.Row::period, ForecastRollup.Row::owner,
        ForecastRollup.Row::deals).containsExactly(
            org.assertj.core.groups.Tuple.tuple("2026-01", "bo", 1L),
            org.assertj.core.groups.Tuple.tuple("2026-06", "no owner", 1L),
            org.assertj.core.groups.Tuple.tuple("no close date", "no owner", 1L));
    assertThat(r.rows().get(0).expected()).contains(Money.of("40.00", "EUR"));
    assertThat(r.rows().get(1).expected()).contains(Money.of("0.00", "EUR"));
    assertThat(r.rows().get(1).amount()).contains(Money.of("100.00", "EUR"));
  }

  @Test
  void bothModelsAreFoundByName() {
    assertThat(ForecastModels.load().keySet()).contains("markov", "weighted");
    assertThat(ForecastModels.named("markov")).isInstanceOf(MarkovModel.class);
  }
}
