package dev.pipelinesdk.core;

import dev.pipelinesdk.core.guard.Guard;
import java.util.List;
import java.util.Objects;

/**
 * A declared move between two stages, and the guards that protect it. Only declared transitions
 * can be taken: back-moves, skips, dormancy, revival and reopening exist only where a definition
 * declares them. Created by {@link PipelineDefinition.Builder}; immutable.
 *
 * <p>Equality compares guards by identity (guards are strategies, not values).
 *
 * @param from the stage the deal leaves
 * @param to the stage the deal enters
 * @param name the name shown in diagnostics and diagrams, by default {@code "from -> to"}
 * @param kind what the move does
 * @param guards the guards checked, in order, before the move is accepted; all are checked and
 *     every violation is reported
 */
public record Transition(
    StageId from, StageId to, String name, TransitionKind kind, List<Guard> guards) {

  /**
   * Checks the transition and copies its guards.
   *
   * @param from the stage the deal leaves
   * @param to the stage the deal enters
   * @param name the name shown in diagnostics and diagrams, by default {@code "from -> to"}
   * @param kind what the move does
   * @param guards the guards checked, in order, before the move is accepted; all are checked and
   *     every violation is reported
   * @throws NullPointerException if any of {@code from}, {@code to}, {@code name} or {@code kind}
   *     is null
   */
  public Transition {
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    guards = List.copyOf(guards);
  }

  /** {@return {@code "name (from -> to)"}, or just {@code "from -> to"} for default names} */
  @Override
  public String toString() {
    String arrow = from + " -> " + to;
    return name.equals(arrow) ? arrow : name + " (" + arrow + ")";
  }
}
