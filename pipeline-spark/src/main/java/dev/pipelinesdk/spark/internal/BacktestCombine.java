package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.forecast.backtest.Backtest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import org.apache.spark.api.java.function.MapGroupsFunction;

/**
 * Puts a pipeline's backtest together: each cutoff's blocks of trials combined into its interval
 * ({@link ForecastCombine#runs}), the cutoff scored with it ({@link
 * Backtest.CutoffForecast#evaluate}) and the cutoffs, in their order, combined ({@link
 * Backtest#combine}): exactly what {@link Backtest#run} gives on one machine. If a cutoff could
 * not be forecast, the pipeline's problem is that of the first such cutoff, the one at which the
 * single-machine backtest stops.
 */
public final class BacktestCombine
    implements MapGroupsFunction<String, ForecastWork, PipelineOutcome> {
  private static final long serialVersionUID = 1L;
  private final int cutoffs;

  /**
   * Creates the function.
   *
   * @param cutoffs how many cutoffs the backtest has
   */
  public BacktestCombine(int cutoffs) {
    this.cutoffs = cutoffs;
  }

  @Override
  public PipelineOutcome call(String pipeline, Iterator<ForecastWork> pieces) {
    SortedMap<Integer, ForecastCombine.Run> runs = ForecastCombine.runs(pipeline, pieces);
    for (ForecastCombine.Run r : runs.values()) {
      if (r.head().problem().isPresent()) {
        return r.head();
      }
    }
    if (runs.size() != cutoffs) {
      throw new IllegalStateException("the backtest of pipeline '" + pipeline + "' has "
          + runs.size() + " of its " + cutoffs + " cutoffs");
    }
    List<Backtest.Evaluation> evaluations = new ArrayList<>();
    for (ForecastCombine.Run r : runs.values()) {
      Backtest.CutoffForecast f = (Backtest.CutoffForecast) r.head().result().orElseThrow();
      evaluations.add(f.evaluate(r.distribution().orElseThrow()));
    }
    return PipelineOutcome.of(pipeline, Backtest.combine(evaluations));
  }
}
