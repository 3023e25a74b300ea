package dev.pipelinesdk.forecast.backtest;

import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.Simulation;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Self-calibration: a model backtests itself on rolling origins before the as-of instant and
 * corrects its bias and the width of its intervals from the errors it made there.
 *
 * <p><b>Origins.</b> With as-of instant {@code T} and horizon {@code H}, the origins are {@code
 * T - H - k * step} for {@code k = 0, 1, ...,} {@link Settings#origins() origins} {@code - 1}:
 * every one's horizon ended by {@code T}, so what happened in it is known at {@code T} from the
 * histories known at {@code T} (nothing after {@code T} is read). At each origin the model
 * forecasts with only what was known then. An origin with less than one horizon of history
 * before it (from the first event known) is not used: a model fitted there has never seen a
 * whole horizon pass, so its errors there say little about its errors now. An origin without an
 * open deal that could go either way is left out too.
 *
 * <p><b>The error at an origin, as a shift of the log-odds.</b> At origin {@code k}, with the
 * deals' probabilities {@code p_i} and amounts {@code a_i} (their amounts at the origin; a deal
 * without one is left out; if no deal has an amount, every deal counts 1 and the outcome is the
 * number won), the shift {@code b_k} is the one that makes the forecast match what was won:
 * {@code sum a_i logistic(logit(p_i) + b_k) = A_k}, where {@code A_k} is the amount those deals
 * won within the horizon (the amount when won). Deals with {@code p_i} of 0 or 1 are not shifted.
 * Because an outcome of nothing (or of everything) needs an infinite shift, {@code A_k} is kept
 * half a mean deal amount inside its possible range (a continuity correction, as adding 1/2 to a
 * count). Its standard error under the deals' own randomness is, by the delta method, {@code
 * s_k = sqrt(sum a_i^2 q_i (1 - q_i)) / sum a_i q_i (1 - q_i)} with {@code q_i} the shifted
 * probabilities.
 *
 * <p><b>Pooling the origins (random effects).</b> The shifts of different periods differ by more
 * than outcome noise when deals move together (a quarter's budget freeze, a model that fits some
 * periods worse). The shifts are pooled as in a random-effects meta-analysis (DerSimonian and
 * Laird, 1986): the between-origin variance {@code tau^2 = max(0, (Q - (K - 1)) / (sum w - sum
 * w^2 / sum w))} with fixed-effect weights {@code w = 1 / s_k^2} and Cochran's {@code Q}; the
 * pooled shift {@code b} is the mean weighted by {@code 1 / (s_k^2 + tau^2)}, with standard
 * error {@code 1 / sqrt(sum of those weights)}. Origins closer together than the horizon overlap,
 * so their errors are correlated: the standard error is widened by {@code sqrt(min(K, H /
 * step))}.
 *
 * <p><b>Priors (stated, never tuned to a dataset).</b> The bias has the prior {@code N(0,}
 * {@link Settings#priorBiasSd() priorBiasSd}{@code ^2)}: the pooled shift is shrunk towards 0 by
 * the usual normal-normal rule, so few or noisy origins correct little. The between-origin
 * variance is averaged with the prior {@link Settings#priorSharedLogitSd() priorSharedLogitSd}
 * {@code ^2} as if the prior were worth {@link Settings#priorWeight() priorWeight} origins. With
 * fewer than {@link Settings#minimumOrigins() minimumOrigins} usable origins the calibration
 * falls back to the priors alone: no shift, and the prior's uncertainty.
 *
 * <p><b>What it gives.</b> {@link #apply} shifts every open deal's log-odds by the shift; {@link
 * #simulation} adds a shift shared by every deal in each Monte Carlo trial with standard
 * deviation {@code sqrt(tau^2 + se^2)} ({@link #sharedLogitSd()}): how much the error moves from
 * period to period plus the uncertainty of the correction itself, the predictive spread of a
 * random-effects model. Per-deal noise is not estimated (it averages out over many deals; a
 * forecast of few deals is wider than these intervals say). The expected amount of the corrected
 * forecast is {@code sum a_i logistic(logit(p_i) + b)}; the simulated distribution's mean differs
 * from it slightly because logistic noise is not symmetric in probability.
 *
 * <p>The origins are fitted in parallel on the common fork-join pool (the model must be
 * thread-safe, as {@link ForecastModel} asks); the result does not depend on it. Immutable and
 * thread-safe; equal when made from equal errors with equal settings. Serializable (with its
 * settings and origins), so that it can travel with a forecast or a backtest between the machines
 * of a distributed job; it reads back equal.
 */
public final class Calibration implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Bisection bounds of a shift on the log-odds scale: a factor of about e^12 in odds. */
  private static final double MAX_SHIFT = 12;

  /**
   * How the calibration is made.
   *
   * @param origins the most origins to look back on, at least 1
   * @param step the time between origins, positive
   * @param minimumOrigins the fewest usable origins the errors are trusted on, at least 2 (a
   *     spread needs two); with fewer the calibration falls back to the priors
   * @param priorBiasSd the prior standard deviation of the shift, on the log-odds scale, positive
   * @param priorSharedLogitSd the prior between-origin standard deviation, at least 0
   * @param priorWeight how many origins the prior spread is worth, at least 0
   * @serial exclude
   */
  public record Settings(int origins, Duration step, int minimumOrigins, double priorBiasSd,
      double priorSharedLogitSd, double priorWeight) implements Serializable {
    /**
     * Checks the settings.
     *
     * @param origins at least 1
     * @param step positive
     * @param minimumOrigins at least 2
     * @param priorBiasSd positive and finite
     * @param priorSharedLogitSd at least 0 and finite
     * @param priorWeight at least 0 and finite
     * @throws IllegalArgumentException naming the value that is out of range
     * @throws NullPointerException if step is null
     */
    public Settings {
      Objects.requireNonNull(step, "step is null");
      if (origins < 1) {
        throw new IllegalArgumentException("origins must be at least 1, not " + origins);
      }
      if (step.isNegative() || step.isZero()) {
        throw new IllegalArgumentException("step must be positive, not " + step);
      }
      if (minimumOrigins < 2) {
        throw new IllegalArgumentException("minimumOrigins must be at least 2, not "
            + minimumOrigins);
      }
      if (!(priorBiasSd > 0 && priorBiasSd < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("priorBiasSd must be positive and finite, not "
            + priorBiasSd);
      }
      if (!(priorSharedLogitSd >= 0 && priorSharedLogitSd < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("priorSharedLogitSd must be finite and at least 0, not "
            + priorSharedLogitSd);
      }
      if (!(priorWeight >= 0 && priorWeight < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("priorWeight must be finite and at least 0, not "
            + priorWeight);
      }
    }

    /**
     * The defaults: 12 origins 30 days apart (a year of monthly origins), at least 3 of them,
     * bias prior N(0, 0.5^2) on the log-odds scale, between-origin prior 0.3 worth 2 origins. A
     * log-odds shift of 0.5 turns a probability of 0.30 into 0.41 or 0.21.
     *
     * @return the default settings
     */
    public static Settings defaults() {
      return new Settings(12, Duration.ofDays(30), 3, 0.5, 0.3, 2);
    }

    /**
     * Returns these settings with another number of origins and step.
     *
     * @param origins at least 1
     * @param step positive
     * @return the new settings
     * @throws IllegalArgumentException if a value is out of range
     */
    public Settings withOrigins(int origins, Duration step) {
      return new Settings(origins, step, minimumOrigins, priorBiasSd, priorSharedLogitSd,
          priorWeight);
    }
  }

  /**
   * One rolling origin and the error the model made there.
   *
   * @param origin the origin instant
   * @param deals the open deals at the origin that the error rests on (with an amount, when
   *     amounts are used, and a probability strictly between 0 and 1, or certain)
   * @param expected what the model expected them to win within the horizon (amount, or count)
   * @param actual what they won
   * @param shift the log-odds shift that makes the expected equal the actual (after the
   *     continuity correction)
   * @param shiftStandardError its standard error from the deals' own randomness
   * @serial exclude
   */
  public record Origin(Instant origin, int deals, double expected, double actual, double shift,
      double shiftStandardError) implements Serializable {}

  /** The settings it was made with. */
  private final Settings settings;
  /** Whether the errors were weighed by amount (else by count). */
  private final boolean amounts;
  /** The usable origins, latest first. */
  private final List<Origin> origins;
  /** Whether too few origins were usable, so the priors alone are used. */
  private final boolean fallback;
  /** The log-odds shift applied to every open deal. */
  private final double shift;
  /** The shift's standard error. */
  private final double shiftStandardError;
  /** The between-period standard deviation of the shift, after averaging with the prior. */
  private final double betweenOriginSd;
  /** The standard deviation of the shared log-odds shift the intervals include. */
  private final double sharedLogitSd;

  private Calibration(Settings settings, boolean amounts, List<Origin> origins, boolean fallback,
      double shift, double shiftStandardError, double betweenOriginSd, double sharedLogitSd) {
    this.settings = settings;
    this.amounts = amounts;
    this.origins = List.copyOf(origins);
    this.fallback = fallback;
    this.shift = shift;
    this.shiftStandardError = shiftStandardError;
    this.betweenOriginSd = betweenOriginSd;
    this.sharedLogitSd = sharedLogitSd;
  }

  /**
   * Calibrates a model at the input's as-of instant on rolling origins before it (see the class
   * comment). Reads only the input's histories, which end at the as-of instant.
   *
   * @param model the model
   * @param input what is known at the as-of instant, and the horizon
   * @param settings the settings
   * @return the calibration, falling back to the priors when too few origins are usable
   * @throws NullPointerException if an argument is null
   */
  public static Calibration of(ForecastModel model, ForecastInput input, Settings settings) {
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(settings, "settings is null");
    Duration horizon = input.horizon();
    // weigh by amount if the deals open now have any amount, else count deals
    boolean amounts = input.open().stream().anyMatch(h -> h.current().amount().isPresent());
    Outcomes outcomes = new Outcomes(input.histories());
    Instant first = input.histories().stream().map(h -> h.events().get(0).at())
        .min(Instant::compareTo).orElse(input.asOf());
    // the origins are independent of each other: fitted in parallel, kept in order
    Instant earliest = first.plus(horizon);
    List<Origin> used = IntStream.range(0, settings.origins()).parallel()
        .mapToObj(k -> input.asOf().minus(horizon).minus(settings.step().multipliedBy(k)))
        .filter(origin -> !origin.isBefore(earliest)) // see the class comment
        .map(origin -> {
          ForecastInput past = ForecastInput.of(input.definition(), input.histories(), origin,
              horizon);
          return error(model.forecast(past), outcomes, origin, past.end(), amounts);
        })
        .filter(Objects::nonNull).collect(Collectors.toList());
    return pool(settings, amounts, used, horizon);
  }

  /** Pools the origins' errors (see the class comment); package-private for tests. */
  static Calibration pool(Settings settings, boolean amounts, List<Origin> used,
      Duration horizon) {
    int n = used.size();
    if (n < settings.minimumOrigins()) {
      double sd = Math.hypot(settings.priorSharedLogitSd(), settings.priorBiasSd());
      return new Calibration(settings, amounts, used, true, 0, settings.priorBiasSd(),
          settings.priorSharedLogitSd(), sd);
    }
    // DerSimonian-Laird
    double sw = 0;
    double sw2 = 0;
    double swb = 0;
    for (Origin o : used) {
      double w = 1 / (o.shiftStandardError() * o.shiftStandardError());
      sw += w;
      sw2 += w * w;
      swb += w * o.shift();
    }
    double fixed = swb / sw;
    double q = 0;
    for (Origin o : used) {
      double d = o.shift() - fixed;
      q += d * d / (o.shiftStandardError() * o.shiftStandardError());
    }
    double tau2 = Math.max(0, (q - (n - 1)) / (sw - sw2 / sw));
    double rw = 0;
    double rwb = 0;
    for (Origin o : used) {
      double w = 1 / (o.shiftStandardError() * o.shiftStandardError() + tau2);
      rw += w;
      rwb += w * o.shift();
    }
    double pooled = rwb / rw;
    double overlap = Math.max(1, Math.min(n,
        (double) horizon.toMillis() / settings.step().toMillis()));
    double se2 = overlap / rw;
    // normal-normal shrinkage towards the prior N(0, priorBiasSd^2)
    double p0 = settings.priorBiasSd() * settings.priorBiasSd();
    double shift = pooled * p0 / (p0 + se2);
    double shiftSe = Math.sqrt(p0 * se2 / (p0 + se2));
    double k0 = settings.priorWeight();
    double between2 = (n * tau2 + k0 * settings.priorSharedLogitSd()
        * settings.priorSharedLogitSd()) / (n + k0);
    return new Calibration(settings, amounts, used, false, shift, shiftSe, Math.sqrt(between2),
        Math.sqrt(between2 + shiftSe * shiftSe));
  }

  /** The error at one origin, or null if no deal there could tell. */
  private static @Nullable Origin error(Forecast f, Outcomes outcomes, Instant origin, Instant end,
      boolean amounts) {
    int m = f.deals().size();
    double[] logit = new double[m];
    double[] weight = new double[m];
    double certain = 0;
    double actual = 0;
    double flexible = 0;
    int flexibleDeals = 0;
    int deals = 0;
    for (DealForecast d : f.deals()) {
      if (amounts && d.amount().isEmpty()) {
        continue;
      }
      double a = amounts ? d.amount().get().amount().doubleValue() : 1;
      Outcomes.Won won = outcomes.wonWithin(d.deal().value(), origin, end);
      if (won != null) {
        actual += amounts ? won.amount().map(x -> x.amount().doubleValue()).orElse(a) : 1;
      }
      deals++;
      double p = d.probability();
      if (p >= 1) {
        certain += a;
      } else if (p > 0 && a > 0) {
        logit[flexibleDeals] = Math.log(p / (1 - p));
        weight[flexibleDeals] = a;
        flexibleDeals++;
        flexible += a;
      }
    }
    if (flexibleDeals == 0) {
      return null;
    }
    double expected = certain;
    for (int i = 0; i < flexibleDeals; i++) {
      expected += weight[i] * logistic(logit[i]);
    }
    double half = 0.5 * flexible / flexibleDeals;
    double target = Math.min(certain + flexible - half, Math.max(certain + half, actual));
    double lo = -MAX_SHIFT;
    double hi = MAX_SHIFT;
    for (int it = 0; it < 100 && hi - lo > 1e-12; it++) {
      double mid = 0.5 * (lo + hi);
      if (shifted(logit, weight, flexibleDeals, mid) + certain < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double b = 0.5 * (lo + hi);
    double slope = 0;
    double variance = 0;
    for (int i = 0; i < flexibleDeals; i++) {
      double qi = logistic(logit[i] + b);
      slope += weight[i] * qi * (1 - qi);
      variance += weight[i] * weight[i] * qi * (1 - qi);
    }
    double se = Math.sqrt(variance) / slope;
    return new Origin(origin, deals, expected, actual, b, se);
  }

  private static double shifted(double[] logit, double[] weight, int n, double b) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weight[i] * logistic(logit[i] + b);
    }
    return sum;
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * Returns the forecast with every open deal's log-odds shifted by {@link #shift()}; deals with
   * probability 0 or 1 keep it. Each deal's basis says so, unless the calibration fell back to
   * the priors (no shift).
   *
   * @param forecast the model's forecast at the as-of instant this calibration was made at
   * @return the corrected forecast, same model name, as-of instant and horizon
   * @throws NullPointerException if forecast is null
   */
  public Forecast apply(Forecast forecast) {
    Objects.requireNonNull(forecast, "forecast is null");
    List<DealForecast> out = new ArrayList<>(forecast.deals().size());
    String note = fallback ? "" : String.format(Locale.ROOT, "; calibrated: log-odds %+.2f",
        shift);
    for (DealForecast d : forecast.deals()) {
      double p = d.probability();
      double q = p <= 0 || p >= 1 ? p : logistic(Math.log(p / (1 - p)) + shift);
      out.add(new DealForecast(d.deal(), d.stage(), d.amount(), q, d.basis() + note));
    }
    return new Forecast(forecast.model(), forecast.asOf(), forecast.horizon(), out);
  }

  /**
   * Returns the model with this calibration's correction applied to every forecast it makes:
   * for forecasts of changed inputs at the same as-of instant (what-if scenarios, a longer
   * horizon), which then carry the same correction as the forecast it was made for. The
   * correction was estimated for this calibration's horizon; applied to another horizon it is an
   * approximation.
   *
   * @param model the model this calibration was made for
   * @return the corrected model, with the same name and assumptions
   * @throws NullPointerException if model is null
   */
  public ForecastModel corrected(ForecastModel model) {
    Objects.requireNonNull(model, "model is null");
    return new ForecastModel() {
      @Override
      public String name() {
        return model.name();
      }

      @Override
      public String assumptions() {
        return model.assumptions();
      }

      @Override
      public Forecast forecast(ForecastInput input) {
        return apply(model.forecast(input));
      }
    };
  }

  /**
   * Returns Monte Carlo settings that include this calibration's model error: the given trials
   * and seed, a shared log-odds shift with standard deviation {@link #sharedLogitSd()} per
   * trial, no per-deal noise.
   *
   * @param trials the number of trials, at least 1
   * @param seed the seed
   * @return the settings
   * @throws IllegalArgumentException if trials is below 1
   */
  public Simulation simulation(int trials, long seed) {
    return Simulation.of(trials, seed).withModelUncertainty(sharedLogitSd, 0);
  }

  /** {@return the settings it was made with} */
  public Settings settings() {
    return settings;
  }

  /**
   * {@return whether the errors were weighed by amount (true: the deals open at the as-of instant
   * have amounts) or by count (false)}
   */
  public boolean weighedByAmount() {
    return amounts;
  }

  /** {@return the usable origins, latest first} */
  public List<Origin> origins() {
    return origins;
  }

  /** {@return whether too few origins were usable, so the priors alone are used} */
  public boolean fallback() {
    return fallback;
  }

  /** {@return the log-odds shift applied to every open deal (0 when falling back)} */
  public double shift() {
    return shift;
  }

  /** {@return the shift's standard error (the prior's when falling back)} */
  public double shiftStandardError() {
    return shiftStandardError;
  }

  /**
   * {@return the standard deviation of the shift between periods, tau, after averaging with the
   * prior (the prior's when falling back)}
   */
  public double betweenOriginSd() {
    return betweenOriginSd;
  }

  /**
   * {@return the standard deviation of the shared log-odds shift the intervals include: the
   * square root of {@code betweenOriginSd^2 + shiftStandardError^2}}
   */
  public double sharedLogitSd() {
    return sharedLogitSd;
  }

  /**
   * {@return the factor the correction multiplies a forecast's expected amount by, for a given
   * forecast: corrected expected over raw expected; empty if the raw expected is 0}
   *
   * @param raw the model's forecast before the correction
   */
  public OptionalDouble factor(Forecast raw) {
    double before = total(raw);
    return before == 0 ? OptionalDouble.empty() : OptionalDouble.of(total(apply(raw)) / before);
  }

  private double total(Forecast f) {
    return amounts ? f.expectedAmount().map(m -> m.amount().doubleValue()).orElse(0.0)
        : f.expectedWins();
  }

  /** {@return what the calibration did, in one sentence} */
  public String describe() {
    if (fallback) {
      return String.format(Locale.ROOT, "not calibrated: %d past origin%s usable, %d needed; the"
          + " intervals include the prior model error (shared log-odds sd %.2f)", origins.size(),
          origins.size() == 1 ? "" : "s", settings.minimumOrigins(), sharedLogitSd);
    }
    return String.format(Locale.ROOT, "calibrated on %d past origins %d days apart: log-odds"
        + " shift %+.2f (se %.2f), between-period sd %.2f; the intervals include a shared"
        + " log-odds sd of %.2f", origins.size(), settings.step().toDays(), shift,
        shiftStandardError, betweenOriginSd, sharedLogitSd);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Calibration c && settings.equals(c.settings) && amounts == c.amounts
        && origins.equals(c.origins) && fallback == c.fallback
        && Double.compare(shift, c.shift) == 0
        && Double.compare(shiftStandardError, c.shiftStandardError) == 0
        && Double.compare(betweenOriginSd, c.betweenOriginSd) == 0
        && Double.compare(sharedLogitSd, c.sharedLogitSd) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, amounts, origins, fallback, shift, shiftStandardError,
        betweenOriginSd, sharedLogitSd);
  }

  @Override
  public String toString() {
    return "Calibration[" + describe() + "]";
  }
}
