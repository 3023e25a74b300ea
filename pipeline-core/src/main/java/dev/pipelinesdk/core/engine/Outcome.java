package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.guard.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
   * The command was accepted: the deal before (empty for a creation), the deal after and the
   * events that made it, in order (empty if nothing changed).
   *
   * <p>A value: two outcomes are equal when the previous deal, the deal and the events are equal.
   * Written as a class rather than a record so the common case (one event, a previous deal) is
   * one small object: the optional and the one-event list are made when asked for.
   */
  final class Accepted implements Outcome {
    private final @Nullable Deal previous;
    private final Deal deal;
    // The only event (a DealEvent), or an EventList; one field rather than two keeps the common
    // outcome at 24 bytes. Told apart by EventList, a final class: a type check against it is one
    // compare, where a check against an interface (List, DealEvent) may scan on JDK 17.
    private final Object events;

    /**
     * Creates an accepted outcome.
     *
     * @param previous the deal before, empty for a creation
     * @param deal the deal after
     * @param events the events produced, in order (empty if nothing changed)
     */
    public Accepted(Optional<Deal> previous, Deal deal, List<DealEvent> events) {
      this(previous.orElse(null), deal,
          (Object) new EventList(events.toArray(new DealEvent[0])));
      for (DealEvent e : ((EventList) this.events).array()) {
        Objects.requireNonNull(e, "an event is null");
      }
    }

    Accepted(@Nullable Deal previous, Deal deal, DealEvent event) {
      // not Objects.requireNonNull: its result is cast back to the DealEvent interface, a
      // secondary-supers scan on JDK 17 (see DealFold)
      this(previous, deal, (Object) event);
      if (event == null) {
        throw new NullPointerException("event is null");
      }
    }

    /** The events are the first {@code n} of the array, which the caller hands over. */
    Accepted(Deal previous, Deal deal, DealEvent[] events, int n) {
      this(previous, deal, n == 1 ? events[0]
          : new EventList(n == events.length ? events : Arrays.copyOf(events, n)));
    }

    private Accepted(@Nullable Deal previous, Deal deal, Object events) {
      this.previous = previous;
      this.deal = Objects.requireNonNull(deal, "deal is null");
      this.events = events;
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
    @SuppressWarnings("unchecked")
    public List<DealEvent> events() {
      // List.of(Object), not List.of(DealEvent): no cast to the DealEvent interface
      return events instanceof EventList ? (EventList) events
          : (List<DealEvent>) (List<?>) List.of(events);
    }

    @Override
    public List<Violation> violations() {
      return List.of();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      return o instanceof Accepted && Objects.equals(previous, ((Accepted) o).previous)
          && deal.equals(((Accepted) o).deal) && events().equals(((Accepted) o).events());
    }

    @Override
    public int hashCode() {
      return Objects.hash(previous(), deal, events());
    }

    /** {@return the record-like form: {@code Accepted[previous=..., deal=..., events=...]}} */
    @Override
    public String toString() {
      return "Accepted[previous=" + previous() + ", deal=" + deal + ", events=" + events() + "]";
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
