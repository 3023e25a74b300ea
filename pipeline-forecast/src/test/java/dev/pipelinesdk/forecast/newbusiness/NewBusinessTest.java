package dev.pipelinesdk.forecast.newbusiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.pipelinesdk.core.DealEvent;
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
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.testkit.gen.Histories;
import dev.pipelinesdk.forecast.testing.LookAhead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** New business: by hand, its edge cases, no look-ahead, and recovering a known process. */
class NewBusinessTest {
  private static final Instant AS_OF = Instant.parse("2026-04-01T00:00:00Z");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Simulation SIM = Simulation.of(4_000, 3);
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one").currency("EUR")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.dormant("dark", "Gone dark"))
      .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost"))
      .path("e", "won").fromEveryOpenStage("lost").fromEveryOpenStage("dark").path("dark", "e")
      .build();

  private static Instant day(double d) {
    return AS_OF.plus(Duration.ofSeconds(Math.round(d * 86_400)));
  }

  /** A deal created on day {@code created} (0 is the as-of instant), then moved: stage, day. */
  private static DealHistory deal(String id, double created, String amount, Object... moves) {
    Pipeline p = Pipeline.of(ONE, () -> AS_OF);
    Request r = Request.by("import");
    NewDeal.Builder b = NewDeal.builder().id(id).title(id);
    if (amount != null) {
      b.amount(Money.of(amount, "EUR"));
    }
    DealHistory h = p.importDeal(b.build(), r.at(day(created))).historyOrThrow();
    for (int i = 0; i < moves.length; i += 2) {
      h = p.importFact(h, new Command.MoveTo(StageId.of((String) moves[i])),
          r.at(day(((Number) moves[i + 1]).doubleValue()))).historyOrThrow();
    }
    return h;
  }

  /**
   * Four old deals, created 100 days before the as-of instant: A won after 2 days; B went dark
   * after 1 day, revived and was won after 2 (a first win counts however it came); C lost after
   * 4; D went dark after 4 and is still dark (competing, like a loss). Five recent ones, created
   * a day before the as-of instant, open: E to H with 100, 200, 300, 400, I without an amount.
   */
  private static List<DealHistory> handExample() {
    return List.of(deal("A", -100, "50", "won", -98), deal("B", -100, "50", "dark", -99, "e",
        -98.5, "won", -98), deal("C", -100, "50", "lost", -96), deal("D", -100, "50", "dark", -96),
        deal("E", -1, "100"), deal("F", -1, "200"), deal("G", -1, "300"), deal("H", -1, "400"),
        deal("I", -1, null));
  }

  private static ForecastInput input(List<DealHistory> histories, long horizonDays) {
    return ForecastInput.of(ONE, histories, AS_OF, Duration.ofDays(horizonDays));
  }

  /**
   * Lookback 10 days: the five recent deals, 0.5 a day (the old ones are outside it). F_won by
   * deal age (Aalen-Johansen, F(t) = sum over t_j &le; t of S(t_j-) d_j / n_j): E to I censored
   * at 1 day; at 2 days A and B won of the 4 at risk: F = 2/4 = 0.5, S = 0.5; at 4 C and D end
   * otherwise: S = 0. So F = 0 below 2 days and 0.5 from 2 on. Horizon 10 days: integral_0^10 F
   * = 0.5 x 8 = 4, share won 0.4; expected wins 0.5 x 10 x 0.4 = 2; mean amount of the four with
   * one (250): expected 500.
   */
  @Test
  void theExpectedValueByHandWithAConstantRate() {
    NewBusinessForecast nb = NewBusiness.forecast(input(handExample(), 10), Duration.ofDays(10),
        SIM);
    assertThat(nb.dealsInLookback()).isEqualTo(5);
    assertThat(nb.dealsWithAmount()).isEqualTo(4);
    assertThat(nb.lookback()).isEqualTo(Duration.ofDays(10));
    assertThat(nb.arrivalsPerDay()).isCloseTo(0.5, within(1e-12));
    assertThat(nb.wonWithinHorizonShare()).isCloseTo(0.4, within(1e-12));
    assertThat(nb.expectedWins()).isCloseTo(2, within(1e-12));
    assertThat(nb.expected()).contains(Money.of("500.00", "EUR"));
    assertThat(nb.notes()).containsExactly("1 of the 5 deals created in the lookback has no"
        + " amount: they count in the rate; won amounts are drawn from the 4 that have one");
    AmountDistribution d = nb.distribution().orElseThrow();
    assertThat(nb.p10()).contains(d.p10());
    assertThat(nb.p90()).contains(d.p90());
    assertThat(d.expected().amount().subtract(nb.expected().get().amount()).abs())
        .isLessThanOrEqualTo(d.expectedStandardError().amount().multiply(
            java.math.BigDecimal.valueOf(4)));
    assertThat(nb.assumptions()).contains("Poisson process", "Aalen-Johansen",
        "leaves out the uncertainty of F_won and of the amounts");
  }

  @Test
  void aDealFirstSeenClosedCountsNeitherInTheRateNorInTheConversion() {
    List<DealHistory> h = new ArrayList<>(handExample());
    h.add(Pipeline.of(ONE, () -> AS_OF).importDeal(NewDeal.builder().id("Z").title("Z")
        .stage(StageId.of("won")).amount(Money.of("9999", "EUR")).build(),
        Request.by("import").at(day(-2))).historyOrThrow());
    NewBusinessForecast nb = NewBusiness.forecast(input(h, 10), Duration.ofDays(10), SIM);
    assertThat(nb.dealsInLookback()).isEqualTo(5);
    assertThat(nb.wonWithinHorizonShare()).isCloseTo(0.4, within(1e-12));
    assertThat(nb.expected()).contains(Money.of("500.00", "EUR"));
    assertThat(nb.notes()).first().isEqualTo("1 deal first seen won or lost is left out: when"
        + " they were created is not known");
  }

  @Test
  void theDefaultLookbackIsTheHorizonOr90DaysWhicheverIsLonger() {
    assertThat(NewBusiness.defaultLookback(Duration.ofDays(60))).isEqualTo(Duration.ofDays(90));
    assertThat(NewBusiness.defaultLookback(Duration.ofDays(120)))
        .isEqualTo(Duration.ofDays(120));
    NewBusinessForecast nb = NewBusiness.forecast(input(handExample(), 10), SIM);
    assertThat(nb.lookback()).isEqualTo(Duration.ofDays(90));
    assertThat(nb.dealsInLookback()).isEqualTo(5); // the old deals are 100 days old
  }

  @Test
  void theTotalAddsTheOpenDealsTrialByTrial() {
    ForecastInput in = input(handExample(), 10);
    NewBusinessForecast nb = NewBusiness.forecast(in, Duration.ofDays(10), SIM);
    OpenDeals open = OpenDeals.builder(EUR).add(0.5, Money.of("100", "EUR"))
        .add(0.25, Money.of("1000", "EUR")).build();
    AmountDistribution alone = Distributions.monteCarlo(open, SIM);
    AmountDistribution total = nb.total(open).orElseThrow();
    assertThat(total.dealCount()).isEqualTo(2);
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      assertThat(total.quantile(q).amount()).isGreaterThanOrEqualTo(alone.quantile(q).amount());
    }
    // mean of the total within 4 standard errors of the sum of the exact expected values
    double exact = 500 + 0.5 * 100 + 0.25 * 1000;
    assertThat(total.expected().amount().doubleValue()).isCloseTo(exact,
        within(4 * total.expectedStandardError().amount().doubleValue()));
  }

  @Test
  void noDealInTheLookbackIsARateOf0AndSaysSo() {
    List<DealHistory> old = handExample().subList(0, 4);
    NewBusinessForecast nb = NewBusiness.forecast(input(old, 10), Duration.ofDays(10), SIM);
    assertThat(nb.dealsInLookback()).isZero();
    assertThat(nb.arrivalsPerDay()).isZero();
    assertThat(nb.expectedWins()).isZero();
    assertThat(nb.expected()).contains(Money.of("0.00", "EUR"));
    assertThat(nb.p10()).contains(Money.of("0.00", "EUR"));
    assertThat(nb.p90()).contains(Money.of("0.00", "EUR"));
    // -ln(0.05) / 10 = 0.2996
    assertThat(nb.notes()).containsExactly("no deal was created in the 10-day lookback: the"
        + " arrival rate is taken as 0, so new business is 0; the data cannot rule out up to 0.30"
        + " new deals a day (the one-sided 95% upper bound, -ln(0.05) / 10 days)");
    assertThat(nb.distribution().orElseThrow().includes()).doesNotContain(
        dev.pipelinesdk.core.forecast.UncertaintySource.ARRIVAL_RATE);
  }

  @Test
  void noClosedDealYetMeansNoShareWon() {
    List<DealHistory> open = List.of(deal("E", -20, "100"), deal("F", -5, "200"));
    NewBusinessForecast nb = NewBusiness.forecast(input(open, 30), Duration.ofDays(30), SIM);
    assertThat(nb.dealsInLookback()).isEqualTo(2);
    assertThat(nb.lookback()).isEqualTo(Duration.ofDays(20)); // cut to the first deal
    assertThat(nb.arrivalsPerDay()).isCloseTo(0.1, within(1e-12));
    assertThat(nb.wonWithinHorizonShare()).isZero();
    assertThat(nb.expected()).contains(Money.of("0.00", "EUR"));
    assertThat(nb.notes()).containsExactly(
        "the lookback is cut to 20 days: the first deal was created then, and nothing is known"
            + " from before",
        "no deal has been won by the as-of instant: nothing says a new deal can be won, so the"
            + " share won within the horizon is 0",
        "deals are followed for at most 20 days after their creation: F_won beyond that age is"
            + " taken as its last value");
  }

  @Test
  void withoutAnyAmountTheAmountPartIsEmptyNot0() {
    List<DealHistory> h = new ArrayList<>(handExample().subList(0, 4));
    for (String id : List.of("E", "F")) {
      h.add(deal(id, -1, null));
    }
    NewBusinessForecast nb = NewBusiness.forecast(input(h, 10), Duration.ofDays(10), SIM);
    assertThat(nb.expectedWins()).isCloseTo(0.2 * 10 * 0.4, within(1e-12)); // 2 deals in 10 days
    assertThat(nb.expected()).isEmpty();
    assertThat(nb.p50()).isEmpty();
    assertThat(nb.distribution()).isEmpty();
    assertThat(nb.total(OpenDeals.none(EUR))).isEmpty();
    assertThat(nb.notes()).containsExactly("none of the 2 deals created in the lookback has an"
        + " amount: the amount of new business is unknown; the number of new deals won stays");
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    ForecastInput in = input(handExample(), 10);
    assertThatThrownBy(() -> NewBusiness.forecast(in, Duration.ZERO, SIM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lookback must be positive, not PT0S");
    assertThatThrownBy(() -> NewBusiness.forecast(in, Duration.ofDays(-1), SIM))
        .hasMessage("lookback must be positive, not PT-24H");
    assertThatThrownBy(() -> NewBusiness.forecast(in, Duration.ofDays(10), Simulation.of(1, 1)))
        .hasMessageStartingWith("new business needs at least 2 trials, not 1");
    assertThatThrownBy(() -> input(handExample(), 0))
        .hasMessage("horizon must be positive, not PT0S");
    assertThatThrownBy(() -> input(handExample(), -5))
        .hasMessage("horizon must be positive, not PT-120H");
    assertThatThrownBy(() -> NewBusiness.defaultLookback(Duration.ZERO))
        .hasMessage("horizon must be positive, not PT0S");
    ForecastInput none = ForecastInput.of(ONE, List.of(deal("LATE", 3, "5")), AS_OF,
        Duration.ofDays(10));
    assertThatThrownBy(() -> NewBusiness.forecast(none, SIM)).hasMessage("no deal was created by"
        + " the as-of instant 2026-04-01T00:00:00Z: there is nothing to learn new business from");
    ForecastInput allAtOnce = ForecastInput.of(ONE, List.of(deal("NOW", 0, "5")), AS_OF,
        Duration.ofDays(10));
    assertThatThrownBy(() -> NewBusiness.forecast(allAtOnce, SIM)).hasMessage("every deal was"
        + " created at the as-of instant 2026-04-01T00:00:00Z: there is no time to measure how"
        + " often deals arrive");
  }

  @Test
  void theSameSeedGivesTheSameAnswerWith1To8Threads() {
    ForecastInput in = input(handExample(), 10);
    OpenDeals open = OpenDeals.builder(EUR).add(0.5, Money.of("100", "EUR")).build();
    Simulation s = Simulation.of(20_000, 8); // five blocks of trials
    List<NewBusinessForecast> forecasts = new ArrayList<>();
    List<Optional<AmountDistribution>> totals = new ArrayList<>();
    for (int threads : new int[] {1, 2, 8}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        NewBusinessForecast nb = NewBusiness.forecast(in, Duration.ofDays(10), s, pool);
        forecasts.add(nb);
        totals.add(nb.total(open, pool));
      } finally {
        pool.shutdown();
      }
    }
    assertThat(forecasts).allSatisfy(f -> assertThat(f).isEqualTo(forecasts.get(0)));
    assertThat(totals).allSatisfy(t -> assertThat(t).isEqualTo(totals.get(0)));
  }

  /**
   * No look-ahead: random engine-made histories (through {@code ONE}, whose one currency keeps
   * amounts comparable), a random cutoff among their instants; the
   * forecast over the whole histories equals the one over the histories as they stood at the
   * cutoff (cut here, independently of {@link ForecastInput}), so no event after the cutoff (a
   * deal created later, a later win, loss or amount) changes anything.
   */
  @Test
  void laterEventsNeverChangeTheForecast() {
    qt().withFixedSeed(20260502L).withExamples(100).forAll(
        lists().of(Histories.forDefinition(ONE).histories()).ofSizeBetween(1, 25),
        integers().between(0, 10_000))
        .checkAssert((histories, pick) -> {
          Instant cutoff = LookAhead.cutoff(histories, pick);
          List<DealHistory> known = LookAhead.asTheyStood(histories, cutoff);
          Simulation s = Simulation.of(64, pick);
          Duration horizon = Duration.ofDays(60);
          Duration lookback = Duration.ofDays(1 + pick % 400);
          assertThat(outcome(() -> NewBusiness.forecast(ForecastInput.of(ONE, histories, cutoff,
              horizon), lookback, s))).isEqualTo(outcome(() -> NewBusiness.forecast(
              ForecastInput.of(ONE, known, cutoff, horizon), lookback, s)));
        });
  }

  /** The forecast, or the message it was refused with (mixed currencies, no time to measure). */
  private static Object outcome(java.util.function.Supplier<NewBusinessForecast> forecast) {
    try {
      return forecast.get();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * A synthetic process with known arrival rate and conversion: deals created as a Poisson
   * process of 20 a day for 300 days before the as-of instant; each is won with probability 0.3,
   * uniformly within 20 days of its creation, or else lost uniformly within 30 days (events after
   * the as-of instant are in the histories too; the input cuts them). So F_won(a) = 0.3 min(a /
   * 20, 1) and, over a 30-day horizon, the share won is (1/30)(0.3 x 10 + 0.3 x 10) = 0.2.
   *
   * <p>Tolerances, from standard errors, at 4 of them: the rate's estimate n / L with n ~
   * Poisson(20 L) over the default lookback L = 90 days has standard deviation sqrt(20 / 90). The
   * share is an average over ages of F_won estimates, so its standard deviation is at most the
   * largest of theirs; each F_won(a) &le; 0.3 has a standard deviation of at most sqrt(0.3 x 0.7
   * / m), with m the deals created 30 or more days before the as-of instant (whose outcome is
   * known by then: the complete cases, a lower bound on the information the Aalen-Johansen
   * estimator uses).
   */
  @Test
  void recoversAKnownArrivalRateAndConversion() {
    SplittableRandom random = new SplittableRandom(20260503L);
    List<DealHistory> histories = new ArrayList<>();
    double rate = 20;
    double t = -300;
    int n = 0;
    int complete = 0;
    while (true) {
      t += -Math.log1p(-random.nextDouble()) / rate;
      if (t > 0) {
        break;
      }
      String amount = Integer.toString(100 * (1 + random.nextInt(10)));
      boolean won = random.nextDouble() < 0.3;
      double end = t + (won ? 20 : 30) * random.nextDouble();
      histories.add(deal("N" + n++, t, amount, won ? "won" : "lost", end));
      complete += t <= -30 ? 1 : 0;
    }
    NewBusinessForecast nb = NewBusiness.forecast(input(histories, 30), SIM);
    assertThat(nb.lookback()).isEqualTo(Duration.ofDays(90));
    assertThat(nb.arrivalsPerDay()).isCloseTo(rate, within(4 * Math.sqrt(rate / 90)));
    assertThat(nb.wonWithinHorizonShare()).isCloseTo(0.2,
        within(4 * Math.sqrt(0.3 * 0.7 / complete)));
  }
}
