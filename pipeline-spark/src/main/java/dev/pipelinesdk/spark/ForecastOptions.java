package dev.pipelinesdk.spark;

import dev.pipelinesdk.forecast.backtest.Calibration;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SparkPipelines#forecasts} and {@link SparkPipelines#backtests} forecast each
 * pipeline: the command line's {@code forecast} and {@code backtest} options. Start from {@link
 * #of(Duration)} (the command line's defaults) and change what differs.
 *
 * @param horizon how far each forecast looks ahead: deals won in (as-of, as-of + horizon]
 * @param model the forecast model's name, found through {@code ForecastModels} on the executors
 *     (a model of your own must be on their class path)
 * @param trials the Monte Carlo trials of the won-amount distribution
 * @param seed the seed of every pipeline's simulation: the same seed gives each pipeline the same
 *     distribution whatever the partitioning, and the one a forecast of that pipeline alone with
 *     this seed gives
 * @param calibration the self-calibration settings, or empty for the model as it is (intervals of
 *     deal outcomes only)
 */
public record ForecastOptions(Duration horizon, String model, int trials, long seed,
    Optional<Calibration.Settings> calibration) {
  /**
   * Checks the values.
   *
   * @param horizon positive
   * @param model the model's name, not blank
   * @param trials at least 1
   * @param seed any
   * @param calibration the calibration settings, if any
   * @throws IllegalArgumentException naming the value if the horizon is not positive, the model
   *     name is blank or there are no trials
   * @throws NullPointerException if an argument is null
   */
  public ForecastOptions {
    Objects.requireNonNull(horizon, "horizon is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(calibration, "calibration is null");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive, not " + horizon);
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("the model name is blank");
    }
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1, not " + trials);
    }
  }

  /**
   * {@return the command line's defaults for a horizon: the {@code competing-risks} model, 20,000
   * trials, seed 1, self-calibrated with {@link Calibration.Settings#defaults()}}
   *
   * @param horizon how far to look ahead, positive
   * @throws IllegalArgumentException if the horizon is not positive
   */
  public static ForecastOptions of(Duration horizon) {
    return new ForecastOptions(horizon, "competing-risks", 20_000, 1,
        Optional.of(Calibration.Settings.defaults()));
  }

  /**
   * {@return these options with another model}
   *
   * @param model the model's name, such as {@code "markov"}
   */
  public ForecastOptions withModel(String model) {
    return new ForecastOptions(horizon, model, trials, seed, calibration);
  }

  /**
   * {@return these options with another number of trials}
   *
   * @param trials at least 1
   */
  public ForecastOptions withTrials(int trials) {
    return new ForecastOptions(horizon, model, trials, seed, calibration);
  }

  /**
   * {@return these options with another seed}
   *
   * @param seed the seed
   */
  public ForecastOptions withSeed(long seed) {
    return new ForecastOptions(horizon, model, trials, seed, calibration);
  }

  /**
   * {@return these options, self-calibrating with these settings}
   *
   * @param settings the calibration settings
   */
  public ForecastOptions withCalibration(Calibration.Settings settings) {
    return new ForecastOptions(horizon, model, trials, seed, Optional.of(settings));
  }

  /** {@return these options with the model as it is: no self-calibration} */
  public ForecastOptions withoutCalibration() {
    return new ForecastOptions(horizon, model, trials, seed, Optional.empty());
  }
}
