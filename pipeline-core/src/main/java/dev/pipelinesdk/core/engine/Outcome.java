package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.guard.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a command: accepted (the new deal and the events that made it) or rejected
 * (every reason, and the deal unchanged). A rejection is a value, not an exception.
 */
public sealed interface Outcome {

  /** {@return the deal after the command: the new deal if accepted, the same deal if rejected} */
  Deal deal();

  /** {@return the events to append to the deal's history; empty if rejected or nothing changed} */
  List<DealEvent> events();

  /** {@return every reason the command was refused; empty if accepted} */
  List<Violation> violations();

  /** {@return whether the command was accepted} */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * Returns the new deal, or throws if the command was rejected.
   *
   * @return the deal after the command
   * @throws RejectedException listing every violation if the command was rejected
   */
  default Deal orElseThrow() {
    if (this instanceof Rejected) {
      throw new RejectedException((Rejected) this);
    }
    return deal();
  }

  /**
   * Appends this outcome's events to a history.
   *
   * @param history the deal's history before the command
   * @return the history after it (the same history if rejected)
   */
  default DealHistory appendTo(DealHistory history) {
    return history.append(events());
  }

  /**
   * The command was accepted.
   *
   * @param previous the deal before, empty for a creation
   * @param deal the deal after
   * @param events the events produced, in order (empty if nothing changed)
   */
  record Accepted(Optional<Deal> previous, Deal deal, List<DealEvent> events) implements Outcome {
    public Accepted {
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(deal, "deal is null");
      events = List.copyOf(events);
    }

    @Override
    public List<Violation> violations() {
      return List.of();
    }
  }

  /**
   * The command was refused; nothing changed.
   *
   * @param deal the deal, unchanged
   * @param command the command refused
   * @param violations every reason, not empty
   */
  record Rejected(Deal deal, Command command, List<Violation> violations) implements Outcome {
    public Rejected {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(command, "command is null");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }

    @Override
    public List<DealEvent> events() {
      return List.of();
    }

    /** {@return the command, the deal and every reason, one per line} */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Rejected ").append(command).append(" for deal '")
          .append(deal.id()).append("' in ").append(deal.stage()).append(':');
      violations.forEach(v -> sb.append(System.lineSeparator()).append("  - ").append(v));
      return sb.toString();
    }
  }
}
