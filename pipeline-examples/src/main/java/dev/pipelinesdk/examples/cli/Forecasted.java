package dev.pipelinesdk.examples.cli;

import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.core.forecast.Simulation;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * A forecast as {@code forecast} and {@code report} make it: the model's forecast, its
 * self-calibration (unless turned off), the corrected forecast and the distribution of the amount
 * won, with and without the model error (the latter to split the interval's width).
 *
 * @param raw the model's forecast as it is
 * @param forecast the forecast used: corrected by the calibration, or the raw one
 * @param calibration the calibration, if made
 * @param distribution the won-amount distribution (deal outcomes and, when calibrated, model
 *     error); empty when no open deal has an amount
 * @param outcomesOnly the same deals' distribution of deal outcomes only (the same as
 *     distribution without calibration)
 */
record Forecasted(Forecast raw, Forecast forecast, Optional<Calibration> calibration,
    Optional<AmountDistribution> distribution, Optional<AmountDistribution> outcomesOnly) {

  /**
   * Forecasts.
   *
   * @param model the model
   * @param calibrate the calibration settings, or empty for the model as it is
   * @param input what is known at the as-of instant
   * @param simulation the trials and seed
   * @param currency the currency of the amounts, if any deal has one
   * @throws IllegalArgumentException from the model or the distribution (such as amounts in two
   *     currencies)
   */
  static Forecasted of(ForecastModel model, Optional<Calibration.Settings> calibrate,
      ForecastInput input, Simulation simulation, Optional<Currency> currency) {
    Forecast raw = model.forecast(input);
    Optional<Calibration> calibration = calibrate.map(c -> Calibration.of(model, input, c));
    Forecast f = calibration.map(c -> c.apply(raw)).orElse(raw);
    Optional<AmountDistribution> dist = Optional.empty();
    Optional<AmountDistribution> outcomes = Optional.empty();
    if (currency.isPresent() && f.openAmount().isPresent()) {
      OpenDeals deals = OpenDeals.of(currency.get(), f);
      dist = Optional.of(Distributions.monteCarlo(deals, calibration
          .map(c -> c.simulation(simulation.trials(), simulation.seed())).orElse(simulation)));
      outcomes = calibration.isPresent() ? Optional.of(Distributions.monteCarlo(deals,
          simulation)) : dist;
    }
    return new Forecasted(raw, f, calibration, dist, outcomes);
  }

  /** {@return the P10-P90 width of the distribution; empty without one} */
  Optional<BigDecimal> width() {
    return distribution.map(Forecasted::width);
  }

  /**
   * {@return the part of the P10-P90 width that deal outcomes alone give (at most the whole
   * width); empty without a distribution}
   */
  Optional<BigDecimal> widthFromOutcomes() {
    return outcomesOnly.map(o -> width(o).min(width(distribution.orElseThrow())));
  }

  private static BigDecimal width(AmountDistribution d) {
    return d.p90().amount().subtract(d.p10().amount());
  }
}
