package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.forecast.backtest.Calibration;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline's forecast ({@link SparkPipelines#forecasts}), as the command line's {@code
 * forecast} makes it: the model's forecast of the deals open at the as-of instant, corrected by
 * its self-calibration unless that is turned off, and the distribution of the amount won.
 *
 * @param forecast the forecast: every open deal's probability of being won within the horizon
 *     (corrected by the calibration, when there is one), deals in the order of their ids
 * @param calibration the self-calibration, if asked for
 * @param wonAmount the won-amount distribution (deal outcomes and, when calibrated, the model
 *     error the calibration estimated); empty when no open deal has an amount
 */
public record PipelineForecast(Forecast forecast, Optional<Calibration> calibration,
    Optional<AmountSummary> wonAmount) {
  /**
   * Checks the values.
   *
   * @param forecast the forecast
   * @param calibration the calibration, if any
   * @param wonAmount the won-amount distribution, if any
   * @throws NullPointerException if an argument is null
   */
  public PipelineForecast {
    Objects.requireNonNull(forecast, "forecast is null");
    Objects.requireNonNull(calibration, "calibration is null");
    Objects.requireNonNull(wonAmount, "wonAmount is null");
  }
}
