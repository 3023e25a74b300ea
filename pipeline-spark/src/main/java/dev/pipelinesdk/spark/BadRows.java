package dev.pipelinesdk.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bad rows of one pipeline: how many, by kind of problem, and the first examples.
 * "First" on a distributed source means the examples that sort first by message (the same
 * examples whatever the partitioning); at most {@link HistoryOptions#examples()} of them.
 *
 * @param pipeline the pipeline key
 * @param rows how many rows of the pipeline were not read
 * @param byProblem how many bad rows, by kind of problem, sorted by kind
 * @param examples the first bad rows, sorted by message
 */
public record BadRows(String pipeline, long rows, Map<String, Long> byProblem,
    List<BadRow> examples) {
  /**
   * Checks and copies the values.
   *
   * @param pipeline the pipeline key
   * @param rows how many rows were not read
   * @param byProblem how many by kind of problem
   * @param examples the first bad rows
   * @throws NullPointerException if any is null
   */
  public BadRows {
    Objects.requireNonNull(pipeline, "pipeline is null");
    byProblem = Collections.unmodifiableMap(new LinkedHashMap<>(byProblem));
    examples = List.copyOf(examples);
  }
}
