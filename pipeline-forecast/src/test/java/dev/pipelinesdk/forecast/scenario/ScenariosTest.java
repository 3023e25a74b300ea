package dev.pipelinesdk.forecast.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.MoneyDelta;
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
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import dev.pipelinesdk.forecast.model.MarkovModel;
import dev.pipelinesdk.forecast.model.WeightedModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What-if scenarios, hand-checked on small forward-only chains. */
class ScenariosTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final StageId P = StageId.of("p");
  static final StageId Q = StageId.of("q");
  /** Forward-only: p -> q -> won, lost from each. */
  static final PipelineDefinition PQ = PipelineDefinition.builder("pq").currency("EUR")
      .stage(Stage.open("p", "P", 0.1)).stage(Stage.open("q", "Q", 0.4))
      .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
      .path("p", "q", "won").fromEveryOpenStage("lost").build();
  static final Simulation SIM = Simulation.of(20_000, 7);

  /** A deal created in p at {@code at}, then through {@code stages}, one every {@code gaps}. */
  static DealHistory deal(String id, String amount, Instant at, Object... stagesAndDays) {
    Pipeline pipeline = Pipeline.of(PQ, () -> at);
    Request r = Request.by("import");
    DealHistory h = pipeline.importDeal(NewDeal.builder().id(id).title(id).stage(P)
        .amount(Money.of(amount, "EUR")).build(), r.at(at)).historyOrThrow();
    Instant t = at;
    for (int i = 0; i < stagesAndDays.length; i += 2) {
      t = t.plus(Duration.ofMinutes(Math.round((Double) stagesAndDays[i + 1] * 1440)));
      h = pipeline.importFact(h, new Command.MoveTo(StageId.of((String) stagesAndDays[i])),
          r.at(t)).historyOrThrow();
    }
    return h;
  }

  /**
   * 20 closed deals through p: 10 lost there, 10 to q of which {@code wonAtQ} won and the rest
   * lost. Open: A (1000) in p, B (2000) moved to q. So p's visits: 21 ended, 11 forward
   * (c_p = 11/21); q's: 10 ended, wonAtQ forward.
   */
  static List<DealHistory> small(int wonAtQ) {
    List<DealHistory> hs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Instant at = T0.plus(Duration.ofDays(i));
      if (i < 10) {
        hs.add(deal("L" + i, "100", at, "lost", 3.0));
      } else {
        hs.add(deal("C" + i, "100", at, "q", 2.0, i - 10 < wonAtQ ? "won" : "lost", 4.0));
      }
    }
    hs.add(deal("A", "1000", T0.plus(Duration.ofDays(25))));
    hs.add(deal("B", "2000", T0.plus(Duration.ofDays(25)), "q", 1.0));
    return hs;
  }

  static final Instant AS_OF = T0.plus(Duration.ofDays(30));

  static ForecastInput input(List<DealHistory> hs, Duration horizon) {
    return ForecastInput.of(PQ, hs, AS_OF, horizon);
  }

  static double p(Forecast f, String deal) {
    return f.deals().stream().filter(d -> d.deal().value().equals(deal)).findFirst()
        .orElseThrow().probability();
  }

  @Test
  void theObservedConversionCountsEndedVisitsAndForwardMoves() {
    var c = Scenarios.conversions(input(small(4), Duration.ofDays(30)));
    assertThat(c.get(P)).isEqualTo(new StageConversion(P, 21, 11));
    assertThat(c.get(Q)).isEqualTo(new StageConversion(Q, 10, 4));
    assertThat(c.get(Q).share()).hasValue(0.4);
  }

  /**
   * Markov without smoothing on the forward-only chain: x_q = c_q and x_p = c_p c_q. Raising q's
   * conversion from 4/10 to 5/10 (+10 points) by scaling equals refitting on histories where one
   * more visit to q was won: x_q = 5/10, x_p = 11/21 x 5/10. Exact, to rounding.
   */
  @Test
  void conversionScalingEqualsTheRefitOnAForwardOnlyChain() {
    ForecastModel markov = new MarkovModel(0);
    ForecastInput base = input(small(4), Duration.ofDays(30));
    WhatIf w = Scenarios.apply(markov, base, Scenario.of(new Change.Conversion(Q, 10)));
    Forecast refit = markov.forecast(input(small(5), Duration.ofDays(30)));
    assertThat(p(w.base(), "B")).isCloseTo(0.4, within(1e-12));
    assertThat(p(w.base(), "A")).isCloseTo(11.0 / 21 * 0.4, within(1e-12));
    assertThat(p(w.forecast(), "B")).isCloseTo(p(refit, "B"), within(1e-12)).isCloseTo(0.5,
        within(1e-12));
    assertThat(p(w.forecast(), "A")).isCloseTo(p(refit, "A"), within(1e-12))
        .isCloseTo(11.0 / 21 * 0.5, within(1e-12));
    assertThat(w.changes()).containsExactly("conversion of Q +10 points (40.0% of 10 ended"
        + " visits -> 50.0%): the 2 open deals at or before it x1.250");
    // p's conversion changes only the deal at p; the deal past it keeps its probability
    WhatIf atP = Scenarios.apply(markov, base, Scenario.of(new Change.Conversion(P, -11)));
    assertThat(p(atP.forecast(), "B")).isEqualTo(p(atP.base(), "B"));
    assertThat(p(atP.forecast(), "A")).isCloseTo((11.0 / 21 - 0.11) * 0.4, within(1e-12));
  }

  /**
   * The time-aware model on a generated forward-only chain whose q converts better in a coupled
   * copy: each visit to q draws one uniform U and one exit time; it is won if U &lt; 0.4 (base)
   * or U &lt; 0.5 (better), so the better histories are the base ones with some losses at q
   * turned into wins at the same instant. Every visit's outcome time is the same in both, so the
   * Kaplan-Meier survival is the same and only the win incidence grows, by the realised
   * conversion ratio: scaling the base forecast by it matches the model refitted on the better
   * histories within sampling error (the flipped visits are a random subset).
   */
  @Test
  void conversionScalingMatchesTheTimeAwareModelRefittedOnBetterHistories() {
    List<DealHistory> base = new ArrayList<>();
    List<DealHistory> better = new ArrayList<>();
    Random random = new Random(11);
    int n = 6000;
    for (int i = 0; i < n; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i * 300L * 1440 / n));
      double tp = -10 * Math.log(1 - random.nextDouble());
      boolean forward = random.nextDouble() < 0.6;
      double tq = -15 * Math.log(1 - random.nextDouble());
      double u = random.nextDouble();
      String id = "G" + i;
      if (!forward) {
        DealHistory h = deal(id, "1000", at, "lost", tp);
        base.add(h);
        better.add(h);
      } else {
        base.add(deal(id, "1000", at, "q", tp, u < 0.4 ? "won" : "lost", tq));
        better.add(deal(id, "1000", at, "q", tp, u < 0.5 ? "won" : "lost", tq));
      }
    }
    Instant asOf = T0.plus(Duration.ofDays(300));
    Duration horizon = Duration.ofDays(30);
    ForecastInput baseIn = ForecastInput.of(PQ, base, asOf, horizon);
    ForecastInput betterIn = ForecastInput.of(PQ, better, asOf, horizon);
    double c = Scenarios.conversions(baseIn).get(Q).share().getAsDouble();
    double cBetter = Scenarios.conversions(betterIn).get(Q).share().getAsDouble();
    assertThat(cBetter - c).isBetween(0.08, 0.12);
    ForecastModel model = new CompetingRisksModel();
    WhatIf w = Scenarios.apply(model, baseIn,
        Scenario.of(new Change.Conversion(Q, 100 * (cBetter - c))));
    double scenario = w.forecast().expectedAmount().orElseThrow().amount().doubleValue();
    double refit = model.forecast(betterIn).expectedAmount().orElseThrow().amount()
        .doubleValue();
    double baseExpected = w.base().expectedAmount().orElseThrow().amount().doubleValue();
    // every deal is at or before q, so all are scaled: the ratio holds to the cent
    assertThat(scenario / baseExpected).isCloseTo(cBetter / c, within(1e-6));
    assertThat(scenario).isCloseTo(refit, within(0.03 * refit));
    assertThat(baseExpected).isLessThan(0.93 * refit); // the change is far larger than the error
  }

  @Test
  void droppingADealRemovesExactlyItsContribution() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    for (ForecastModel m : List.of(new CompetingRisksModel(), new MarkovModel(),
        new WeightedModel())) {
      WhatIf w = Scenarios.apply(m, in, Scenario.of(new Change.DropDeal(DealId.of("B"))));
      List<DealForecast> rest = w.base().deals().stream()
          .filter(d -> !d.deal().value().equals("B")).toList();
      assertThat(w.forecast().deals()).isEqualTo(rest);
      Money all = w.base().expectedAmount().orElseThrow();
      Money without = new Forecast(m.name(), AS_OF, in.horizon(), rest).expectedAmount()
          .orElseThrow();
      assertThat(w.expectedDelta()).contains(MoneyDelta.between(all, without));
      // on common random numbers no trial wins more without B
      Comparison cmp = w.compare(SIM);
      assertThat(cmp.addedDeals()).isZero();
      for (double q = 0.05; q <= 1; q += 0.05) {
        assertThat(cmp.quantileDelta(q).signum()).isLessThanOrEqualTo(0);
      }
    }
  }

  @Test
  void addingADealEqualsForecastingWithItsHistoryPresent() {
    List<DealHistory> hs = small(4);
    ForecastInput in = input(hs, Duration.ofDays(30));
    DealHistory n = Pipeline.of(PQ, () -> AS_OF).importDeal(NewDeal.builder().id("N").title("N")
        .stage(Q).amount(Money.of("12000", "EUR")).owner("ana").build(),
        Request.by("x").at(AS_OF)).historyOrThrow();
    List<DealHistory> with = new ArrayList<>(hs);
    with.add(n);
    for (String name : List.of("competing-risks", "markov", "weighted")) {
      ForecastModel m = ForecastModels.named(name);
      WhatIf w = Scenarios.apply(m, in, Scenario.of(new Change.AddDeal(DealId.of("N"), Q,
          Money.of("12000", "EUR"), Optional.of("ana"), Optional.empty())));
      assertThat(w.forecast().deals()).as(name)
          .isEqualTo(m.forecast(input(with, Duration.ofDays(30))).deals());
      Comparison cmp = w.compare(SIM);
      assertThat(cmp.addedDeals()).isEqualTo(1);
      assertThat(cmp.base().expected()).isEqualTo(w.compare(SIM).base().expected());
    }
  }

  /** Common random numbers: a change of nothing gives the same distribution, to the trial. */
  @Test
  void aZeroChangeGivesZeroDifferenceExactly() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    WhatIf w = Scenarios.apply(new CompetingRisksModel(), in, Scenario.of(
        new Change.Conversion(Q, 0), new Change.Dwell(P, 0), new Change.ShiftCloseDates(0)));
    Comparison cmp = w.compare(SIM);
    assertThat(cmp.scenario()).isEqualTo(cmp.base());
    assertThat(w.expectedDelta()).contains(MoneyDelta.zero(PQ.currency().orElseThrow()));
    assertThat(cmp.probabilityAtLeastDelta(Money.of("1000", "EUR"))).isZero();
    assertThat(cmp.quantileDelta(0.5).isZero()).isTrue();
    assertThat(w.forecast().deals()).isEqualTo(w.base().deals());
    assertThat(w.changes()).containsExactly("conversion of Q +0 points: no change",
        "0 days less at P: no change", "close dates +0 days: no change");
  }

  @Test
  void aBetterConversionNeverLowersATrialsTotalOnCommonRandomNumbers() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    WhatIf w = Scenarios.apply(new MarkovModel(), in, Scenario.of(new Change.Conversion(Q, 3)));
    Comparison cmp = w.compare(SIM);
    for (double q = 0.05; q <= 1; q += 0.05) {
      assertThat(cmp.quantileDelta(q).signum()).isGreaterThanOrEqualTo(0);
    }
    assertThat(cmp.probabilityAtLeastDelta(Money.of("2000", "EUR"))).isGreaterThanOrEqualTo(0);
    assertThat(w.expectedDelta().orElseThrow().signum()).isPositive();
  }

  /**
   * Common random numbers, as a property: any better conversion at either stage and any drop of
   * one deal, on any seed, moves every trial's total one way only, so every quantile moves that
   * way too (with independent seeds, sampling noise would break this).
   */
  @Test
  void onCommonRandomNumbersEveryQuantileMovesTheWayTheChangeDoes() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    ForecastModel m = new MarkovModel();
    // p converts 52.4% and q 40%: up to +47 points keeps both within 100%
    qt().withFixedSeed(20261215L).withExamples(40).forAll(integers().between(1, 47),
        integers().between(0, 1), longs().all()).checkAssert((points, stage, seed) -> {
          Simulation sim = Simulation.of(2_000, seed);
          Comparison better = Scenarios.apply(m, in, Scenario.of(new Change.Conversion(
              stage == 0 ? P : Q, points))).compare(sim);
          Comparison dropped = Scenarios.apply(m, in, Scenario.of(new Change.DropDeal(
              DealId.of(stage == 0 ? "A" : "B")))).compare(sim);
          for (int k = 1; k <= 20; k++) {
            assertThat(better.quantileDelta(k / 20.0).signum()).isNotNegative();
            assertThat(dropped.quantileDelta(k / 20.0).signum()).isNotPositive();
          }
        });
  }

  @Test
  void dwellForecastsTheDealsAtOrBeforeTheStageOverALongerHorizon() {
    ForecastModel model = new CompetingRisksModel();
    // A entered p 1 day ago (every visit to p stayed a day or more, so all count); the visits to
    // p had their outcome 3 days (10 lost) or 6 days (4 of 10 won) after they began, and B's,
    // censored at 5 days, none yet: within 12 hours nothing; within 5 days and 12 hours,
    // Aalen-Johansen: 21 at risk at day 3 (A censored at 1), S = 11/21, then 10 at risk at day 6:
    // F = 11/21 x 4/10
    List<DealHistory> hs = new ArrayList<>(small(4));
    hs.set(20, deal("A", "1000", T0.plus(Duration.ofDays(29))));
    ForecastInput in = input(hs, Duration.ofHours(12));
    Forecast longer = model.forecast(input(hs, Duration.ofHours(12).plusDays(5)));
    WhatIf w = Scenarios.apply(model, in, Scenario.of(new Change.Dwell(P, -5)));
    assertThat(p(w.forecast(), "A")).isEqualTo(p(longer, "A")); // at p
    assertThat(p(w.forecast(), "B")).isEqualTo(p(w.base(), "B")); // past p
    assertThat(p(w.base(), "A")).isZero();
    assertThat(p(w.forecast(), "A")).isCloseTo(11.0 / 21 * 4 / 10, within(1e-12));
    assertThat(w.changes()).containsExactly("5 days less at P: the 1 open deal at or before it"
        + " reaches its outcome that much sooner");
    WhatIf atQ = Scenarios.apply(model, in, Scenario.of(new Change.Dwell(Q, -5)));
    assertThat(p(atQ.forecast(), "B")).isEqualTo(p(longer, "B"));
    assertThat(p(atQ.forecast(), "A")).isEqualTo(p(longer, "A"));
    // longer than the horizon: nothing at or before p can be won within it
    WhatIf late = Scenarios.apply(model, in, Scenario.of(new Change.Dwell(P, 10)));
    assertThat(p(late.forecast(), "A")).isZero();
    // a model that ignores the horizon does not move
    WhatIf markov = Scenarios.apply(new MarkovModel(), in, Scenario.of(new Change.Dwell(Q, -5)));
    assertThat(markov.expectedDelta().orElseThrow().isZero()).isTrue();
  }

  @Test
  void closeDatesAreEventsAtTheAsOfInstantThatTheWeightedModelReads() {
    List<DealHistory> hs = new ArrayList<>(small(4));
    Pipeline pipeline = Pipeline.of(PQ, () -> AS_OF);
    int b = hs.size() - 1;
    hs.set(b, pipeline.importFact(hs.get(b), new Command.ChangeCloseDate(
        Optional.of(LocalDate.parse("2026-02-10"))), Request.by("ana").at(T0.plus(
            Duration.ofDays(27)))).historyOrThrow());
    ForecastInput in = input(hs, Duration.ofDays(30)); // horizon ends 2026-03-02
    WhatIf pushed = Scenarios.apply(new WeightedModel(), in,
        Scenario.of(new Change.ShiftCloseDates(30)));
    assertThat(p(pushed.base(), "B")).isEqualTo(0.4);
    assertThat(p(pushed.forecast(), "B")).isZero(); // 2026-03-12, after the horizon
    assertThat(p(pushed.forecast(), "A")).isEqualTo(0.1); // no close date: none made up
    assertThat(pushed.changes()).containsExactly("close dates 30 days later for the 1 open"
        + " deal that has one");
    WhatIf moved = Scenarios.apply(new WeightedModel(), in, Scenario.of(
        new Change.MoveCloseDate(DealId.of("A"), LocalDate.parse("2026-12-31"))));
    assertThat(p(moved.forecast(), "A")).isZero();
    assertThat(moved.changes()).containsExactly("close date of A 2026-12-31 (had none)");
    // the time-aware model does not read close dates
    WhatIf cr = Scenarios.apply(new CompetingRisksModel(), in,
        Scenario.of(new Change.ShiftCloseDates(30)));
    assertThat(cr.forecast().deals()).extracting(DealForecast::probability)
        .isEqualTo(cr.base().deals().stream().map(DealForecast::probability).toList());
  }

  @Test
  void theEditsGoThroughTheEngineAtTheAsOfInstant() {
    List<DealHistory> hs = new ArrayList<>(small(4));
    ForecastInput in = input(hs, Duration.ofDays(30));
    WhatIf w = Scenarios.apply(new WeightedModel(), in, Scenario.of(
        new Change.AddDeal(DealId.of("N"), Q, Money.of("5", "EUR"), Optional.empty(),
            Optional.of(LocalDate.parse("2026-02-15"))), new Change.ShiftCloseDates(3)));
    assertThat(w.forecast().deals().get(w.forecast().deals().size() - 1).deal().value())
        .isEqualTo("N");
    assertThat(w.changes()).containsExactly("add N at Q, 5.00 EUR, close date 2026-02-15,"
        + " created at the as-of instant", "close dates 3 days later for the 1 open deal that"
        + " has one");
  }

  @Test
  void badChangesNameTheValue() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    ForecastModel m = new MarkovModel();
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(
        new Change.Conversion(StageId.of("x"), 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conversion: 'x' is not an open stage of pipeline 'pq'; open stages: [p, q]");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(
        new Change.Dwell(StageId.of("won"), -1))))
        .hasMessageStartingWith("dwell: 'won' is not an open stage");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(new Change.Conversion(Q, 61))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conversion of Q +61 points: 40.0% would become 101.0%, outside [0%, 100%]");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(new Change.Conversion(Q, -41))))
        .hasMessageContaining("would become -1.0%");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(
        new Change.DropDeal(DealId.of("D-99")))))
        .hasMessage("drop: no deal 'D-99' is open at the as-of instant");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(
        new Change.DropDeal(DealId.of("L1"))))) // closed
        .hasMessage("drop: no deal 'L1' is open at the as-of instant");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(
        new Change.MoveCloseDate(DealId.of("Z"), LocalDate.parse("2026-05-01")))))
        .hasMessage("close date: no deal 'Z' is open at the as-of instant");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(Change.AddDeal.of(
        DealId.of("A"), Q, Money.of("5", "EUR")))))
        .hasMessageContaining("deal id 'A' is already used");
    assertThatThrownBy(() -> Scenarios.apply(m, in, Scenario.of(Change.AddDeal.of(
        DealId.of("N"), Q, Money.of("5", "USD")))))
        .hasMessage("add: amount 5.00 USD of deal 'N' is not in EUR, the pipeline's currency");
    assertThatThrownBy(() -> new Change.Conversion(Q, Double.NaN))
        .hasMessageContaining("not NaN");
    assertThatThrownBy(() -> new Change.Dwell(Q, 40_000)).hasMessageContaining("not 40000");
  }

  @Test
  void aStageWithoutEndedVisitsOrWithZeroConversionCannotBeScaled() {
    // only A, open in p: no visit ended anywhere
    ForecastInput in = input(List.of(deal("A", "10", T0)), Duration.ofDays(30));
    assertThatThrownBy(() -> Scenarios.apply(new WeightedModel(), in,
        Scenario.of(new Change.Conversion(P, 5))))
        .hasMessage("conversion of P +5 points: no visit to it had ended by the as-of instant,"
            + " so there is no conversion to change");
    ForecastInput lost = input(List.of(deal("A", "10", T0), deal("L", "10", T0, "lost", 1.0)),
        Duration.ofDays(30));
    assertThatThrownBy(() -> Scenarios.apply(new WeightedModel(), lost,
        Scenario.of(new Change.Conversion(P, 5))))
        .hasMessageContaining("its conversion is 0% (none of its 1 ended visits moved forward)");
  }

  @Test
  void theScenarioForecastSaysWhatChangedEachProbability() {
    ForecastInput in = input(small(4), Duration.ofDays(30));
    WhatIf w = Scenarios.apply(new MarkovModel(), in, Scenario.of(new Change.Conversion(Q, 10),
        new Change.Dwell(Q, -2)));
    assertThat(w.forecast().deals().get(0).basis())
        .isEqualTo("learned (markov) for P; what-if: forecast over the horizon +2 days, x1.250"
            + " for conversion");
    assertThat(w.forecast().deals().stream().map(DealForecast::deal).toList())
        .isEqualTo(w.base().deals().stream().map(DealForecast::deal).toList());
    assertThat(w.forecast().horizon()).isEqualTo(in.horizon());
    assertThat(w.forecast().deals()).allSatisfy(d -> assertThat(d.probability()).isBetween(0.0,
        1.0));
  }
}
