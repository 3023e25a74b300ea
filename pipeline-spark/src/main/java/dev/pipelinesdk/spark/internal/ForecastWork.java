package dev.pipelinesdk.spark.internal;

import dev.pipelinesdk.forecast.distribution.TrialBlocks;
import java.util.Optional;

/**
 * One piece of a pipeline's forecast, or of one cutoff of its backtest, between the fit and the
 * combination of its Monte Carlo blocks. The fit makes one per block of trials (one in all when
 * nothing is drawn); the first carries the head (the forecast or the cutoff's forecast before its
 * interval, or the problem) and the run's {@link TrialBlocks} to combine the blocks with; the
 * others carry the run to draw their block from, and once drawn the block alone.
 *
 * @param pipeline the pipeline key
 * @param part which run of the pipeline: the cutoff's index for a backtest, 0 for a forecast
 * @param block the index of the block to draw
 * @param trials the run, where it is still needed
 * @param drawn the block, once drawn
 * @param head the forecast without its distribution, or the problem; on one piece per run
 */
public record ForecastWork(String pipeline, int part, int block, Optional<TrialBlocks> trials,
    Optional<TrialBlocks.Block> drawn, Optional<PipelineOutcome> head) {}
