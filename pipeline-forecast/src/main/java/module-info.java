/**
 * Pipeline SDK forecast: the built-in forecast models ({@code dev.pipelinesdk.forecast.model}:
 * the weighted pipeline and learned stage probabilities) and the distribution engine ({@code
 * dev.pipelinesdk.forecast.distribution}): the exact distribution of how many open deals are won,
 * and the distribution of the amount won, binned-exact or by seeded, parallel Monte Carlo with
 * optional model uncertainty; backtests and self-calibration ({@code
 * dev.pipelinesdk.forecast.backtest}); and new business ({@code
 * dev.pipelinesdk.forecast.newbusiness}): what deals not in the pipeline yet win within the
 * horizon.
 *
 * <p>Services: provides {@link dev.pipelinesdk.core.forecast.ForecastModel} {@code weighted},
 * {@code markov}, {@code competing-risks} and {@code naive-bayes}.
 *
 * <p>Apache Commons Math 3.6.1 ships no module descriptor and no {@code Automatic-Module-Name};
 * its automatic module name comes from the jar name: {@code commons.math3}. No Commons Math type
 * appears in this module's API.
 */
// "requires-automatic": Commons Math is only an automatic module (see above); there is no named
// module to require instead.
@SuppressWarnings("requires-automatic")
module dev.pipelinesdk.forecast {
  requires transitive dev.pipelinesdk.core; // Money is on public signatures
  requires commons.math3;
  requires static org.jspecify;

  exports dev.pipelinesdk.forecast.distribution;
  exports dev.pipelinesdk.forecast.model;
  exports dev.pipelinesdk.forecast.backtest;
  exports dev.pipelinesdk.forecast.newbusiness;
  exports dev.pipelinesdk.forecast.scenario;

  provides dev.pipelinesdk.core.forecast.ForecastModel with
      dev.pipelinesdk.forecast.model.WeightedModel,
      dev.pipelinesdk.forecast.model.MarkovModel,
      dev.pipelinesdk.forecast.model.CompetingRisksModel,
      dev.pipelinesdk.forecast.model.NaiveBayesModel;
}
