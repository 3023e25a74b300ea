package dev.pipelinesdk.forecast.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A what-if scenario: changes applied together to what is known at an as-of instant, in the order
 * given where order matters (a deal added before its close date is moved). An empty scenario is
 * the base itself. Immutable.
 *
 * @param changes the changes, possibly none
 */
public record Scenario(List<Change> changes) {
  /**
   * Checks and copies the value.
   *
   * @param changes the changes
   * @throws NullPointerException if the list or a change is null
   */
  public Scenario {
    Objects.requireNonNull(changes, "changes is null");
    changes = List.copyOf(changes);
  }

  /**
   * A scenario of the given changes.
   *
   * @param changes the changes, in order
   * @return the scenario
   * @throws NullPointerException if a change is null
   */
  public static Scenario of(Change... changes) {
    return new Scenario(List.of(changes));
  }

  /** {@return the scenario without changes: the base} */
  public static Scenario none() {
    return new Scenario(List.of());
  }

  /** {@return whether there is no change} */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
