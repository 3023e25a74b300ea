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
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The competing-risks model, hand-checked on a small censored example. */
class CompetingRisksModelTest {
  /**
   * Five visits: won at 1 day, lost at 2, censored at 3, won at 4 and at 5. Aalen-Johansen:
   * F_won(t) = sum over event times t_j <= t of S(t_j-) d_j / n_j, S the Kaplan-Meier survival
   * of "no outcome yet". t=1: n=5, F=1/5, S=4/5; t=2 (lost): n=4, S=4/5*3/4=3/5; t=3 censored;
   * t=4: n=2, F=1/5+3/5*1/2=1/2, S=3/10; t=5: n=1, F=1/2+3/10=4/5, S=0. Check: F_won(inf) +
   * F_lost(inf) = 4/5 + 1/5 = 1.
   */
  @Test
  void aalenJohansenByHand() {
    CompetingRisksModel.Incidence inc = CompetingRisksModel.aalenJohansen(List.of(
        new double[] {4, 1}, new double[] {1, 1}, new double[] {2, 2}, new double[] {3, 0},
        new double[] {5, 1}));
    assertThat(inc.won(1)).isCloseTo(0.2, within(1e-12));
    assertThat(inc.survival(2.5)).isCloseTo(0.6, within(1e-12));
    assertThat(inc.won(4)).isCloseTo(0.5, within(1e-12));
    assertThat(inc.won(99)).isCloseTo(0.8, within(1e-12));
    // 1.5 days in, horizon 3: (F(4.5) - F(1.5)) / S(1.5) = (0.5 - 0.2) / 0.8
    assertThat(inc.wonWithin(1.5, 3).getAsDouble()).isCloseTo(0.375, within(1e-12));
    assertThat(inc.wonWithin(0, 10).getAsDouble()).isCloseTo(0.8, within(1e-12));
    assertThat(inc.wonWithin(6, 10)).isEmpty(); // longer than any visit lasted
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("e", "won").fromEveryOpenStage("lost").build();

  private static DealHistory deal(String id, int created, String end, int endDay) {
    Pipeline p = Pipeline.of(ONE, () -> T0);
    Request r = Request.by("import");
    DealHistory h = p.importDeal(NewDeal.builder().id(id).title(id)
        .amount(Money.of("100", "EUR")).build(), r.at(T0.plus(Duration.ofDays(created))))
        .historyOrThrow();
    if (end != null) {
      h = p.importFact(h, new Command.MoveTo(StageId.of(end)),
          r.at(T0.plus(Duration.ofDays(endDay)))).historyOrThrow();
    }
    return h;
  }

  @Test
  void aFreshDealGetsTheWinsToComeAndAStaleOneNone() {
    // closed visits won after 10 days (3), lost after 5 (1); FRESH entered 1 day before the
    // as-of instant, STALE 40 days before: longer than any visit lasted
    List<DealHistory> h = List.of(deal("A", 0, "won", 10), deal("B", 1, "won", 11),
        deal("C", 2, "won", 12), deal("D", 3, "lost", 8), deal("FRESH", 49, null, 0),
        deal("STALE", 10, null, 0));
    Forecast f = new CompetingRisksModel().forecast(ForecastInput.of(ONE, h,
        T0.plus(Duration.ofDays(50)), Duration.ofDays(30)));
    assertThat(f.deals()).extracting(d -> d.deal().value()).containsExactly("FRESH", "STALE");
    // visits: FRESH censored at 1, D lost at 5 (n=5: S=4/5), A B C won at 10 (n=4: F=4/5*3/4
    // = 0.6, S=1/5), STALE censored at 40. FRESH, 1 day in: (F(31) - F(1)) / S(1) = 0.6.
    assertThat(f.deals().get(0).probability()).isCloseTo(0.6, within(1e-12));
    // STALE, 40 days in: no win ever came after 10 days
    assertThat(f.deals().get(1).probability()).isZero();
    assertThat(f.deals().get(1).basis()).isEqualTo("Engaging, 40 days in stage (1 of 6 visits"
        + " stayed 40 days or more)");
  }

  private static final PipelineDefinition TWO = PipelineDefinition.builder("two")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.open("n", "Negotiating", 0.7))
      .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost")).path("e", "n", "won")
      .fromEveryOpenStage("lost").build();

  private static DealHistory moving(String id, int created, int... dayAndStage) {
    Pipeline p = Pipeline.of(TWO, () -> T0);
    Request r = Request.by("import");
    DealHistory h = p.importDeal(NewDeal.builder().id(id).title(id)
        .amount(Money.of("100", "EUR")).build(), r.at(T0.plus(Duration.ofDays(created))))
        .historyOrThrow();
    String[] stages = {"n", "won", "lost"};
    for (int i = 0; i < dayAndStage.length; i += 2) {
      h = p.importFact(h, new Command.MoveTo(StageId.of(stages[dayAndStage[i + 1]])),
          r.at(T0.plus(Duration.ofDays(dayAndStage[i])))).historyOrThrow();
    }
    return h;
  }

  /**
   * Still in the stage: A, B and C left Engaging for Negotiating after 2 days and won on day 20;
   * D and E sat in Engaging until they were lost on day 15. X has sat in Engaging for 10 days.
   * Over every visit without an outcome by day 10, 3 of 5 were won within the 30 days after
   * (0.6), but those three had left Engaging long before: of the visits that stayed 10 days in
   * Engaging (D, E, and X itself, censored), none was won, so X gets 0.
   */
  @Test
  void aDealStillInItsStageIsComparedWithVisitsThatStayedAsLong() {
    List<DealHistory> h = List.of(moving("A", 0, 2, 0, 20, 1), moving("B", 0, 2, 0, 20, 1),
        moving("C", 0, 2, 0, 20, 1), moving("D", 0, 15, 2), moving("E", 0, 15, 2),
        moving("X", 40));
    Instant asOf = T0.plus(Duration.ofDays(50));
    CompetingRisksModel m = new CompetingRisksModel();
    CompetingRisksModel.Incidence all = m.fit(TWO, h, asOf).get(StageId.of("e"));
    assertThat(all.wonWithin(10, 30).getAsDouble()).isCloseTo(0.6, within(1e-12));
    Forecast f = m.forecast(ForecastInput.of(TWO, h, asOf, Duration.ofDays(30)));
    assertThat(f.deals()).singleElement().satisfies(d -> {
      assertThat(d.deal().value()).isEqualTo("X");
      assertThat(d.probability()).isZero();
      assertThat(d.basis()).isEqualTo("Engaging, 10 days in stage (3 of 6 visits stayed 10 days"
          + " or more)");
    });
    // a fresh X, one day in: every visit stayed a day or more, so nothing is left out
    List<DealHistory> fresh = List.of(h.get(0), h.get(1), h.get(2), h.get(3), h.get(4),
        moving("X", 49));
    Forecast g = m.forecast(ForecastInput.of(TWO, fresh, asOf, Duration.ofDays(30)));
    // visits: X censored at 1, D and E lost at 15 (n=5: S=3/5), A B C won at 20 (n=3: F=3/5):
    // (F(31) - F(1)) / S(1) = 0.6
    assertThat(g.deals().get(0).probability()).isCloseTo(0.6, within(1e-12));
  }

  /** No visit has ended yet: nothing was learned, the stage default is used and said. */
  @Test
  void aStageWhoseVisitsHaveNotEndedKeepsItsDefault() {
    Forecast f = new CompetingRisksModel().forecast(ForecastInput.of(ONE,
        List.of(deal("A", 0, null, 0), deal("B", 3, null, 0)), T0.plus(Duration.ofDays(5)),
        Duration.ofDays(30)));
    assertThat(f.deals()).allSatisfy(d -> {
      assertThat(d.probability()).isEqualTo(0.5);
      assertThat(d.basis()).isEqualTo("stage default of Engaging (none of its 2 visits has ended"
          + " yet)");
    });
  }
}
