/**
 * Pipeline SDK forecast: the built-in forecast models over core's values (the weighted pipeline,
 * learned stage probabilities); the distribution engine, calibration and backtests to come.
 *
 * <p>Services: provides {@link dev.pipelinesdk.core.forecast.ForecastModel} {@code weighted} and
 * {@code markov}.
 */
// "requires-automatic": commons-math3 has no module descriptor, only an Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
module dev.pipelinesdk.forecast {
  requires transitive dev.pipelinesdk.core;
  requires commons.math3;
  requires static org.jspecify;

  exports dev.pipelinesdk.forecast.model;

  provides dev.pipelinesdk.core.forecast.ForecastModel with
      dev.pipelinesdk.forecast.model.WeightedModel,
      dev.pipelinesdk.forecast.model.MarkovModel;
}
