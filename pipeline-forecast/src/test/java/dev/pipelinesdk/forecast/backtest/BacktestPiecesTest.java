package dev.pipelinesdk.forecast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.forecast.model.CompetingRisksModel;
import dev.pipelinesdk.forecast.testing.KnownProcess;
import dev.pipelinesdk.forecast.testing.KnownProcess.Parameters;
import dev.pipelinesdk.forecast.testing.KnownProcess.StageRates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A backtest is its cutoffs forecast one by one ({@link Backtest#forecastAt}, {@link
 * Backtest#forecastCalibratedAt}), each interval drawn and each cutoff scored ({@link
 * Backtest.CutoffForecast#evaluate}), and the cutoffs combined ({@link Backtest#combine}): the
 * pieces, made separately (each cutoff on its own, in shuffled order, its interval from trial
 * blocks drawn in shuffled order), give exactly what {@link Backtest#run} and {@link
 * Backtest#runCalibrated} give.
 */
class BacktestPiecesTest {
  private static final KnownProcess PROCESS = new KnownProcess(new Parameters(List.of(
      new StageRates(0.6, 0.3, 0.1, 1 / 7.0), new StageRates(0.55, 0.35, 0.1, 1 / 14.0)),
      3, 300, 0.1, 8, KnownProcess.DEFAULT_START));
  private static final Duration HORIZON = Duration.ofDays(30);
  private static final Currency EUR = Money.currency("EUR");
  /** One whole block and a short second one. */
  private static final Simulation TRIALS = Simulation.of(TrialBlocks.TRIALS_PER_BLOCK + 300, 9);
  private static final ForecastModel MODEL = new CompetingRisksModel();
  private static final List<DealHistory> HISTORIES = PROCESS.histories(20261202L, 0.3, 30);

  /** Seven cutoffs 30 days apart from day 120, and one long after the data's end. */
  private static List<Instant> cutoffs() {
    List<Instant> out = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      out.add(KnownProcess.DEFAULT_START.plus(Duration.ofDays(120 + 30L * k)));
    }
    out.add(KnownProcess.DEFAULT_START.plus(Duration.ofDays(10_000)));
    return out;
  }

  /** Every cutoff on its own, in a shuffled order, each interval from its blocks shuffled. */
  private static Backtest.Result inPieces(boolean calibrated, long shuffle) {
    Random random = new Random(shuffle);
    List<Instant> cutoffs = cutoffs();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < cutoffs.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Backtest.Evaluation[] evaluations = new Backtest.Evaluation[cutoffs.size()];
    for (int i : order) {
      Backtest.CutoffForecast f = calibrated
          ? Backtest.forecastCalibratedAt(MODEL, Calibration.Settings.defaults(),
              PROCESS.definition(), HISTORIES, cutoffs.get(i), HORIZON, TRIALS, EUR)
          : Backtest.forecastAt(MODEL, PROCESS.definition(), HISTORIES, cutoffs.get(i),
              HORIZON, TRIALS, EUR);
      TrialBlocks run = Distributions.trialBlocks(f.openDeals(), f.simulation());
      List<TrialBlocks.Block> blocks = new ArrayList<>();
      for (int b = 0; b < run.count(); b++) {
        blocks.add(run.draw(b));
      }
      Collections.shuffle(blocks, random);
      evaluations[i] = f.evaluate(run.combine(blocks));
    }
    return Backtest.combine(List.of(evaluations));
  }

  @Test
  void theCutoffsForecastApartAndCombinedAreTheBacktest() {
    Backtest.Result whole = Backtest.run(MODEL, PROCESS.definition(), HISTORIES, cutoffs(),
        HORIZON, TRIALS, EUR);
    assertThat(inPieces(false, 1)).isEqualTo(whole);
    assertThat(inPieces(false, 2)).isEqualTo(whole);
    // not vacuous: scored and unscored cutoffs, deals in several reliability bins, wins
    // stale visits keep the data going past day 330, so every cutoff's horizon but the far one's
    // is over by the last event
    assertThat(whole.scoredCutoffs()).isEqualTo(7);
    assertThat(whole.cutoffs().get(7).scored()).isFalse();
    assertThat(whole.reliability().stream().filter(b -> b.deals() > 0).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(whole.wape()).isPresent();
    assertThat(whole.calibrated()).isFalse();
  }

  @Test
  void soAreTheCalibratedOnes() {
    Backtest.Result whole = Backtest.runCalibrated(MODEL, Calibration.Settings.defaults(),
        PROCESS.definition(), HISTORIES, cutoffs(), HORIZON, TRIALS, EUR);
    assertThat(inPieces(true, 3)).isEqualTo(whole);
    assertThat(whole.calibrated()).isTrue();
    assertThat(whole.cutoffs()).allSatisfy(c -> assertThat(c.calibration()).isPresent());
  }

  @Test
  void aCutoffIsScoredOnlyWithItsOwnInterval() {
    Backtest.CutoffForecast f = Backtest.forecastAt(MODEL, PROCESS.definition(), HISTORIES,
        cutoffs().get(2), HORIZON, TRIALS, EUR);
    AmountDistribution otherSeed = Distributions.monteCarlo(f.openDeals(),
        Simulation.of(TRIALS.trials(), 10));
    assertThatThrownBy(() -> f.evaluate(otherSeed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the one of cutoff " + cutoffs().get(2));
    // the same trials drawn in one go: the row run gives for that cutoff
    Backtest.Evaluation e = f.evaluate(Distributions.monteCarlo(f.openDeals(), f.simulation()));
    assertThat(e.cutoff()).isEqualTo(Backtest.run(MODEL, PROCESS.definition(), HISTORIES,
        List.of(cutoffs().get(2)), HORIZON, TRIALS, EUR).cutoffs().get(0));
    assertThat(e.forecast()).isSameAs(f);
  }

  @Test
  void cutoffsOfDifferentBacktestsDoNotCombine() {
    Instant at = cutoffs().get(2);
    Backtest.CutoffForecast raw = Backtest.forecastAt(MODEL, PROCESS.definition(), HISTORIES, at,
        HORIZON, TRIALS, EUR);
    Backtest.CutoffForecast longer = Backtest.forecastAt(MODEL, PROCESS.definition(), HISTORIES,
        at, Duration.ofDays(60), TRIALS, EUR);
    Backtest.Evaluation a = raw.evaluate(Distributions.monteCarlo(raw.openDeals(),
        raw.simulation()));
    Backtest.Evaluation b = longer.evaluate(Distributions.monteCarlo(longer.openDeals(),
        longer.simulation()));
    assertThatThrownBy(() -> Backtest.combine(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cutoff " + at + " (competing-risks, PT1440H, EUR) is not of the backtest of"
            + " cutoff " + at + " (competing-risks, PT720H, EUR)");
    assertThatThrownBy(() -> Backtest.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no cutoff to backtest at");
    assertThatThrownBy(() -> Backtest.forecastAt(MODEL, PROCESS.definition(), List.of(), at,
        HORIZON, TRIALS, EUR)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no history to backtest on");
  }
}
