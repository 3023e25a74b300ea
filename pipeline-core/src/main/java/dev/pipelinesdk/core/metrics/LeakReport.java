package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The leaks found in a cohort's funnel, and every stage's drop-off for context. See {@link
 * LeakFinder}. Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param cohort the cohort examined, in words
 * @param baseline the baseline cohort, in words, if one was set
 * @param stages every open stage's drop-off, in funnel order
 * @param leaks the leaks, worst first; empty if none
 */
public record LeakReport(String pipeline, String cohort, Optional<String> baseline,
    List<StageDropOff> stages, List<Leak> leaks) {

  /**
   * The drop-off of one open stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param reached deals of the cohort that reached it
   * @param lost lost from it
   * @param wentDark gone dark from it
   * @param rate {@code (lost + wentDark) / reached}; NaN if none reached it
   * @param othersMedian the median rate of the other judged stages, if there are any
   * @param baselineRate its rate in the baseline, if judged there
   * @param judged whether enough deals reached it to judge it
   * @param leak whether it is a leak
   */
  public record StageDropOff(StageId stage, String name, long reached, long lost, long wentDark,
      double rate, OptionalDouble othersMedian, OptionalDouble baselineRate, boolean judged,
      boolean leak) {}

  /** Creates the value. */
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

  /** {@return every stage's drop-off as a plain-text table, then the findings} */
  public String toTable() {
    TextTable t = new TextTable("Drop-off of " + pipeline + " (" + cohort + ")"
        + baseline.map(b -> " vs baseline (" + b + ")").orElse(""), "stage", "reached", "lost",
        "dark", "drop-off", "others", "baseline", "leak");
    for (StageDropOff s : stages) {
      t.row(s.name(), s.reached(), s.lost(), s.wentDark(), TextTable.percent(s.rate()),
          TextTable.percent(s.othersMedian().orElse(Double.NaN)),
          TextTable.percent(s.baselineRate().orElse(Double.NaN)),
          s.leak() ? "LEAK" : s.judged() ? "" : "too few");
    }
    return t.render() + summary() + "\n";
  }

  @Override
  public String toString() {
    return "LeakReport[" + pipeline + ", " + cohort + ": " + leaks.size() + " leaks"
        + (leaks.isEmpty() ? "" : " at " + leaks.stream().map(Leak::stage).toList()) + "]";
  }
}
