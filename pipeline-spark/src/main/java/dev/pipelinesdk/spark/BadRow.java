package dev.pipelinesdk.spark;

import java.util.Objects;

/**
 * A row that was not read into a history: the same kinds of problem as the command line's
 * stage-history reader ({@code StageHistoryCsv}: "unknown stage", "bad date", "non-numeric
 * amount", "refused by the engine", ...), with a message that names the pipeline, the deal, the
 * row (by its {@code at} and {@code stage} values: a distributed source has no line numbers) and
 * the bad value; a refusal carries the engine's own reasons.
 *
 * @param pipeline the pipeline key of the row
 * @param problem the kind of problem, such as {@code "bad date"}
 * @param message the whole message, on one line
 */
public record BadRow(String pipeline, String problem, String message) {
  /**
   * Checks the values.
   *
   * @param pipeline the pipeline key of the row
   * @param problem the kind of problem
   * @param message the whole message
   * @throws NullPointerException if any is null
   */
  public BadRow {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(problem, "problem is null");
    Objects.requireNonNull(message, "message is null");
  }
}
