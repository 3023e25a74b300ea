package dev.pipelinesdk.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.forecast.testing.KnownProcess;
import dev.pipelinesdk.forecast.testing.KnownProcess.Parameters;
import dev.pipelinesdk.forecast.testing.KnownProcess.StageRates;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The models recover the parameters of a {@link KnownProcess}. Every tolerance is 4 standard
 * errors of the estimate, derived from the sample sizes the estimate rests on (never tuned to the
 * data): a correct estimator falls outside with a probability of about 6e-5 per check, and the
 * seeds are fixed, so a run is deterministic. Each check also asserts that the truth is far from
 * what a plausible mistake would give, so the tolerance is narrow enough to fail.
 */
class KnownProcessRecoveryTest {
  private static final double SES = 4;

  /** Four stages, every one leaking to lost and dark, a tenth of the visits 8x slower. */
  private static final KnownProcess FOUR = new KnownProcess(new Parameters(List.of(
      new StageRates(0.6, 0.3, 0.1, 1 / 7.0), new StageRates(0.5, 0.35, 0.15, 1 / 14.0),
      new StageRates(0.7, 0.2, 0.1, 1 / 10.0), new StageRates(0.55, 0.35, 0.1, 1 / 21.0)),
      30, 365, 0.1, 8, KnownProcess.DEFAULT_START));

  private static Instant day(double d) {
    return KnownProcess.DEFAULT_START.plus(Duration.ofMillis(Math.round(d * 86_400_000.0)));
  }

  private static Instant afterEverything(List<DealHistory> histories) {
    return histories.stream().map(h -> h.events().get(h.size() - 1).at())
        .max(Comparator.naturalOrder()).orElseThrow().plus(Duration.ofDays(1));
  }

  /**
   * The Markov chain's P(eventually won | stage k), fitted at the end of the creation year (deals
   * still in a stage censored), is the product of the estimated forward shares of stages k to n,
   * so by the delta method {@code Var(log x) = sum over stages i >= k of (1 - f_i) / (n_i f_i)}
   * with {@code n_i} the exits of stage i observed; the tolerance is 4 x {@code x SE(log x)}.
   */
  @Test
  void markovLearnsTheProductOfTheForwardProbabilities() {
    List<DealHistory> histories = FOUR.histories(20261201L);
    ForecastInput input = ForecastInput.of(FOUR.definition(), histories, day(365),
        Duration.ofDays(90));
    MarkovModel.Fitted fitted = new MarkovModel(0).fit(FOUR.definition(), input.histories());
    for (int k = 1; k <= 4; k++) {
      double truth = FOUR.wonEventually(k);
      double varLog = 0;
      double darkAsCensored = 1; // a plausible mistake: going dark taken as "not left yet"
      for (int i = k; i <= 4; i++) {
        StageRates law = FOUR.parameters().stages().get(i - 1);
        varLog += (1 - law.forward()) / (fitted.exits().get(KnownProcess.stage(i)) * law.forward());
        darkAsCensored *= law.forward() / (law.forward() + law.lost());
      }
      double tolerance = SES * truth * Math.sqrt(varLog);
      assertThat(fitted.byStage().get(KnownProcess.stage(k))).as("stage %d", k)
          .isCloseTo(truth, within(tolerance));
      if (k == 1) { // 0.186 against 0.1155: the check can fail
        assertThat(darkAsCensored - truth).isGreaterThan(tolerance);
      }
    }
  }

  /**
   * One open stage, exponential dwell of rate 1/20 per day, won with 0.6 and lost with 0.4: the
   * hazards are {@code lambda_w = 0.03}, {@code lambda_l = 0.02}, so {@code P(won within H) =
   * lambda_w / (lambda_w + lambda_l) (1 - exp(-(lambda_w + lambda_l) H))}. Fitted at the end of
   * the creation year, the visits that entered in its last H days are censored before H; the
   * standard error is taken as the binomial one of the complete cases, {@code sqrt(p (1 - p) /
   * m)} with {@code m} the visits that entered at least H days before the as-of instant (their
   * status at H is known). The Aalen-Johansen estimate uses those visits and the censored ones
   * too, so its error is no larger: the tolerance is conservative.
   */
  @Test
  void competingRisksOnOneStageFollowsTheExponentialFormula() {
    KnownProcess one = new KnownProcess(new Parameters(List.of(
        new StageRates(0.6, 0.4, 0, 1 / 20.0)), 30, 365, 0, 1, KnownProcess.DEFAULT_START));
    List<DealHistory> histories = one.histories(7L);
    Instant asOf = day(365);
    CompetingRisksModel.Incidence inc = new CompetingRisksModel().fit(one.definition(),
        ForecastInput.of(one.definition(), histories, asOf, Duration.ofDays(1)).histories(), asOf)
        .get(KnownProcess.stage(1));
    double lw = 0.03;
    double ll = 0.02;
    for (double h : new double[] {7, 30, 90, 180}) {
      double truth = lw / (lw + ll) * (1 - Math.exp(-(lw + ll) * h));
      assertThat(truth).isCloseTo(one.lastStageWonWithin(0, h), within(1e-12));
      long m = histories.stream()
          .filter(x -> !x.created().at().isAfter(day(365 - h))).count();
      assertThat(m).isGreaterThan(1000); // a finite, meaningful tolerance
      double tolerance = SES * Math.sqrt(truth * (1 - truth) / m);
      assertThat(inc.wonWithin(0, h).getAsDouble()).as("H = %s days", h)
          .isCloseTo(truth, within(tolerance));
      // losses taken as censoring (Kaplan-Meier of the wins alone) would give 1 - exp(-lw H):
      // too close to tell at 7 days, far outside from 30 on
      if (h >= 30) {
        assertThat(1 - Math.exp(-lw * h) - truth).isGreaterThan(tolerance);
      }
    }
  }

  /**
   * Stale visits: a fifth of the visits last 10x longer. The chance of a win in the next 30 days
   * then falls with the time already spent (the slow visits are what is left), {@code forward x
   * (S(u) - S(u + h)) / S(u)} with {@code S} the mixture's survival; a memoryless exponential
   * would give the same at every u. The standard error is again the complete cases' binomial one,
   * over the visits that lasted more than u days and entered at least {@code u + h} days before
   * the as-of instant.
   */
  @Test
  void competingRisksGivesADealThatHasSatLongTheStaleDealsChance() {
    KnownProcess stale = new KnownProcess(new Parameters(List.of(
        new StageRates(0.6, 0.3, 0.1, 1 / 10.0)), 40, 365, 0.2, 10, KnownProcess.DEFAULT_START));
    List<DealHistory> histories = stale.histories(11L);
    Instant asOf = day(365);
    CompetingRisksModel.Incidence inc = new CompetingRisksModel().fit(stale.definition(),
        ForecastInput.of(stale.definition(), histories, asOf, Duration.ofDays(1)).histories(), asOf)
        .get(KnownProcess.stage(1));
    double h = 30;
    for (double u : new double[] {0, 10, 40}) {
      double truth = stale.lastStageWonWithin(u, h);
      long m = histories.stream().filter(x -> !x.created().at().isAfter(day(365 - u - h)))
          .filter(x -> x.size() == 1 || !x.events().get(1).at()
              .isBefore(x.created().at().plus(Duration.ofMillis(Math.round(u * 86_400_000.0)))))
          .count();
      assertThat(m).isGreaterThan(1000);
      double tolerance = SES * Math.sqrt(truth * (1 - truth) / m);
      assertThat(inc.wonWithin(u, h).getAsDouble()).as("u = %s days", u)
          .isCloseTo(truth, within(tolerance));
      // memoryless would give 0.6 (1 - e^-3) = 0.570 at every u; at u = 40 the truth is 0.196
      if (u == 40) {
        assertThat(0.6 * (1 - Math.exp(-3)) - truth).isGreaterThan(tolerance);
      }
    }
  }

  /**
   * On the four-stage pipeline, P(won within H | stage k, u = 0) approaches P(eventually won |
   * k), the product of the forward probabilities, as H grows. Fitted after every deal has ended
   * (no censoring), the estimate at {@code H = 3650} days is the share of visits to stage k whose
   * deal was won within H, binomial with {@code n_k} visits; the truth within H is short of the
   * product by at most {@code P(some stage's visit lasts over H / 4 days) <= sum_i S_i(H / 4)}
   * (under 2e-3 here), which is added to the tolerance.
   */
  @Test
  void competingRisksOverALongHorizonApproachesTheProductOfTheForwardProbabilities() {
    List<DealHistory> histories = FOUR.histories(5L);
    Instant asOf = afterEverything(histories);
    var fitted = new CompetingRisksModel().fit(FOUR.definition(), histories, asOf);
    double h = 3650;
    double truncation = 0;
    for (int i = 1; i <= 4; i++) {
      truncation += FOUR.visitLastsLonger(i, h / 4);
    }
    assertThat(truncation).isLessThan(2e-3);
    for (int k = 1; k <= 4; k++) {
      StageId s = KnownProcess.stage(k);
      CompetingRisksModel.Incidence inc = fitted.get(s);
      long visits = histories.stream().filter(x -> entered(x, s)).count();
      assertThat(inc.visits()).isEqualTo((int) visits);
      double truth = FOUR.wonEventually(k);
      double tolerance = SES * Math.sqrt(truth * (1 - truth) / visits) + truncation;
      assertThat(inc.wonWithin(0, h).getAsDouble()).as("stage %d", k)
          .isCloseTo(truth, within(tolerance));
      if (k == 1) { // going dark taken as censoring would give 0.186 against 0.1155
        assertThat(0.6 / 0.9 * 0.5 / 0.85 * 0.7 / 0.9 * 0.55 / 0.9 - truth)
            .isGreaterThan(tolerance);
      }
    }
  }

  private static boolean entered(DealHistory h, StageId s) {
    return h.created().deal().stage().equals(s) || h.events().stream()
        .anyMatch(e -> e instanceof DealEvent.StageChanged c && c.to().equals(s));
  }
}
