package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A stage where deals drop out or go dark abnormally; see {@link LeakFinder}.
 *
 * @param stage the stage id
 * @param name the stage name
 * @param reached deals of the cohort that reached the stage
 * @param lost of them, lost from this stage
 * @param wentDark of them, gone dark from this stage
 * @param rate {@code (lost + wentDark) / reached}
 * @param othersMedian the median rate of the other stages, if the stage stands out against them
 * @param baselineRate the stage's rate in the baseline, if the stage stands out against it
 * @param hint what a leak here hints at
 */
public record Leak(StageId stage, String name, long reached, long lost, long wentDark,
    double rate, OptionalDouble othersMedian, OptionalDouble baselineRate, String hint) {

  /** Creates the value. */
  public Leak {
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(hint, "hint is null");
  }

  /**
   * The leak in words, with the numbers, such as "Leak at Consideration: 50.0% of the 20 deals
   * that reached it dropped out there (4 lost, 6 went dark), vs 10.0% at the other stages
   * (median). A leak here hints at differentiation or innovation: ...".
   *
   * @return the sentence
   */
  public String message() {
    StringBuilder sb = new StringBuilder("Leak at ").append(name).append(": ")
        .append(TextTable.percent(rate)).append(" of the ").append(reached)
        .append(" deals that reached it dropped out there (").append(lost).append(" lost, ")
        .append(wentDark).append(" went dark)");
    String sep = ", vs ";
    if (othersMedian.isPresent()) {
      sb.append(sep).append(TextTable.percent(othersMedian.getAsDouble()))
          .append(" at the other stages (median)");
      sep = " and ";
    }
    if (baselineRate.isPresent()) {
      sb.append(sep).append(TextTable.percent(baselineRate.getAsDouble()))
          .append(" in the baseline");
    }
    return sb.append(". A leak here hints at ").append(hint).append('.').toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
