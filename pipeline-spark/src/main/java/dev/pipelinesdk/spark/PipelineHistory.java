package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.DealHistory;
import java.util.Objects;

/**
 * A deal's history with the key of the pipeline it belongs to: the element of the datasets this
 * module aggregates ({@link SparkPipelines#aggregator}). The key names a {@link Definitions
 * definition}: a tenant, a business unit, a pipeline.
 *
 * @param pipeline the pipeline key
 * @param history the deal's history
 */
public record PipelineHistory(String pipeline, DealHistory history) {
  /**
   * Checks the values.
   *
   * @param pipeline the pipeline key
   * @param history the deal's history
   * @throws NullPointerException if either is null
   */
  public PipelineHistory {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(history, "history is null");
  }
}
