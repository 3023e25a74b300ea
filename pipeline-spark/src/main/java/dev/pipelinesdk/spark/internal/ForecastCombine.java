package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import dev.pipelinesdk.spark.AmountSummary;
import dev.pipelinesdk.spark.ForecastOptions;
import dev.pipelinesdk.spark.PipelineForecast;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.jspecify.annotations.Nullable;

/**
 * Puts a pipeline's pieces together: its blocks of trials combined by the run into the
 * won-amount distribution ({@link TrialBlocks#combine}, equal to the single-machine Monte Carlo),
 * summarised onto the forecast with the probability of the pipeline's target, if it has one,
 * read from the combined trials. {@link #runs} does the combining for the backtest's cutoffs too.
 */
public final class ForecastCombine
    implements MapGroupsFunction<String, ForecastWork, PipelineOutcome> {
  private static final long serialVersionUID = 1L;
  private final ForecastFit.Forecasting forecasting;

  /**
   * Creates the function.
   *
   * @param options the forecast options (for the targets)
   */
  public ForecastCombine(ForecastOptions options) {
    this.forecasting = new ForecastFit.Forecasting(options);
  }

  @Override
  public PipelineOutcome call(String pipeline, Iterator<ForecastWork> pieces) {
    Run run = runs(pipeline, pieces).get(0);
    if (run == null) {
      throw new IllegalStateException("the forecast of pipeline '" + pipeline + "' has no"
          + " run 0");
    }
    PipelineOutcome head = run.head();
    if (run.distribution().isEmpty() || head.result().isEmpty()) {
      return head;
    }
    AmountDistribution d = run.distribution().get();
    // checked against the currency where the pipeline was fitted (ForecastFit), so it fits here
    Optional<Money> target = forecasting.target(pipeline).map(t -> Money.of(t, d.currency()));
    PipelineForecast f = (PipelineForecast) head.result().get();
    return PipelineOutcome.of(pipeline, new PipelineForecast(f.forecast(), f.calibration(),
        Optional.of(AmountSummary.of(d, target))));
  }

  /**
   * One run of a pipeline put together: its head and, if it drew trials, their distribution.
   *
   * @param head the head piece's outcome: the result before its distribution, or the problem
   * @param distribution the combined distribution, if the run drew trials
   */
  record Run(PipelineOutcome head, Optional<AmountDistribution> distribution) {}

  /**
   * Puts each run of a pipeline's pieces together: per {@link ForecastWork#part()}, the head and
   * the blocks combined by the head's run.
   *
   * @param pipeline the pipeline key, for messages
   * @param pieces every piece of the pipeline, in any order
   * @return the runs by part
   * @throws IllegalStateException if a run lost its head piece
   * @throws IllegalArgumentException if a block is missing, twice or of another run
   */
  static SortedMap<Integer, Run> runs(String pipeline, Iterator<ForecastWork> pieces) {
    SortedMap<Integer, @Nullable PipelineOutcome> heads = new TreeMap<>();
    SortedMap<Integer, TrialBlocks> trials = new TreeMap<>();
    SortedMap<Integer, List<TrialBlocks.Block>> blocks = new TreeMap<>();
    while (pieces.hasNext()) {
      ForecastWork w = pieces.next();
      heads.putIfAbsent(w.part(), null);
      w.drawn().ifPresent(b -> blocks.computeIfAbsent(w.part(), p -> new ArrayList<>()).add(b));
      if (w.head().isPresent()) {
        heads.put(w.part(), w.head().get());
        w.trials().ifPresent(t -> trials.put(w.part(), t));
      }
    }
    SortedMap<Integer, Run> out = new TreeMap<>();
    heads.forEach((part, head) -> {
      if (head == null) {
        throw new IllegalStateException("run " + part + " of pipeline '" + pipeline + "' lost"
            + " its head piece");
      }
      TrialBlocks run = trials.get(part);
      out.put(part, new Run(head, run == null ? Optional.empty()
          : Optional.of(run.combine(blocks.getOrDefault(part, List.of())))));
    });
    return out;
  }
}
