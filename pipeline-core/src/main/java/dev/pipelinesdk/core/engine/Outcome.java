package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.internal.HistoryAccess;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of a command: accepted (the new deal and the events that made it) or rejected
 * (every reason, and the deal unchanged). A rejection is a value, not an exception.
 *
 * <p>Only the engine makes outcomes: neither kind has a public constructor, so an accepted
 * outcome always certifies that its events turn its previous deal into its deal.
 *
 * <p>When the command ran on a {@link DealHistory} (the {@code Pipeline} methods taking one, and
 * {@link Pipeline#create}), the outcome also carries the history after it: {@link #history()}.
 */
public sealed interface Outcome {

  /** {@return the deal after the command: the new deal if accepted, the same deal if rejected} */
  Deal deal();

  /** {@return the events to append to the deal's history; empty if rejected or nothing changed} */
  List<DealEvent> events();

  /** {@return every reason the command was refused; empty if accepted} */
  List<Violation> violations();

  /**
   * The deal's history after the command, when the command ran on a history: the longer history
   * if accepted (the same one if nothing changed), the same history if rejected. A creation's
   * history holds its one {@link DealEvent.Created} event.
   *
   * @return the history, or empty if the command ran on a bare {@link Deal}
   */
  Optional<DealHistory> history();

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
   * Returns the history after the command, or throws if the command was rejected.
   *
   * @return the longer history
   * @throws RejectedException listing every violation if the command was rejected
   * @throws IllegalStateException if the command ran on a bare {@link Deal}, so there is no
   *     history to return (pass the {@link DealHistory} to the pipeline instead, or use {@link
   *     #appendTo(DealHistory)})
   */
  default DealHistory historyOrThrow() {
    if (this instanceof Rejected) {
      throw new RejectedException((Rejected) this);
    }
    return history().orElseThrow(() -> new IllegalStateException("the command for deal '"
        + deal().id() + "' ran on a bare Deal, so its outcome carries no history; pass the"
        + " DealHistory to the pipeline (execute(DealHistory, ...), move(DealHistory, ...), ...)"
        + " or append the events yourself with outcome.appendTo(history)"));
  }

  /**
   * Appends this outcome's events to a history.
   *
   * @param history the deal's history before the command
   * @return the history after it (the same history if rejected)
   * @throws dev.pipelinesdk.core.InvalidHistoryException if the events do not fit the history
   * @throws NullPointerException if the history is null
   */
  default DealHistory appendTo(DealHistory history) {
    return Objects.requireNonNull(history, "history is null").append(events());
  }

  /**
   * The command was accepted: the deal before (empty for a creation), the deal after and the
   * events that made it, in order (empty if nothing changed). Made only by the engine.
   *
   * <p>A value: two outcomes are equal when the previous deal, the deal, the events and the
   * history are equal.
   */
  final class Accepted implements Outcome {
    private final @Nullable Deal previous;
    private final Deal deal;
    private final List<DealEvent> events;
    // The history after the command, if it ran on one; null for a bare deal and for a creation,
    // whose one-event history is made when asked for (create is on every deal's path).
    private final @Nullable DealHistory history;

    /** {@code previous} null for a creation; {@code events} unmodifiable, nobody else's. */
    Accepted(@Nullable Deal previous, Deal deal, List<DealEvent> events,
        @Nullable DealHistory history) {
      this.previous = previous;
      this.deal = Objects.requireNonNull(deal, "deal is null");
      this.events = events;
      this.history = history;
    }

    /** {@return the deal before the command, empty for a creation} */
    public Optional<Deal> previous() {
      return Optional.ofNullable(previous);
    }

    @Override
    public Deal deal() {
      return deal;
    }

    @Override
    public List<DealEvent> events() {
      return events;
    }

    @Override
    public List<Violation> violations() {
      return List.of();
    }

    @Override
    public Optional<DealHistory> history() {
      if (history != null) {
        return Optional.of(history);
      }
      if (previous == null) { // a creation: its one event is the Created event
        return Optional.of(
            HistoryAccess.appender().created((DealEvent.Created) events.get(0)));
      }
      return Optional.empty();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Accepted)) {
        return false;
      }
      Accepted other = (Accepted) o;
      return Objects.equals(previous, other.previous) && deal.equals(other.deal)
          && events.equals(other.events) && history().equals(other.history());
    }

    @Override
    public int hashCode() {
      return Objects.hash(previous(), deal, events);
    }

    /** {@return the record-like form: {@code Accepted[previous=..., deal=..., events=...]}} */
    @Override
    public String toString() {
      return "Accepted[previous=" + previous() + ", deal=" + deal + ", events=" + events + "]";
    }
  }

  /**
   * The command was refused; nothing changed. Made only by the engine.
   *
   * <p>A value: two rejections are equal when the deal, the command, the violations and the
   * history are equal.
   */
  final class Rejected implements Outcome {
    private final Deal deal;
    private final Command command;
    private final List<Violation> violations;
    private final @Nullable DealHistory history;

    Rejected(Deal deal, Command command, List<Violation> violations,
        @Nullable DealHistory history) {
      this.deal = Objects.requireNonNull(deal, "deal is null");
      this.command = Objects.requireNonNull(command, "command is null");
      this.violations = List.copyOf(violations);
      if (this.violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
      this.history = history;
    }

    /** {@return the deal, unchanged} */
    @Override
    public Deal deal() {
      return deal;
    }

    /** {@return the command refused} */
    public Command command() {
      return command;
    }

    /** {@return every reason, not empty} */
    @Override
    public List<Violation> violations() {
      return violations;
    }

    @Override
    public List<DealEvent> events() {
      return List.of();
    }

    /** {@return the history the command ran on, unchanged; empty for a bare deal} */
    @Override
    public Optional<DealHistory> history() {
      return Optional.ofNullable(history);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Rejected)) {
        return false;
      }
      Rejected other = (Rejected) o;
      return deal.equals(other.deal) && command.equals(other.command)
          && violations.equals(other.violations) && Objects.equals(history, other.history);
    }

    @Override
    public int hashCode() {
      return Objects.hash(deal, command, violations);
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
