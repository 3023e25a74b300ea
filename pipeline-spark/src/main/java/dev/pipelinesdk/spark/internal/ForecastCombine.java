package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.spark.AmountSummary;
import dev.pipelinesdk.spark.PipelineForecast;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapGroupsFunction;

/**
 * Puts a pipeline's pieces together: its blocks of trials combined by the run into the
 * won-amount distribution ({@link TrialBlocks#combine}, equal to the single-machine Monte Carlo),
 * summarised onto the forecast.
 */
public final class ForecastCombine
    implements MapGroupsFunction<String, ForecastWork, PipelineOutcome> {
  private static final long serialVersionUID = 1L;

  /** Creates the function. */
  public ForecastCombine() {}

  @Override
  public PipelineOutcome call(String pipeline, Iterator<ForecastWork> pieces) {
    PipelineOutcome head = null;
    Optional<TrialBlocks> run = Optional.empty();
    List<TrialBlocks.Block> blocks = new ArrayList<>();
    while (pieces.hasNext()) {
      ForecastWork w = pieces.next();
      w.drawn().ifPresent(blocks::add);
      if (w.head().isPresent()) {
        head = w.head().get();
        run = w.trials();
      }
    }
    if (head == null) {
      throw new IllegalStateException("the forecast of pipeline '" + pipeline + "' lost its"
          + " head piece");
    }
    if (run.isEmpty() || head.result().isEmpty()) {
      return head;
    }
    PipelineForecast f = (PipelineForecast) head.result().get();
    return PipelineOutcome.of(pipeline, new PipelineForecast(f.forecast(), f.calibration(),
        Optional.of(AmountSummary.of(run.get().combine(blocks)))));
  }
}
