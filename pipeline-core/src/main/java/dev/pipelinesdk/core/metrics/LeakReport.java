package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The leaks found in a cohort's funnel, and every stage's drop-off for context. See {@link
 * Metrics#leaks}. Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param cohort the cohort examined, in words
 * @param baseline the baseline cohort, in words, if one was set
 * @param stages every open stage's drop-off, in funnel order
 * @param leaks the leaks, worst first; empty if none
 */
public record LeakReport(String pipeline, String cohort, Optional<String> baseline,
    List<LeakReport.Row> stages, List<LeakReport.Leak> leaks) {

  /**
   * The drop-off of one open stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param reached deals of the cohort that entered it (a deal drops out only from a stage it
   *     reached)
   * @param lost lost from it
   * @param wentDark gone dark from it
   * @param rate {@code (lost + wentDark) / reached}; empty if none reached it
   * @param othersMedian the median rate of the other judged stages, if there are any
   * @param baselineRate its rate in the baseline, if judged there
   * @param judged whether enough deals reached it to judge it
   * @param leak whether it is a leak
   */
  public record Row(StageId stage, String name, long reached, long lost, long wentDark,
      OptionalDouble rate, OptionalDouble othersMedian, OptionalDouble baselineRate,
      boolean judged, boolean leak) {
    /**
     * Checks the row's references.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param reached deals of the cohort that entered it (a deal drops out only from a stage it
     *     reached)
     * @param lost lost from it
     * @param wentDark gone dark from it
     * @param rate {@code (lost + wentDark) / reached}; empty if none reached it
     * @param othersMedian the median rate of the other judged stages, if there are any
     * @param baselineRate its rate in the baseline, if judged there
     * @param judged whether enough deals reached it to judge it
     * @param leak whether it is a leak
     * @throws NullPointerException if any of {@code stage}, {@code name}, {@code rate}, {@code
     *     othersMedian} or {@code baselineRate} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(rate, "rate is null");
      Objects.requireNonNull(othersMedian, "othersMedian is null");
      Objects.requireNonNull(baselineRate, "baselineRate is null");
    }
  }

  /**
   * A stage where deals drop out or go dark abnormally; see {@link Metrics#leaks}.
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

    /**
     * Creates the value.
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
     * @throws NullPointerException if {@code stage} or {@code hint} is null
     */
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


  /**
   * Creates the value.
   *
   * @param pipeline the pipeline definition id
   * @param cohort the cohort examined, in words
   * @param baseline the baseline cohort, in words, if one was set
   * @param stages every open stage's drop-off, in funnel order
   * @param leaks the leaks, worst first; empty if none
   * @throws NullPointerException if {@code pipeline} or {@code cohort} is null
   */
  public LeakReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(cohort, "cohort is null");
    stages = List.copyOf(stages);
    leaks = List.copyOf(leaks);
  }

  /** {@return the findings in words: one sentence per leak, or that there is none} */
  public String summary() {
    if (leaks.isEmpty()) {
      return "No leak found in the funnel of " + pipeline + " (" + cohort + ").";
    }
    StringBuilder sb = new StringBuilder();
    for (Leak l : leaks) {
      sb.append(l.message()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /**
   * The report as a plain-text table.
   *
   * @return every stage's drop-off (with a baseline column only when a baseline was set), then
   *     the findings
   */
  public String toTable() {
    // the baseline column only when a baseline was set: without one it is "-" on every row
    boolean withBaseline = baseline.isPresent();
    List<String> header = new ArrayList<>(List.of("stage", "reached", "lost", "dark", "drop-off",
        "median of others"));
    if (withBaseline) {
      header.add("baseline");
    }
    header.add("leak");
    TextTable t = new TextTable("Drop-off of " + pipeline + " (" + cohort + ")"
        + baseline.map(b -> " vs baseline (" + b + ")").orElse(""), header.toArray(String[]::new));
    for (Row s : stages) {
      List<Object> cells = new ArrayList<>(List.of(s.name(), s.reached(), s.lost(), s.wentDark(),
          TextTable.percent(s.rate()), TextTable.percent(s.othersMedian())));
      if (withBaseline) {
        cells.add(TextTable.percent(s.baselineRate()));
      }
      cells.add(s.leak() ? "LEAK" : s.judged() ? "" : "too few");
      t.row(cells.toArray());
    }
    return t.render() + summary() + "\n";
  }

  @Override
  public String toString() {
    return "LeakReport[" + pipeline + ", " + cohort + ": " + leaks.size() + " leaks"
        + (leaks.isEmpty() ? "" : " at " + leaks.stream().map(Leak::stage).toList()) + "]";
  }
}
