package dev.pipelinesdk.spark.internal;

import java.util.Optional;

/**
 * What running one pipeline gave: its result, or the problem that kept it from being run.
 *
 * @param pipeline the pipeline key
 * @param result the result, if it could be run
 * @param problem why it could not, in words
 */
public record PipelineOutcome(String pipeline, Optional<Object> result, Optional<String> problem) {
  /**
   * {@return a pipeline's result}
   *
   * @param pipeline the pipeline key
   * @param result the result
   */
  public static PipelineOutcome of(String pipeline, Object result) {
    return new PipelineOutcome(pipeline, Optional.of(result), Optional.empty());
  }

  /**
   * {@return a pipeline's problem}
   *
   * @param pipeline the pipeline key
   * @param problem the problem, in words
   */
  public static PipelineOutcome problem(String pipeline, String problem) {
    return new PipelineOutcome(pipeline, Optional.empty(), Optional.of(problem));
  }
}
