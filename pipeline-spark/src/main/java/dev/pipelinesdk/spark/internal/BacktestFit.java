package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.forecast.backtest.Backtest;
import dev.pipelinesdk.forecast.backtest.Calibration;
import dev.pipelinesdk.forecast.distribution.Distributions;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.spark.Definitions;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.PipelineHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Forecasts one cutoff of one pipeline's backtest, as the command line's {@code backtest} does
 * at that cutoff: {@link Backtest#forecastAt} or, with calibration settings, {@link
 * Backtest#forecastCalibratedAt}, over the pipeline's histories in the order of their deal ids,
 * in the currency of the first of them with an amount; then cuts the interval's Monte Carlo run
 * into its blocks of trials ({@link Distributions#trialBlocks}), one {@link ForecastWork} per
 * block, to be drawn in other tasks ({@link ForecastDraw}) and combined with the other cutoffs
 * ({@link BacktestCombine}). A cutoff that cannot be forecast gives its problem instead.
 */
public final class BacktestFit
    implements FlatMapGroupsFunction<Tuple2<String, Integer>, Row, ForecastWork> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<Definitions> definitions;
  private final List<Instant> cutoffs;
  private final ForecastFit.Forecasting forecasting;
  /** This task's codec (one thread runs a task). */
  private transient @Nullable ValueCodec codec;

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
  public Iterator<ForecastWork> call(Tuple2<String, Integer> key, Iterator<Row> in) {
    String pipeline = key._1();
    int part = key._2();
    TrialBlocks run;
    PipelineOutcome head;
    try {
      if (codec == null) {
        codec = new ValueCodec();
      }
      ValueCodec read = codec;
      // each row: a history's wire form (column 0) and the group's key columns
      List<DealHistory> histories = PipelineGroup.histories(new Iterator<PipelineHistory>() {
        @Override
        public boolean hasNext() {
          return in.hasNext();
        }

        @Override
        public PipelineHistory next() {
          return (PipelineHistory) read.read((byte[]) in.next().get(0));
        }
      });
      PipelineDefinition definition = definitions.value().definition(pipeline);
      Optional<Currency> currency = histories.stream().map(DealHistory::current)
          .flatMap(d -> d.amount().stream()).map(Money::currency).findFirst();
      if (currency.isEmpty()) {
        return problem(pipeline, part, "no deal has an amount, so there is no amount to"
            + " backtest");
      }
      ForecastModel model = forecasting.model();
      Simulation simulation = Simulation.of(forecasting.trials(), forecasting.seed());
      Optional<Calibration.Settings> calibration = forecasting.calibration();
      Instant cutoff = cutoffs.get(part);
      Backtest.CutoffForecast f = calibration.isPresent()
          ? Backtest.forecastCalibratedAt(model, calibration.get(), definition, histories, cutoff,
              forecasting.horizon(), simulation, currency.get())
          : Backtest.forecastAt(model, definition, histories, cutoff, forecasting.horizon(),
              simulation, currency.get());
      run = Distributions.trialBlocks(f.openDeals(), f.simulation());
      head = PipelineOutcome.of(pipeline, f);
    } catch (IllegalArgumentException e) {
      return problem(pipeline, part, String.valueOf(e.getMessage()));
    }
    List<ForecastWork> out = new ArrayList<>();
    for (int b = 0; b < run.count(); b++) {
      out.add(new ForecastWork(pipeline, part, b, Optional.of(run), Optional.empty(),
          b == 0 ? Optional.of(head) : Optional.empty()));
    }
    return out.iterator();
  }

  private static Iterator<ForecastWork> problem(String pipeline, int part, String problem) {
    return List.of(new ForecastWork(pipeline, part, 0, Optional.empty(), Optional.empty(),
        Optional.of(PipelineOutcome.problem(pipeline, problem)))).iterator();
  }
}
