package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.ForecastModels;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.OpenDeals;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.PipelineForecast;
import dev.pipelinesdk.spark.PipelineHistory;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;

/**
 * Fits and forecasts one pipeline, as the command line's {@code forecast} does ({@code
 * Forecasted}): the model's forecast at the as-of instant, its self-calibration, the corrected
 * forecast; then cuts the won-amount distribution's Monte Carlo run into its blocks of trials
 * ({@link Distributions#trialBlocks}), one {@link ForecastWork} per block, to be drawn in other
 * tasks. A pipeline that cannot be forecast, or whose target its currency cannot hold, gives its
 * problem instead.
 */
public final class ForecastFit
    implements FlatMapGroupsFunction<String, PipelineHistory, ForecastWork> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<Definitions> definitions;
  private final Instant asOf;
  private final Forecasting forecasting;

  /**
   * Creates the function.
   *
   * @param definitions the broadcast definitions
   * @param asOf the as-of instant
   * @param options the forecast options
   */
  public ForecastFit(Broadcast<Definitions> definitions, Instant asOf, ForecastOptions options) {
    this.definitions = definitions;
    this.asOf = asOf;
    this.forecasting = new Forecasting(options);
  }

  @Override
  public Iterator<ForecastWork> call(String pipeline, Iterator<PipelineHistory> in) {
    PipelineForecast head;
    Optional<TrialBlocks> run = Optional.empty();
    try {
      List<DealHistory> histories = PipelineGroup.histories(in);
      PipelineDefinition definition = definitions.value().definition(pipeline);
      ForecastInput input = ForecastInput.of(definition, histories, asOf, forecasting.horizon());
      if (input.histories().isEmpty()) {
        return problem(pipeline, "nothing was known at " + asOf + " to forecast from: no deal"
            + " was created by then");
      }
      ForecastModel model = forecasting.model();
      Forecast raw = model.forecast(input);
      Optional<Calibration> calibration = forecasting.calibration()
          .map(c -> Calibration.of(model, input, c));
      Forecast f = calibration.map(c -> c.apply(raw)).orElse(raw);
      Optional<Currency> currency = input.open().stream()
          .flatMap(h -> h.current().amount().stream()).map(Money::currency).findFirst();
      if (currency.isPresent() && f.openAmount().isPresent()) {
        forecasting.checkTarget(pipeline, currency.get());
        Simulation simulation = calibration.map(c -> c.simulation(forecasting.trials(),
            forecasting.seed())).orElse(Simulation.of(forecasting.trials(), forecasting.seed()));
        run = Optional.of(Distributions.trialBlocks(OpenDeals.of(currency.get(), f),
            simulation));
      }
      head = new PipelineForecast(f, calibration, Optional.empty());
    } catch (IllegalArgumentException e) {
      return problem(pipeline, String.valueOf(e.getMessage()));
    }
    List<ForecastWork> out = new ArrayList<>();
    Optional<PipelineOutcome> outcome = Optional.of(PipelineOutcome.of(pipeline, head));
    int blocks = run.map(TrialBlocks::count).orElse(1);
    for (int b = 0; b < blocks; b++) {
      out.add(new ForecastWork(pipeline, 0, b, run, Optional.empty(),
          b == 0 ? outcome : Optional.empty()));
    }
    return out.iterator();
  }

  private static Iterator<ForecastWork> problem(String pipeline, String problem) {
    return List.of(new ForecastWork(pipeline, 0, 0, Optional.empty(), Optional.empty(),
        Optional.of(PipelineOutcome.problem(pipeline, problem)))).iterator();
  }

  /**
   * The forecast options as they travel ({@code Optional} is not serializable), and the model,
   * found by name once per task.
   */
  static final class Forecasting implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Duration horizon;
    private final String model;
    private final int trials;
    private final long seed;
    private final Calibration.@Nullable Settings calibration;
    private final HashMap<String, BigDecimal> targets;
    private transient @Nullable ForecastModel found;

    Forecasting(ForecastOptions options) {
      this.horizon = options.horizon();
      this.model = options.model();
      this.trials = options.trials();
      this.seed = options.seed();
      this.calibration = options.calibration().orElse(null);
      this.targets = new HashMap<>(options.targets());
    }

    /** {@return a pipeline's target, if it has one} */
    Optional<BigDecimal> target(String pipeline) {
      return Optional.ofNullable(targets.get(pipeline));
    }

    /**
     * Checks a pipeline's target, if it has one, against its currency, as the command line
     * checks {@code --target} ({@code Money.of}).
     *
     * @throws IllegalArgumentException naming the target if the currency cannot hold it
     */
    void checkTarget(String pipeline, Currency currency) {
      Optional<BigDecimal> t = target(pipeline);
      if (t.isPresent()) {
        try {
          Money.of(t.get(), currency);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("target: " + e.getMessage(), e);
        }
      }
    }

    Duration horizon() {
      return horizon;
    }

    int trials() {
      return trials;
    }

    long seed() {
      return seed;
    }

    Optional<Calibration.Settings> calibration() {
      return Optional.ofNullable(calibration);
    }

    /** {@return the model, found by name (loud on an unknown name, listing the known ones)} */
    ForecastModel model() {
      ForecastModel m = found;
      if (m == null) {
        m = ForecastModels.named(model);
        found = m;
      }
      return m;
    }
  }
}
