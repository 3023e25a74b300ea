package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.spark.PipelineHistory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A history sent to one cutoff of its pipeline's backtest: each cutoff is forecast in its own
 * group (pipeline key and cutoff), and each group needs every history of its pipeline, so a
 * history goes to each cutoff once.
 *
 * @param cutoff the cutoff's index in the backtest's cutoffs
 * @param history the history with its pipeline key
 */
public record CutoffHistory(int cutoff, PipelineHistory history) {
  /** Sends each history to every cutoff. */
  public static final class Spread implements FlatMapFunction<PipelineHistory, CutoffHistory> {
    private static final long serialVersionUID = 1L;
    private final int cutoffs;

    /**
     * Creates the function.
     *
     * @param cutoffs how many cutoffs the backtest has
     */
    public Spread(int cutoffs) {
      this.cutoffs = cutoffs;
    }

    @Override
    public Iterator<CutoffHistory> call(PipelineHistory h) {
      List<CutoffHistory> out = new ArrayList<>(cutoffs);
      for (int i = 0; i < cutoffs; i++) {
        out.add(new CutoffHistory(i, h));
      }
      return out.iterator();
    }
  }
}
