package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.PipelineHistory;
import java.time.Instant;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Backtests one pipeline, as the command line's {@code backtest} does: {@link Backtest#run} or,
 * with calibration settings, {@link Backtest#runCalibrated}, over the pipeline's histories in the
 * order of their deal ids, in the currency of the first of them with an amount. A pipeline that
 * cannot be backtested gives its problem instead.
 */
public final class BacktestFit
    implements MapGroupsFunction<String, PipelineHistory, PipelineOutcome> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<Definitions> definitions;
  private final List<Instant> cutoffs;
  private final ForecastFit.Forecasting forecasting;

  /**
   * Creates the function.
   *
   * @param definitions the broadcast definitions
   * @param cutoffs the cutoff instants
   * @param options the forecast options
   */
  public BacktestFit(Broadcast<Definitions> definitions, List<Instant> cutoffs,
      ForecastOptions options) {
    this.definitions = definitions;
    this.cutoffs = List.copyOf(cutoffs);
    this.forecasting = new ForecastFit.Forecasting(options);
  }

  @Override
  public PipelineOutcome call(String pipeline, Iterator<PipelineHistory> in) {
    try {
      List<DealHistory> histories = PipelineGroup.histories(in);
      PipelineDefinition definition = definitions.value().definition(pipeline);
      Optional<Currency> currency = histories.stream().map(DealHistory::current)
          .flatMap(d -> d.amount().stream()).map(Money::currency).findFirst();
      if (currency.isEmpty()) {
        return PipelineOutcome.problem(pipeline, "no deal has an amount, so there is no amount"
            + " to backtest");
      }
      ForecastModel model = forecasting.model();
      Simulation simulation = Simulation.of(forecasting.trials(), forecasting.seed());
      Optional<Calibration.Settings> calibration = forecasting.calibration();
      Backtest.Result r = calibration.isPresent()
          ? Backtest.runCalibrated(model, calibration.get(), definition, histories, cutoffs,
              forecasting.horizon(), simulation, currency.get())
          : Backtest.run(model, definition, histories, cutoffs, forecasting.horizon(),
              simulation, currency.get());
      return PipelineOutcome.of(pipeline, r);
    } catch (IllegalArgumentException e) {
      return PipelineOutcome.problem(pipeline, String.valueOf(e.getMessage()));
    }
  }
}
