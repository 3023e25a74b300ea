package dev.pipelinesdk.forecast.scenario;

import static dev.pipelinesdk.forecast.scenario.ScenariosTest.P;
import static dev.pipelinesdk.forecast.scenario.ScenariosTest.Q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.metrics.LeakReport;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import dev.pipelinesdk.forecast.model.MarkovModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Where to invest": the ranking, hand-checked and reproducible. */
class SensitivityTest {
  /**
   * Markov without smoothing on the small chain (c_p = 11/21, c_q = 4/10; A 1000 at p with
   * 11/21 x 0.4, B 2000 at q with 0.4). +1 point at q scales both by 0.41/0.40: +0.025 of the
   * expected 1000 x 0.2095 + 2000 x 0.4 = 1009.52, so +25.24. +1 point at p scales A only, by
   * (11/21 + 0.01)/(11/21): +1000 x 0.01 x 0.4 = +4.00. So q ranks first. Markov ignores the
   * horizon: a day saved is worth nothing.
   */
  @Test
  void aPointOfConversionIsWorthWhatTheScalingSays() {
    ForecastInput in = ScenariosTest.input(ScenariosTest.small(4), Duration.ofDays(30));
    Sensitivity s = Sensitivity.of(new MarkovModel(0), in, Simulation.of(20_000, 3),
        Optional.of(Money.of("2000", "EUR")));
    assertThat(s.rows()).extracting(Sensitivity.Row::stage).containsExactly(Q, P);
    Sensitivity.Row q = s.rows().get(0);
    assertThat(q.openDeals()).isEqualTo(2);
    assertThat(q.conversion()).isEqualTo(new StageConversion(Q, 10, 4));
    double base = 1000 * 11.0 / 21 * 0.4 + 2000 * 0.4;
    assertThat(q.perConversionPoint().orElseThrow().expected().amount().doubleValue())
        .isCloseTo(base * 0.025, within(0.011)); // two roundings to the cent
    Sensitivity.Row p = s.rows().get(1);
    assertThat(p.openDeals()).isEqualTo(1);
    assertThat(p.perConversionPoint().orElseThrow().expected().amount())
        .isEqualByComparingTo("4.00");
    assertThat(s.rows()).allSatisfy(r -> {
      assertThat(r.perDaySaved().expected().isZero()).isTrue();
      assertThat(r.perDaySaved().probabilityOfTarget()).hasValue(0.0);
      assertThat(r.perConversionPoint().orElseThrow().probabilityOfTarget().getAsDouble())
          .isGreaterThanOrEqualTo(0); // common random numbers: no trial loses
    });
    assertThat(s.timeMatters()).isFalse();
    assertThat(s.base().deals().get(0).probability()).isCloseTo(11.0 / 21 * 0.4, within(1e-12));
    assertThat(s.base().deals().get(1).probability()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void withoutATargetThereIsNoChangeOfItsProbability() {
    ForecastInput in = ScenariosTest.input(ScenariosTest.small(4), Duration.ofDays(30));
    Sensitivity s = Sensitivity.of(new MarkovModel(), in, Simulation.of(100, 3),
        Optional.empty());
    assertThat(s.rows()).allSatisfy(r -> assertThat(r.perDaySaved().probabilityOfTarget())
        .isEmpty());
    assertThat(s.target()).isEmpty();
    assertThatThrownBy(() -> Sensitivity.of(new MarkovModel(), in, Simulation.of(100, 3),
        Optional.of(Money.of("5", "USD")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in EUR");
    PipelineDefinition noCurrency = PipelineDefinition.builder("n").stage(Stage.open("p", "P",
        0.2)).stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost")).path("p", "won")
        .fromEveryOpenStage("lost").build();
    DealHistory bare = Pipeline.of(noCurrency, () -> ScenariosTest.T0).importDeal(NewDeal
        .builder().id("X").title("X").build(), Request.by("x").at(ScenariosTest.T0))
        .historyOrThrow();
    assertThatThrownBy(() -> Sensitivity.of(new MarkovModel(), ForecastInput.of(noCurrency,
        List.of(bare), ScenariosTest.AS_OF, Duration.ofDays(30)), Simulation.of(100, 3),
        Optional.empty())).hasMessage("no open deal has an amount, so there is no amount to rank"
            + " the stages by");
  }

  /** a -> b -> c -> won, lost from each; b loses far more than the others: a leak. */
  static final PipelineDefinition ABC = PipelineDefinition.builder("abc").currency("EUR")
      .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.3))
      .stage(Stage.open("c", "C", 0.6)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("a", "b", "c", "won").fromEveryOpenStage("lost")
      .build();

  /**
   * Deals arriving evenly over 200 days; at each stage an exponential dwell (means 8, 12, 6
   * days), then forward with probability 0.7, 0.3, 0.8, else lost. Amounts 1000 to 20000.
   */
  static List<DealHistory> generated(int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    String[] stages = {"a", "b", "c", "won"};
    double[] mean = {8, 12, 6};
    double[] forward = {0.7, 0.3, 0.8};
    List<DealHistory> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = t0.plus(Duration.ofMinutes(i * 200L * 1440 / n));
      Pipeline pipeline = Pipeline.of(ABC, () -> at);
      Request r = Request.by("import");
      DealHistory h = pipeline.importDeal(NewDeal.builder().id("G" + i).title("G" + i)
          .stage(StageId.of("a")).amount(Money.of(BigDecimal.valueOf(1000L
              * (1 + random.nextInt(20))), java.util.Currency.getInstance("EUR"))).build(),
          r.at(at)).historyOrThrow();
      Instant t = at;
      for (int s = 0; s < 3; s++) {
        t = t.plus(Duration.ofMinutes(Math.round(-mean[s] * Math.log(1 - random.nextDouble())
            * 1440)));
        boolean on = random.nextDouble() < forward[s];
        h = pipeline.importFact(h, new Command.MoveTo(StageId.of(on ? stages[s + 1] : "lost")),
            r.at(t)).historyOrThrow();
        if (!on) {
          break;
        }
      }
      out.add(h);
    }
    return out;
  }

  /** Every open stage ranked, reproducibly for a seed, with the leak finder's verdict. */
  @Test
  void theRankingIsDeterministicForASeedAndCarriesTheLeakFindersVerdict() {
    PipelineDefinition saas = ABC;
    Instant asOf = Instant.parse("2026-07-20T00:00:00Z");
    ForecastInput in = ForecastInput.of(saas, generated(1500, 42), asOf, Duration.ofDays(30));
    Money target = Money.of("150000", "EUR");
    Sensitivity a = Sensitivity.of(new CompetingRisksModel(), in, Simulation.of(5_000, 9),
        Optional.of(target));
    Sensitivity b = Sensitivity.of(new CompetingRisksModel(), in, Simulation.of(5_000, 9),
        Optional.of(target));
    assertThat(a.rows()).isEqualTo(b.rows());
    assertThat(a.rows()).extracting(Sensitivity.Row::stage)
        .containsExactlyInAnyOrderElementsOf(saas.openStages().stream().map(s -> s.id())
            .toList());
    for (int i = 1; i < a.rows().size(); i++) {
      BigDecimal before = a.rows().get(i - 1).perConversionPoint().map(e -> e.expected()
          .amount()).orElse(null);
      BigDecimal after = a.rows().get(i).perConversionPoint().map(e -> e.expected().amount())
          .orElse(null);
      if (after != null) {
        assertThat(before).isNotNull().isGreaterThanOrEqualTo(after);
      }
    }
    LeakReport leaks = Metrics.compute(Metrics.leaks(saas).build(), in.histories());
    for (Sensitivity.Row r : a.rows()) {
      LeakReport.Row l = leaks.stages().stream().filter(x -> x.stage().equals(r.stage()))
          .findFirst().orElseThrow();
      assertThat(r.leak()).isEqualTo(l.leak());
      assertThat(r.leakJudged()).isEqualTo(l.judged());
      // a point of conversion and a day saved never lose anything with this model
      assertThat(r.perConversionPoint().orElseThrow().expected().signum()).isPositive();
      assertThat(r.perDaySaved().expected().signum()).isGreaterThanOrEqualTo(0);
    }
    assertThat(a.timeMatters()).isTrue();
    assertThat(a.rows()).filteredOn(Sensitivity.Row::leak).extracting(Sensitivity.Row::stage)
        .containsExactly(StageId.of("b"));
    // the last open stage acts on every deal in the funnel
    StageId last = saas.openStages().get(saas.openStages().size() - 1).id();
    long inFunnel = a.base().deals().stream()
        .filter(d -> saas.funnelIndex(d.stage()).isPresent()).count();
    assertThat(a.rows().stream().filter(r -> r.stage().equals(last)).findFirst().orElseThrow()
        .openDeals()).isEqualTo(inFunnel);
  }
}
