package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What moved during a period, per stage, and the waterfalls of open pipeline value. See {@link
 * Movements}. Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param stages every stage in declaration order
 * @param value the waterfall of open value, unweighted
 * @param weighted the waterfall of open value weighted by stage default probabilities
 */
public record MovementReport(String pipeline, Instant from, Instant to,
    List<StageMovement> stages, Waterfall value, Waterfall weighted) {

  /** Creates the value. */
  public MovementReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    stages = List.copyOf(stages);
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(weighted, "weighted is null");
  }

  /**
   * Returns one stage's row.
   *
   * @param stage the stage
   * @return the row
   * @throws IllegalArgumentException if the pipeline has no such stage
   */
  public StageMovement stage(StageId stage) {
    return TextTable.row(stages, StageMovement::stage, pipeline, stage);
  }

  /** {@return the movement table, then both waterfalls} */
  public String toTable() {
    TextTable t = new TextTable("Movements of " + pipeline + " in [" + from + ", " + to + ")",
        "stage", "start", "new", "moved in", "moved out", "won", "lost", "went dark", "end");
    for (StageMovement s : stages) {
      t.row(s.name(), s.startedIn(), s.created(), s.movedIn(), s.movedOut(), s.won(), s.lost(),
          s.wentDark(), s.endedIn());
    }
    return t.render() + "Open pipeline value:\n" + value.toTable()
        + "Weighted by stage probability:\n" + weighted.toTable();
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "MovementReport[" + pipeline + " in [" + from + ", " + to + "): " + value + "]";
  }
}
