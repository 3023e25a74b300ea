package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.Money;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SparkPipelines#histories} reads stage-history rows. Start from {@link #defaults()}
 * and change what differs.
 *
 * @param pipelineColumn the column whose value is the row's pipeline key, naming a {@link
 *     Definitions definition}
 * @param sequenceColumn the column that orders a deal's rows with the same {@code at} (a whole
 *     number, smaller first); without one, ties keep the input order (see {@link
 *     SparkPipelines#histories})
 * @param currency the currency of amounts whose {@code currency} is empty
 * @param failOnBadRows fail the job at the first bad row, with its message, instead of
 *     collecting bad rows per pipeline
 * @param examples how many bad rows per pipeline {@link BadRows} keeps as examples
 */
public record HistoryOptions(String pipelineColumn, Optional<String> sequenceColumn,
    Currency currency, boolean failOnBadRows, int examples) {
  /**
   * Checks the values.
   *
   * @param pipelineColumn the pipeline key column
   * @param sequenceColumn the tie-breaking column, if any
   * @param currency the currency of amounts without one
   * @param failOnBadRows fail at the first bad row
   * @param examples how many examples to keep per pipeline, at least 0
   * @throws IllegalArgumentException if {@code examples} is negative or a column name is blank
   * @throws NullPointerException if an argument is null
   */
  public HistoryOptions {
    Objects.requireNonNull(pipelineColumn, "pipeline column is null");
    Objects.requireNonNull(sequenceColumn, "sequence column is null");
    Objects.requireNonNull(currency, "currency is null");
    if (pipelineColumn.isBlank() || sequenceColumn.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("a column name is blank");
    }
    if (examples < 0) {
      throw new IllegalArgumentException("examples must not be negative, not " + examples);
    }
  }

  /**
   * {@return the defaults: pipeline key in column {@code pipeline}, ties in input order, EUR,
   * bad rows collected, 10 examples per pipeline}
   */
  public static HistoryOptions defaults() {
    return new HistoryOptions("pipeline", Optional.empty(), Money.currency("EUR"), false, 10);
  }

  /**
   * {@return these options with another pipeline key column}
   *
   * @param column the column name, such as {@code "tenant"}
   */
  public HistoryOptions withPipelineColumn(String column) {
    return new HistoryOptions(column, sequenceColumn, currency, failOnBadRows, examples);
  }

  /**
   * {@return these options, ordering ties by a sequence column}
   *
   * @param column the column name
   */
  public HistoryOptions withSequenceColumn(String column) {
    return new HistoryOptions(pipelineColumn, Optional.of(column), currency, failOnBadRows,
        examples);
  }

  /**
   * {@return these options with another currency for amounts without one}
   *
   * @param currency the currency
   */
  public HistoryOptions withCurrency(Currency currency) {
    return new HistoryOptions(pipelineColumn, sequenceColumn, currency, failOnBadRows, examples);
  }

  /**
   * {@return these options, failing at the first bad row or not}
   *
   * @param fail whether a bad row fails the job
   */
  public HistoryOptions withFailOnBadRows(boolean fail) {
    return new HistoryOptions(pipelineColumn, sequenceColumn, currency, fail, examples);
  }

  /**
   * {@return these options, keeping another number of examples per pipeline}
   *
   * @param examples how many, at least 0
   */
  public HistoryOptions withExamples(int examples) {
    return new HistoryOptions(pipelineColumn, sequenceColumn, currency, failOnBadRows, examples);
  }
}
