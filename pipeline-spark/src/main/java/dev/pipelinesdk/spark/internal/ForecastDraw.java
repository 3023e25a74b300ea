package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;

/**
 * Draws a piece's block of trials, for a forecast and a backtest's cutoff alike. The run stays on
 * the piece with the head only (it combines the blocks); the others leave with their block alone.
 */
public final class ForecastDraw implements MapFunction<ForecastWork, ForecastWork> {
  private static final long serialVersionUID = 1L;

  /** Creates the function. */
  public ForecastDraw() {}

  @Override
  public ForecastWork call(ForecastWork w) {
    if (w.trials().isEmpty()) {
      return w;
    }
    TrialBlocks run = w.trials().get();
    return new ForecastWork(w.pipeline(), w.part(), w.block(),
        w.head().isPresent() ? w.trials() : Optional.empty(),
        Optional.of(run.draw(w.block())), w.head());
  }
}
