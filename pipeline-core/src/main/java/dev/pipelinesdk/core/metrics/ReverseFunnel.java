package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.util.List;
import java.util.Objects;

/**
 * How many deals must enter each stage to expect a goal at observed conversion rates ("to win
 * 10 we need 200 prospects"). Rounded up. Immutable.
 *
 * @param goal the goal in words
 * @param wins the wins needed
 * @param steps per open stage from the starting one, the deals needed there
 */
public record ReverseFunnel(String goal, long wins, List<Step> steps) {

  /** Creates the value. */
  public ReverseFunnel {
    Objects.requireNonNull(goal, "goal is null");
    steps = List.copyOf(steps);
  }

  /**
   * One stage of the reverse funnel.
   *
   * @param stage the stage
   * @param name its name
   * @param needed deals that must reach it
   * @param conversionToWon the observed share of deals reaching it that are won
   */
  public record Step(StageId stage, String name, long needed, double conversionToWon) {}

  /** {@return deals needed at the first stage of the steps} */
  public long neededAtStart() {
    return steps.isEmpty() ? wins : steps.get(0).needed();
  }

  /** {@return the reverse funnel as a plain-text table} */
  public String toTable() {
    TextTable t = new TextTable("Needed for " + goal, "stage", "needed", "to won");
    for (Step s : steps) {
      t.row(s.name(), s.needed(), TextTable.percent(s.conversionToWon()));
    }
    t.row("won", wins, "-");
    return t.render();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ReverseFunnel[").append(goal);
    for (Step s : steps) {
      sb.append(", ").append(s.stage()).append(' ').append(s.needed());
    }
    return sb.append(']').toString();
  }
}
