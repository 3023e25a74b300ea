package dev.pipelinesdk.forecast.backtest;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A model's forecasts replayed at past cutoffs against what happened. At each cutoff the model
 * sees only what was known then ({@link ForecastInput} cuts the histories); the outcome is what
 * the deals open at the cutoff won in (cutoff, cutoff + horizon], read from the whole histories.
 * The expected amount is exact (the sum of amount times probability); the interval is the 80% one
 * of the amount distribution ({@link Distributions#monteCarlo}): deal outcomes only for {@link
 * #run}, deal outcomes and the model error estimated from the past for {@link #runCalibrated},
 * which self-calibrates the model at every cutoff with what was known then ({@link
 * Calibration}).
 *
 * <p>Measures, per cutoff and overall: absolute percentage error (empty when nothing was won),
 * WAPE ({@code sum |expected - actual| / sum actual}) and bias ({@code sum (expected - actual) /
 * sum actual}), both empty when nothing was won at any cutoff; the share of cutoffs whose actual
 * lies in [P10, P90]; pinball loss at 0.1, 0.5 and 0.9 (mean over cutoffs, in the currency); the
 * Brier score and log loss of the per-deal probabilities (won within the horizon or not; log loss
 * with probabilities clamped to [1e-6, 1 - 1e-6]); a reliability table in deciles of the
 * predicted probability. A cutoff whose horizon ends after the data's last event cannot be scored
 * (its outcome is not known yet): it is listed, flagged and left out of the overall measures.
 */
public final class Backtest {
  private static final double CLAMP = 1e-6;

  private Backtest() {}

  /**
   * One cutoff.
   *
   * @param cutoff the cutoff instant
   * @param scored whether the horizon was over by the data's last event (else not scored)
   * @param openDeals the deals open at the cutoff
   * @param expected the expected won amount
   * @param p10 the 10% quantile of the won amount
   * @param p50 the median
   * @param p90 the 90% quantile
   * @param actual what the open deals won within the horizon
   * @param absolutePercentageError {@code |expected - actual| / actual}; empty if nothing was won
   * @param covered whether the actual lies in [P10, P90]
   * @param brier the mean squared error of the per-deal probabilities
   * @param logLoss the mean log loss of the per-deal probabilities
   * @param calibration the self-calibration made at the cutoff (with what was known then), if
   *     the backtest calibrates
   */
  public record Cutoff(Instant cutoff, boolean scored, int openDeals, BigDecimal expected,
      BigDecimal p10, BigDecimal p50, BigDecimal p90, BigDecimal actual,
      OptionalDouble absolutePercentageError, boolean covered, double brier, double logLoss,
      Optional<Calibration> calibration) {}

  /**
   * One decile of predicted probabilities.
   *
   * @param from the lower end of the decile (inclusive)
   * @param to the upper end (exclusive; the last includes 1)
   * @param deals the deal forecasts in it, over all scored cutoffs
   * @param predicted their mean predicted probability; empty without deals
   * @param observed the share of them won within the horizon; empty without deals
   */
  public record ReliabilityBin(double from, double to, long deals, OptionalDouble predicted,
      OptionalDouble observed) {}

  /**
   * The backtest.
   *
   * @param model the model's name
   * @param calibrated whether each cutoff's forecast was self-calibrated
   * @param horizon the horizon
   * @param currency the currency of the amounts
   * @param cutoffs every cutoff, in the order given
   * @param scoredCutoffs how many were scored
   * @param wape weighted absolute percentage error over the scored cutoffs
   * @param bias relative bias over the scored cutoffs
   * @param coverage80 the share of scored cutoffs with the actual in [P10, P90]; empty if none
   * @param pinball10 mean pinball loss of P10
   * @param pinball50 mean pinball loss of P50
   * @param pinball90 mean pinball loss of P90
   * @param brier the Brier score over every scored deal forecast; empty if none
   * @param logLoss the log loss over every scored deal forecast; empty if none
   * @param reliability the reliability table
   */
  public record Result(String model, boolean calibrated, Duration horizon, Currency currency, List<Cutoff> cutoffs,
      int scoredCutoffs, OptionalDouble wape, OptionalDouble bias, OptionalDouble coverage80,
      OptionalDouble pinball10, OptionalDouble pinball50, OptionalDouble pinball90,
      OptionalDouble brier, OptionalDouble logLoss, List<ReliabilityBin> reliability) {}

  /**
   * Runs a backtest of a model as it is, without self-calibration.
   *
   * @param model the model
   * @param definition the definition
   * @param histories the whole histories
   * @param cutoffs the cutoff instants
   * @param horizon the horizon, positive
   * @param simulation the Monte Carlo settings of the intervals
   * @param currency the currency of the amounts (every amount must be in it)
   * @return the result
   * @throws IllegalArgumentException if there is no cutoff, no history, or an amount in another
   *     currency, naming the deal
   */
  public static Result run(ForecastModel model, PipelineDefinition definition,
      List<DealHistory> histories, List<Instant> cutoffs, Duration horizon,
      Simulation simulation, Currency currency) {
    return run(model, Optional.empty(), definition, histories, cutoffs, horizon, simulation,
        currency);
  }

  /**
   * Runs a backtest of a model self-calibrated at every cutoff: the {@link Calibration} at a
   * cutoff uses only what was known then (its origins lie before the cutoff), the forecast is
   * corrected by it and the interval includes its model error (the simulation's trials and seed,
   * the calibration's shared log-odds spread).
   *
   * @param model the model
   * @param calibration how each cutoff is calibrated
   * @param definition the definition
   * @param histories the whole histories
   * @param cutoffs the cutoff instants
   * @param horizon the horizon, positive
   * @param simulation the trials and seed of the intervals (its model-uncertainty settings are
   *     replaced by the calibration's)
   * @param currency the currency of the amounts (every amount must be in it)
   * @return the result
   * @throws IllegalArgumentException if there is no cutoff, no history, or an amount in another
   *     currency, naming the deal
   */
  public static Result runCalibrated(ForecastModel model, Calibration.Settings calibration,
      PipelineDefinition definition, List<DealHistory> histories, List<Instant> cutoffs,
      Duration horizon, Simulation simulation, Currency currency) {
    return run(model, Optional.of(calibration), definition, histories, cutoffs, horizon,
        simulation, currency);
  }

  private static Result run(ForecastModel model, Optional<Calibration.Settings> calibrate,
      PipelineDefinition definition, List<DealHistory> histories, List<Instant> cutoffs,
      Duration horizon, Simulation simulation, Currency currency) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(calibrate, "calibration is null");
    if (cutoffs.isEmpty()) {
      throw new IllegalArgumentException("no cutoff to backtest at");
    }
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("no history to backtest on");
    }
    Outcomes outcomes = new Outcomes(histories);
    Instant last = outcomes.last();
    List<Cutoff> out = new ArrayList<>();
    long[] binDeals = new long[10];
    double[] binPredicted = new double[10];
    double[] binWon = new double[10];
    double absError = 0;
    double signedError = 0;
    double actualSum = 0;
    double[] pinball = new double[3];
    int covered = 0;
    int scored = 0;
    double brierSum = 0;
    double logSum = 0;
    long dealForecasts = 0;
    for (Instant cutoff : cutoffs) {
      ForecastInput input = ForecastInput.of(definition, histories, cutoff, horizon);
      Forecast f = model.forecast(input);
      Optional<Calibration> cal = calibrate.map(c -> Calibration.of(model, input, c));
      Simulation sim = simulation;
      if (cal.isPresent()) {
        f = cal.get().apply(f);
        sim = cal.get().simulation(simulation.trials(), simulation.seed());
      }
      boolean canScore = !input.end().isAfter(last);
      OpenDeals deals = OpenDeals.of(currency, f);
      BigDecimal actual = BigDecimal.ZERO;
      double brier = 0;
      double log = 0;
      for (DealForecast d : f.deals()) {
        Outcomes.Won win = outcomes.wonWithin(d.deal().value(), cutoff, input.end());
        boolean won = win != null;
        if (won && win.amount().isPresent()) {
          if (!win.amount().get().currency().equals(currency)) {
            throw new IllegalArgumentException("deal '" + d.deal() + "' was won in "
                + win.amount().get().currency() + ", not " + currency);
          }
          actual = actual.add(win.amount().get().amount());
        }
        double p = d.probability();
        double y = won ? 1 : 0;
        brier += (p - y) * (p - y);
        double pc = Math.min(1 - CLAMP, Math.max(CLAMP, p));
        log += -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
        if (canScore) {
          int bin = Math.min(9, (int) (p * 10));
          binDeals[bin]++;
          binPredicted[bin] += p;
          binWon[bin] += y;
        }
      }
      AmountDistribution dist = Distributions.monteCarlo(deals, sim);
      BigDecimal expected = f.expectedAmount().map(Money::amount).orElse(BigDecimal.ZERO);
      BigDecimal p10 = dist.p10().amount();
      BigDecimal p50 = dist.p50().amount();
      BigDecimal p90 = dist.p90().amount();
      double a = actual.doubleValue();
      boolean in = actual.compareTo(p10) >= 0 && actual.compareTo(p90) <= 0;
      int n = f.deals().size();
      Cutoff c = new Cutoff(cutoff, canScore, n, expected, p10, p50, p90, actual,
          a == 0 ? OptionalDouble.empty()
              : OptionalDouble.of(Math.abs(expected.doubleValue() - a) / a),
          in, n == 0 ? 0 : brier / n, n == 0 ? 0 : log / n, cal);
      out.add(c);
      if (canScore) {
        scored++;
        absError += Math.abs(expected.doubleValue() - a);
        signedError += expected.doubleValue() - a;
        actualSum += a;
        covered += in ? 1 : 0;
        pinball[0] += pinball(a, p10.doubleValue(), 0.1);
        pinball[1] += pinball(a, p50.doubleValue(), 0.5);
        pinball[2] += pinball(a, p90.doubleValue(), 0.9);
        brierSum += brier;
        logSum += log;
        dealForecasts += n;
      }
    }
    List<ReliabilityBin> reliability = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      reliability.add(new ReliabilityBin(b / 10.0, (b + 1) / 10.0, binDeals[b],
          binDeals[b] == 0 ? OptionalDouble.empty() : OptionalDouble.of(binPredicted[b]
              / binDeals[b]),
          binDeals[b] == 0 ? OptionalDouble.empty() : OptionalDouble.of(binWon[b]
              / binDeals[b])));
    }
    return new Result(model.name(), calibrate.isPresent(), horizon, currency, out, scored,
        actualSum == 0 ? OptionalDouble.empty() : OptionalDouble.of(absError / actualSum),
        actualSum == 0 ? OptionalDouble.empty() : OptionalDouble.of(signedError / actualSum),
        share(covered, scored), mean(pinball[0], scored), mean(pinball[1], scored),
        mean(pinball[2], scored), mean(brierSum, dealForecasts), mean(logSum, dealForecasts),
        reliability);
  }

  private static OptionalDouble share(int part, int whole) {
    return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
  }

  private static OptionalDouble mean(double sum, long n) {
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
  }

  /** Pinball (quantile) loss of predicting {@code q}-quantile {@code yhat} for outcome {@code y}. */
  static double pinball(double y, double yhat, double q) {
    return y >= yhat ? (y - yhat) * q : (yhat - y) * (1 - q);
  }
}
