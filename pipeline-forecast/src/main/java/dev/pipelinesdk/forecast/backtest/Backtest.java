package dev.pipelinesdk.forecast.backtest;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>The cutoffs are independent of each other: {@code run} is each cutoff forecast ({@link
 * #forecastAt}, {@link #forecastCalibratedAt}), its interval drawn and the cutoff scored ({@link
 * CutoffForecast#evaluate}), and the cutoffs put together ({@link #combine}). Those pieces are
 * public so that a distributed engine can forecast each cutoff in its own task, draw the
 * interval's trials in blocks elsewhere ({@link Distributions#trialBlocks}) and combine them
 * into exactly what {@code run} gives.
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
   * One cutoff of a backtest, forecast and read against what happened, all but its interval:
   * made by {@link #forecastAt} or {@link #forecastCalibratedAt}, scored by {@link #evaluate}
   * with the Monte Carlo distribution of {@link #openDeals()} under {@link #simulation()}. The
   * cutoffs of a backtest are independent of each other, so each can be forecast in its own task
   * and its interval's trials drawn in others; a record of core values and the (serializable)
   * calibration, so it travels between them as it is.
   *
   * @param model the model's name
   * @param cutoff the cutoff instant
   * @param horizon the horizon
   * @param scored whether the horizon was over by the data's last event (else not scored)
   * @param forecast the forecast of the deals open at the cutoff, corrected by the calibration
   *     when there is one
   * @param calibration the self-calibration made at the cutoff (with what was known then), if the
   *     backtest calibrates
   * @param simulation the Monte Carlo settings of the interval (with the calibration's model
   *     error, when there is one)
   * @param currency the currency of the amounts
   * @param actual what the open deals won within the horizon
   * @param won the open deals won within the horizon
   */
  public record CutoffForecast(String model, Instant cutoff, Duration horizon, boolean scored,
      Forecast forecast, Optional<Calibration> calibration, Simulation simulation,
      Currency currency, BigDecimal actual, Set<DealId> won) {
    /**
     * Checks and copies the values.
     *
     * @param model the model's name
     * @param cutoff the cutoff
     * @param horizon the horizon
     * @param scored whether it is scored
     * @param forecast the forecast at the cutoff
     * @param calibration the calibration, if any
     * @param simulation the interval's settings
     * @param currency the currency
     * @param actual the amount won, not negative
     * @param won the deals won, each one of the forecast's
     * @throws IllegalArgumentException naming the value if the amount won is negative or a won
     *     deal is not one of the forecast's
     * @throws NullPointerException if an argument is null
     */
    public CutoffForecast {
      Objects.requireNonNull(model, "model is null");
      Objects.requireNonNull(cutoff, "cutoff is null");
      Objects.requireNonNull(horizon, "horizon is null");
      Objects.requireNonNull(forecast, "forecast is null");
      Objects.requireNonNull(calibration, "calibration is null");
      Objects.requireNonNull(simulation, "simulation is null");
      Objects.requireNonNull(currency, "currency is null");
      Objects.requireNonNull(actual, "actual is null");
      if (actual.signum() < 0) {
        throw new IllegalArgumentException("the amount won must not be negative, not " + actual);
      }
      won = Set.copyOf(Objects.requireNonNull(won, "won is null"));
      Set<DealId> open = new HashSet<>();
      forecast.deals().forEach(d -> open.add(d.deal()));
      for (DealId d : won) {
        if (!open.contains(d)) {
          throw new IllegalArgumentException("deal '" + d + "' is counted as won but was not"
              + " open at the cutoff " + cutoff);
        }
      }
    }

    /**
     * {@return the deals of the interval: the forecast's open deals with their amounts}
     *
     * @throws IllegalArgumentException naming the deal if an amount is in another currency
     */
    public OpenDeals openDeals() {
      return OpenDeals.of(currency, forecast);
    }

    /**
     * Scores the cutoff with its interval: the expected amount (exact), the interval's P10, P50
     * and P90 against the actual, the Brier score and log loss of the deal probabilities.
     *
     * @param interval the Monte Carlo distribution of {@link #openDeals()} under {@link
     *     #simulation()}, from {@link Distributions#monteCarlo} or its blocks combined
     * @return the evaluation, for {@link Backtest#combine}
     * @throws IllegalArgumentException if the interval is in another currency or was drawn with
     *     other settings, naming both
     * @throws NullPointerException if interval is null
     */
    public Evaluation evaluate(AmountDistribution interval) {
      Objects.requireNonNull(interval, "interval is null");
      if (!interval.currency().equals(currency)
          || !interval.simulation().equals(Optional.of(simulation))) {
        throw new IllegalArgumentException("the interval (" + interval.currency() + ", "
            + interval.simulation().map(Simulation::toString).orElse("exact") + ") is not the"
            + " one of cutoff " + cutoff + " (" + currency + ", " + simulation + ")");
      }
      BigDecimal expected = forecast.expectedAmount().map(Money::amount).orElse(BigDecimal.ZERO);
      BigDecimal p10 = interval.p10().amount();
      BigDecimal p50 = interval.p50().amount();
      BigDecimal p90 = interval.p90().amount();
      double a = actual.doubleValue();
      boolean in = actual.compareTo(p10) >= 0 && actual.compareTo(p90) <= 0;
      int n = forecast.deals().size();
      double[] sums = scoreSums();
      return new Evaluation(this, new Cutoff(cutoff, scored, n, expected, p10, p50, p90, actual,
          a == 0 ? OptionalDouble.empty()
              : OptionalDouble.of(Math.abs(expected.doubleValue() - a) / a),
          in, n == 0 ? 0 : sums[0] / n, n == 0 ? 0 : sums[1] / n, calibration));
    }

    /** {@return the sums of the squared errors and of the log losses over the deals, in order} */
    double[] scoreSums() {
      double brier = 0;
      double log = 0;
      for (DealForecast d : forecast.deals()) {
        double p = d.probability();
        double y = won.contains(d.deal()) ? 1 : 0;
        brier += (p - y) * (p - y);
        double pc = Math.min(1 - CLAMP, Math.max(CLAMP, p));
        log += -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
      }
      return new double[] {brier, log};
    }

    /** {@return the model, calibration, horizon and currency, for messages} */
    String describe() {
      return model + (calibration.isPresent() ? ", calibrated" : "") + ", " + horizon + ", "
          + currency;
    }
  }

  /**
   * One cutoff of a backtest, scored: its {@link Cutoff} row and the forecast it was scored from
   * (the per-deal probabilities and outcomes that the overall Brier score, log loss and
   * reliability table add up). Made by {@link CutoffForecast#evaluate}; put together by {@link
   * Backtest#combine}. Immutable.
   */
  public static final class Evaluation {
    private final CutoffForecast forecast;
    private final Cutoff cutoff;

    private Evaluation(CutoffForecast forecast, Cutoff cutoff) {
      this.forecast = forecast;
      this.cutoff = cutoff;
    }

    /** {@return the forecast it was scored from} */
    public CutoffForecast forecast() {
      return forecast;
    }

    /** {@return the cutoff's row of the backtest} */
    public Cutoff cutoff() {
      return cutoff;
    }

    /**
     * Compares the forecast and the row.
     *
     * @param other any object
     * @return whether other is an equal evaluation
     */
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Evaluation e && forecast.equals(e.forecast)
          && cutoff.equals(e.cutoff);
    }

    /**
     * Returns a hash of the forecast and the row.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return 31 * forecast.hashCode() + cutoff.hashCode();
    }

    /**
     * Describes the evaluation by its row.
     *
     * @return the description
     */
    @Override
    public String toString() {
      return "Evaluation[" + cutoff + "]";
    }
  }

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
    Outcomes outcomes = outcomes(histories);
    List<Evaluation> evaluations = new ArrayList<>();
    for (Instant cutoff : cutoffs) {
      CutoffForecast f = forecastAt(model, calibrate, definition, histories, outcomes, cutoff,
          horizon, simulation, currency);
      evaluations.add(f.evaluate(Distributions.monteCarlo(f.openDeals(), f.simulation())));
    }
    return combine(evaluations);
  }

  /**
   * Forecasts one cutoff of a backtest of a model as it is ({@link #run}) and reads what
   * happened, all but the interval: each cutoff of a backtest is independent of the others, so
   * they can be forecast in separate tasks. Its interval is the Monte Carlo distribution of
   * {@link CutoffForecast#openDeals()} with {@link CutoffForecast#simulation()} ({@link
   * Distributions#monteCarlo}, or its {@link Distributions#trialBlocks blocks} drawn elsewhere and
   * combined); {@link CutoffForecast#evaluate} scores it, and {@link #combine} puts the cutoffs
   * together into exactly what {@code run} gives.
   *
   * @param model the model
   * @param definition the definition
   * @param histories the whole histories (of every cutoff: the outcomes are read from them)
   * @param cutoff the cutoff instant
   * @param horizon the horizon, positive
   * @param simulation the Monte Carlo settings of the interval
   * @param currency the currency of the amounts (every amount must be in it)
   * @return the cutoff's forecast and what happened after it
   * @throws IllegalArgumentException if there is no history, or an amount in another currency,
   *     naming the deal; or the model's own refusal
   */
  public static CutoffForecast forecastAt(ForecastModel model, PipelineDefinition definition,
      List<DealHistory> histories, Instant cutoff, Duration horizon, Simulation simulation,
      Currency currency) {
    Objects.requireNonNull(model, "model is null");
    return forecastAt(model, Optional.empty(), definition, histories, outcomes(histories),
        cutoff, horizon, simulation, currency);
  }

  /**
   * Forecasts one cutoff of a self-calibrated backtest ({@link #runCalibrated}) and reads what
   * happened, all but the interval: as {@link #forecastAt(ForecastModel, PipelineDefinition,
   * List, Instant, Duration, Simulation, Currency)}, with the model calibrated at the cutoff on
   * what was known then, its forecast corrected and the interval's settings the calibration's.
   *
   * @param model the model
   * @param calibration how the cutoff is calibrated
   * @param definition the definition
   * @param histories the whole histories
   * @param cutoff the cutoff instant
   * @param horizon the horizon, positive
   * @param simulation the trials and seed of the interval (its model-uncertainty settings are
   *     replaced by the calibration's)
   * @param currency the currency of the amounts (every amount must be in it)
   * @return the cutoff's forecast and what happened after it
   * @throws IllegalArgumentException if there is no history, or an amount in another currency,
   *     naming the deal; or the model's own refusal
   */
  public static CutoffForecast forecastCalibratedAt(ForecastModel model,
      Calibration.Settings calibration, PipelineDefinition definition, List<DealHistory> histories,
      Instant cutoff, Duration horizon, Simulation simulation, Currency currency) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(calibration, "calibration is null");
    return forecastAt(model, Optional.of(calibration), definition, histories,
        outcomes(histories), cutoff, horizon, simulation, currency);
  }

  private static Outcomes outcomes(List<DealHistory> histories) {
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("no history to backtest on");
    }
    return new Outcomes(histories);
  }

  private static CutoffForecast forecastAt(ForecastModel model,
      Optional<Calibration.Settings> calibrate, PipelineDefinition definition,
      List<DealHistory> histories, Outcomes outcomes, Instant cutoff, Duration horizon,
      Simulation simulation, Currency currency) {
    ForecastInput input = ForecastInput.of(definition, histories, cutoff, horizon);
    Forecast f = model.forecast(input);
    Optional<Calibration> cal = calibrate.map(c -> Calibration.of(model, input, c));
    Simulation sim = simulation;
    if (cal.isPresent()) {
      f = cal.get().apply(f);
      sim = cal.get().simulation(simulation.trials(), simulation.seed());
    }
    boolean canScore = !input.end().isAfter(outcomes.last());
    OpenDeals.of(currency, f); // refuses an open amount in another currency, naming the deal
    BigDecimal actual = BigDecimal.ZERO;
    Set<DealId> won = new LinkedHashSet<>();
    for (DealForecast d : f.deals()) {
      Outcomes.Won win = outcomes.wonWithin(d.deal().value(), cutoff, input.end());
      if (win != null) {
        won.add(d.deal());
        if (win.amount().isPresent()) {
          if (!win.amount().get().currency().equals(currency)) {
            throw new IllegalArgumentException("deal '" + d.deal() + "' was won in "
                + win.amount().get().currency() + ", not " + currency);
          }
          actual = actual.add(win.amount().get().amount());
        }
      }
    }
    return new CutoffForecast(model.name(), cutoff, horizon, canScore, f, cal, sim, currency,
        actual, won);
  }

  /**
   * Puts the evaluated cutoffs of a backtest together, in the order given: what {@link #run} or
   * {@link #runCalibrated} gives when these are its cutoffs, exactly (the same sums in the same
   * order). The cutoffs may have been forecast and their intervals drawn anywhere ({@link
   * #forecastAt}, {@link #forecastCalibratedAt}).
   *
   * @param cutoffs every cutoff's evaluation, in the backtest's order, at least one; all of one
   *     model, calibrated or not alike, with one horizon and currency
   * @return the backtest
   * @throws IllegalArgumentException if there is no cutoff, or two cutoffs differ in model,
   *     calibration, horizon or currency, naming both
   */
  public static Result combine(List<Evaluation> cutoffs) {
    Objects.requireNonNull(cutoffs, "cutoffs is null");
    if (cutoffs.isEmpty()) {
      throw new IllegalArgumentException("no cutoff to backtest at");
    }
    CutoffForecast first = cutoffs.get(0).forecast();
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
    for (Evaluation e : cutoffs) {
      CutoffForecast f = e.forecast();
      if (!f.model().equals(first.model()) || f.calibration().isPresent()
          != first.calibration().isPresent() || !f.horizon().equals(first.horizon())
          || !f.currency().equals(first.currency())) {
        throw new IllegalArgumentException("cutoff " + f.cutoff() + " (" + f.describe()
            + ") is not of the backtest of cutoff " + first.cutoff() + " (" + first.describe()
            + ")");
      }
      Cutoff c = e.cutoff();
      out.add(c);
      if (!c.scored()) {
        continue;
      }
      double[] sums = f.scoreSums();
      for (DealForecast d : f.forecast().deals()) {
        double p = d.probability();
        int bin = Math.min(9, (int) (p * 10));
        binDeals[bin]++;
        binPredicted[bin] += p;
        binWon[bin] += f.won().contains(d.deal()) ? 1 : 0;
      }
      double a = c.actual().doubleValue();
      scored++;
      absError += Math.abs(c.expected().doubleValue() - a);
      signedError += c.expected().doubleValue() - a;
      actualSum += a;
      covered += c.covered() ? 1 : 0;
      pinball[0] += pinball(a, c.p10().doubleValue(), 0.1);
      pinball[1] += pinball(a, c.p50().doubleValue(), 0.5);
      pinball[2] += pinball(a, c.p90().doubleValue(), 0.9);
      brierSum += sums[0];
      logSum += sums[1];
      dealForecasts += c.openDeals();
    }
    List<ReliabilityBin> reliability = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      reliability.add(new ReliabilityBin(b / 10.0, (b + 1) / 10.0, binDeals[b],
          binDeals[b] == 0 ? OptionalDouble.empty() : OptionalDouble.of(binPredicted[b]
              / binDeals[b]),
          binDeals[b] == 0 ? OptionalDouble.empty() : OptionalDouble.of(binWon[b]
              / binDeals[b])));
    }
    return new Result(first.model(), first.calibration().isPresent(), first.horizon(),
        first.currency(), out, scored,
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
