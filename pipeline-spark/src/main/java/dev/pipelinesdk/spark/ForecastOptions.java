package dev.pipelinesdk.spark;

import dev.pipelinesdk.forecast.backtest.Calibration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param targets the target amount of each pipeline key that has one, in the pipeline's currency
 *     (that of its forecast's amounts), as the command line's {@code forecast --target}: the
 *     forecast then says the probability of reaching it ({@link AmountSummary#target()}); a key
 *     without a target has none. Forecasts only: a backtest reads no targets
 */
public record ForecastOptions(Duration horizon, String model, int trials, long seed,
    Optional<Calibration.Settings> calibration, Map<String, BigDecimal> targets) {
  /**
   * Checks the values.
   *
   * @param horizon positive
   * @param model the model's name, not blank
   * @param trials at least 1
   * @param seed any
   * @param calibration the calibration settings, if any
   * @param targets the targets by pipeline key, each a plain decimal, never negative
   * @throws IllegalArgumentException naming the value if the horizon is not positive, the model
   *     name is blank, there are no trials or a target is negative (naming its pipeline)
   * @throws NullPointerException if an argument, a pipeline key or a target is null
   */
  public ForecastOptions {
    Objects.requireNonNull(horizon, "horizon is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(calibration, "calibration is null");
    Objects.requireNonNull(targets, "targets is null");
    Map<String, BigDecimal> checked = new TreeMap<>();
    targets.forEach((pipeline, target) -> {
      Objects.requireNonNull(pipeline, "a target's pipeline key is null");
      Objects.requireNonNull(target, () -> "the target of pipeline '" + pipeline + "' is null");
      if (target.signum() < 0) {
        throw new IllegalArgumentException("the target of pipeline '" + pipeline
            + "' must not be negative, not " + target.toPlainString());
      }
      checked.put(pipeline, target);
    });
    targets = Map.copyOf(checked);
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
   * trials, seed 1, self-calibrated with {@link Calibration.Settings#defaults()}, no targets}
   *
   * @param horizon how far to look ahead, positive
   * @throws IllegalArgumentException if the horizon is not positive
   */
  public static ForecastOptions of(Duration horizon) {
    return new ForecastOptions(horizon, "competing-risks", 20_000, 1,
        Optional.of(Calibration.Settings.defaults()), Map.of());
  }

  /**
   * {@return these options with another model}
   *
   * @param model the model's name, such as {@code "markov"}
   */
  public ForecastOptions withModel(String model) {
    return new ForecastOptions(horizon, model, trials, seed, calibration, targets);
  }

  /**
   * {@return these options with another number of trials}
   *
   * @param trials at least 1
   */
  public ForecastOptions withTrials(int trials) {
    return new ForecastOptions(horizon, model, trials, seed, calibration, targets);
  }

  /**
   * {@return these options with another seed}
   *
   * @param seed the seed
   */
  public ForecastOptions withSeed(long seed) {
    return new ForecastOptions(horizon, model, trials, seed, calibration, targets);
  }

  /**
   * {@return these options, self-calibrating with these settings}
   *
   * @param settings the calibration settings
   */
  public ForecastOptions withCalibration(Calibration.Settings settings) {
    return new ForecastOptions(horizon, model, trials, seed, Optional.of(settings), targets);
  }

  /** {@return these options with the model as it is: no self-calibration} */
  public ForecastOptions withoutCalibration() {
    return new ForecastOptions(horizon, model, trials, seed, Optional.empty(), targets);
  }

  /**
   * Returns these options with a pipeline's target: its forecast then says the probability that
   * the amount won within the horizon reaches it, P(won amount &ge; target), from the same
   * trials as its distribution. The amount is checked against the pipeline's currency where the
   * pipeline is forecast: one with more decimals than the currency has makes a {@linkplain
   * PipelineRun#problems() problem} of that pipeline.
   *
   * @param pipeline the pipeline key
   * @param target the amount, a plain decimal in the pipeline's currency, never negative
   * @return the options, with this target for the pipeline (replacing one it had)
   * @throws IllegalArgumentException if the target is negative, naming it and the pipeline
   * @throws NullPointerException if an argument is null
   */
  public ForecastOptions withTarget(String pipeline, BigDecimal target) {
    Map<String, BigDecimal> more = new TreeMap<>(targets);
    more.put(Objects.requireNonNull(pipeline, "pipeline is null"),
        Objects.requireNonNull(target, "target is null"));
    return new ForecastOptions(horizon, model, trials, seed, calibration, more);
  }

  /**
   * {@return a pipeline's target, if it has one}
   *
   * @param pipeline the pipeline key
   */
  public Optional<BigDecimal> target(String pipeline) {
    return Optional.ofNullable(targets.get(pipeline));
  }
}
