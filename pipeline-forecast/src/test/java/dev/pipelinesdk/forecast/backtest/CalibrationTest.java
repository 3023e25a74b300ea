package dev.pipelinesdk.forecast.backtest;

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
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.forecast.UncertaintySource;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import dev.pipelinesdk.testkit.gen.Histories;
import dev.pipelinesdk.forecast.testing.LookAhead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Self-calibration worked out by hand, and its promise of no look-ahead. */
class CalibrationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one")
      .stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("e", "won").fromEveryOpenStage("lost").build();

  /** Every open deal has the same probability: what a model knows does not matter here. */
  private record Constant(double p) implements ForecastModel {
    @Override
    public String name() {
      return "constant";
    }

    @Override
    public String assumptions() {
      return "every open deal " + p;
    }

    @Override
    public Forecast forecast(ForecastInput input) {
      return new Forecast(name(), input.asOf(), input.horizon(), input.open().stream()
          .map(h -> new DealForecast(h.dealId(), h.current().stage(), h.current().amount(), p,
              "constant")).toList());
    }
  }

  private static DealHistory deal(String id, String amount, int createdDay, String end,
      int endDay) {
    Pipeline p = Pipeline.of(ONE, () -> T0);
    Request r = Request.by("import");
    DealHistory h = p.importDeal(NewDeal.builder().id(id).title(id)
        .amount(Money.of(amount, "EUR")).build(), r.at(day(createdDay))).historyOrThrow();
    if (end != null) {
      h = p.importFact(h, new Command.MoveTo(StageId.of(end)), r.at(day(endDay)))
          .historyOrThrow();
    }
    return h;
  }

  private static Instant day(int d) {
    return T0.plus(Duration.ofDays(d));
  }

  /**
   * One origin: as-of day 70, horizon 30, so the origin is day 40 (day 10, the next, has less
   * than a horizon of history before it). Ten deals of 100 open then, each 0.2; five won on day
   * 45, five lost on day 55; Z, created on day 60, is open at the as-of instant with an amount, so
   * amounts are weighed. Expected 200, actual 500 (inside [50, 950],
   * the continuity bounds). The shift solves 1000 logistic(logit 0.2 + b) = 500, so b = logit 0.5
   * - logit 0.2 = ln 4; its standard error sqrt(10 x 100^2 x 1/4) / (10 x 100 x 1/4) = 0.632456.
   */
  @Test
  void theErrorAtOneOriginIsTheShiftThatMatchesWhatWasWon() {
    List<DealHistory> h = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      h.add(deal("D" + i, "100", 0, i < 5 ? "won" : "lost", i < 5 ? 45 : 55));
    }
    h.add(deal("Z", "100", 60, null, 0)); // open at the as-of instant: amounts are weighed
    ForecastInput in = ForecastInput.of(ONE, h, day(70), Duration.ofDays(30));
    Calibration c = Calibration.of(new Constant(0.2), in, Calibration.Settings.defaults());
    assertThat(c.origins()).hasSize(1); // day 10 has less than a horizon of history before it
    Calibration.Origin o = c.origins().get(0);
    assertThat(o.origin()).isEqualTo(day(40));
    assertThat(o.deals()).isEqualTo(10);
    assertThat(o.expected()).isCloseTo(200, within(1e-9));
    assertThat(o.actual()).isCloseTo(500, within(1e-9));
    assertThat(o.shift()).isCloseTo(Math.log(4), within(1e-9));
    assertThat(o.shiftStandardError()).isCloseTo(Math.sqrt(25_000) / 250, within(1e-9));
    // one origin is fewer than the 3 needed: the priors alone, no shift
    assertThat(c.fallback()).isTrue();
    assertThat(c.shift()).isZero();
    assertThat(c.sharedLogitSd()).isCloseTo(Math.hypot(0.3, 0.5), within(1e-12));
    assertThat(c.describe()).startsWith("not calibrated: 1 past origin usable, 3 needed");
  }

  /** Nothing won at an origin: the continuity correction keeps the shift finite. */
  @Test
  void anOriginWhereNothingWasWonGivesAFiniteShift() {
    List<DealHistory> h = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      h.add(deal("D" + i, "100", 0, "lost", 55));
    }
    h.add(deal("Z", "100", 60, null, 0));
    Calibration c = Calibration.of(new Constant(0.2),
        ForecastInput.of(ONE, h, day(70), Duration.ofDays(30)), Calibration.Settings.defaults());
    // the outcome is taken as half a deal (50 of 400): logistic(logit 0.2 + b) = 1/8
    assertThat(c.origins().get(0).shift()).isCloseTo(Math.log((1.0 / 7) / 0.25), within(1e-9));
  }

  /**
   * Pooling by hand: shifts 0.1, 0.3, 0.5, each with standard error 0.1, origins a horizon
   * apart (no overlap). Fixed-effect weights 100, mean 0.3, Q = 100 x (0.04 + 0 + 0.04) = 8,
   * C = 300 - 30000/300 = 200, tau^2 = (8 - 2) / 200 = 0.03. Random-effect weights 1/0.04 = 25,
   * pooled 0.3, se^2 = 1/75. Shrunk by the prior 0.25: 0.3 x 0.25 / (0.25 + 1/75) and se^2 =
   * 0.25/75 / (0.25 + 1/75). Between-period variance (3 x 0.03 + 2 x 0.09) / 5 = 0.054.
   */
  @Test
  void originsArePooledAsInARandomEffectsMetaAnalysis() {
    Duration h = Duration.ofDays(30);
    List<Calibration.Origin> o = List.of(origin(0.1), origin(0.3), origin(0.5));
    Calibration c = Calibration.pool(Calibration.Settings.defaults(), true, o, h);
    assertThat(c.fallback()).isFalse();
    double se2 = 1.0 / 75;
    assertThat(c.shift()).isCloseTo(0.3 * 0.25 / (0.25 + se2), within(1e-12));
    double shrunk2 = 0.25 * se2 / (0.25 + se2);
    assertThat(c.shiftStandardError()).isCloseTo(Math.sqrt(shrunk2), within(1e-12));
    assertThat(c.betweenOriginSd()).isCloseTo(Math.sqrt(0.054), within(1e-12));
    assertThat(c.sharedLogitSd()).isCloseTo(Math.sqrt(0.054 + shrunk2), within(1e-12));
    // origins 10 days apart with a 30-day horizon overlap threefold: se^2 three times larger
    Calibration overlapping = Calibration.pool(Calibration.Settings.defaults()
        .withOrigins(12, Duration.ofDays(10)), true, o, h);
    assertThat(overlapping.shift()).isCloseTo(0.3 * 0.25 / (0.25 + 3 * se2), within(1e-12));
    // identical shifts: no spread between periods beyond the prior's share
    Calibration same = Calibration.pool(Calibration.Settings.defaults(), true,
        List.of(origin(0.2), origin(0.2), origin(0.2)), h);
    assertThat(same.betweenOriginSd()).isCloseTo(Math.sqrt(2 * 0.09 / 5), within(1e-12));
  }

  private static Calibration.Origin origin(double shift) {
    return new Calibration.Origin(T0, 10, 100, 100, shift, 0.1);
  }

  @Test
  void applyingShiftsTheLogOddsAndLeavesCertainDealsAlone() {
    Calibration c = Calibration.pool(Calibration.Settings.defaults(), true,
        List.of(origin(1), origin(1), origin(1)), Duration.ofDays(30));
    Forecast raw = new Forecast("m", T0, Duration.ofDays(30), List.of(
        new DealForecast(dev.pipelinesdk.core.DealId.of("a"), StageId.of("e"),
            Optional.of(Money.of("100", "EUR")), 0.2, "x"),
        new DealForecast(dev.pipelinesdk.core.DealId.of("b"), StageId.of("e"),
            Optional.of(Money.of("100", "EUR")), 0.0, "x"),
        new DealForecast(dev.pipelinesdk.core.DealId.of("c"), StageId.of("e"),
            Optional.of(Money.of("100", "EUR")), 1.0, "x")));
    Forecast f = c.apply(raw);
    double expected = 1 / (1 + Math.exp(-(Math.log(0.25) + c.shift())));
    assertThat(f.deals().get(0).probability()).isCloseTo(expected, within(1e-12));
    assertThat(f.deals().get(1).probability()).isZero();
    assertThat(f.deals().get(2).probability()).isEqualTo(1.0);
    assertThat(f.deals().get(0).basis()).startsWith("x; calibrated: log-odds +");
    assertThat(c.factor(raw).getAsDouble()).isCloseTo((100 * expected + 100) / 120, within(1e-4));
    assertThat(c.simulation(100, 3).includes()).contains(UncertaintySource.SHARED_LOGIT_SHIFT);
    assertThat(c.simulation(100, 3).sharedLogitSd()).isEqualTo(c.sharedLogitSd());
  }

  @Test
  void settingsNameTheBadValue() {
    assertThatThrownBy(() -> Calibration.Settings.defaults().withOrigins(0, Duration.ofDays(1)))
        .hasMessage("origins must be at least 1, not 0");
    assertThatThrownBy(() -> Calibration.Settings.defaults().withOrigins(3, Duration.ZERO))
        .hasMessage("step must be positive, not PT0S");
    assertThatThrownBy(() -> new Calibration.Settings(3, Duration.ofDays(1), 1, 0.5, 0.3, 2))
        .hasMessage("minimumOrigins must be at least 2, not 1");
    assertThatThrownBy(() -> new Calibration.Settings(3, Duration.ofDays(1), 2, Double.NaN, 0.3,
        2)).hasMessage("priorBiasSd must be positive and finite, not NaN");
  }

  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");

  /**
   * No look-ahead: the calibration at an instant, made from histories with events after it,
   * equals the one made from the histories as they stood then (cut here, independently of
   * {@link ForecastInput}).
   */
  @Test
  void laterEventsNeverChangeACalibration() {
    java.util.concurrent.atomic.AtomicInteger withOrigins = new java.util.concurrent.atomic
        .AtomicInteger();
    qt().withFixedSeed(20261202L).withExamples(60).forAll(
        lists().of(Histories.forDefinition(SAAS).histories()).ofSizeBetween(1, 25),
        integers().between(0, 10_000))
        .checkAssert((histories, pick) -> {
          Instant cutoff = LookAhead.cutoff(histories, pick);
          List<DealHistory> known = LookAhead.asTheyStood(histories, cutoff);
          Calibration.Settings s = Calibration.Settings.defaults()
              .withOrigins(6, Duration.ofDays(3));
          ForecastModel m = new CompetingRisksModel();
          Duration h = Duration.ofDays(5);
          Calibration all = Calibration.of(m, ForecastInput.of(SAAS, histories, cutoff, h), s);
          assertThat(all).isEqualTo(Calibration.of(m, ForecastInput.of(SAAS, known, cutoff, h),
              s));
          if (!all.origins().isEmpty()) {
            withOrigins.incrementAndGet();
          }
        });
    assertThat(withOrigins.get()).as("examples with a usable origin").isGreaterThan(5);
  }
}
