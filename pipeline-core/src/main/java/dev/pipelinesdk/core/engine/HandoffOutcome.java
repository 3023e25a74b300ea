package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealLink;
import dev.pipelinesdk.core.guard.Violation;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a handoff ({@link Pipeline#handOff}): accepted, with the won deal's history and
 * the follow-on deal's, each ending with the {@link dev.pipelinesdk.core.DealEvent.Linked} event
 * that names the other; or rejected, with every reason, and nothing recorded anywhere.
 *
 * <p>Only the engine makes handoff outcomes: neither kind has a public constructor.
 */
public sealed interface HandoffOutcome {

  /** {@return every reason the handoff was refused; empty if accepted} */
  List<Violation> violations();

  /** {@return whether the handoff was carried out} */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * Returns the accepted handoff, or throws if it was rejected.
   *
   * @return the accepted handoff
   * @throws IllegalStateException listing every violation if the handoff was rejected
   */
  default Accepted orElseThrow() {
    if (this instanceof Rejected) {
      throw new IllegalStateException("handoff rejected: " + violations());
    }
    return (Accepted) this;
  }

  /**
   * A handoff carried out: two histories, each with a link to the other deal.
   *
   * <p>A value: equal when both histories are equal.
   */
  final class Accepted implements HandoffOutcome {
    private final DealHistory origin;
    private final DealHistory followOn;

    Accepted(DealHistory origin, DealHistory followOn) {
      this.origin = Objects.requireNonNull(origin, "origin is null");
      this.followOn = Objects.requireNonNull(followOn, "followOn is null");
    }

    /** {@return the won deal's history, ending with its link to the follow-on deal} */
    public DealHistory origin() {
      return origin;
    }

    /** {@return the follow-on deal's history: its creation and its link to the won deal} */
    public DealHistory followOn() {
      return followOn;
    }

    /** {@return the link the won deal's history got: to the follow-on deal} */
    public DealLink link() {
      List<DealLink> links = origin.links();
      return links.get(links.size() - 1);
    }

    /** {@return no violations} */
    @Override
    public List<Violation> violations() {
      return List.of();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Accepted && origin.equals(((Accepted) o).origin)
          && followOn.equals(((Accepted) o).followOn);
    }

    @Override
    public int hashCode() {
      return 31 * origin.hashCode() + followOn.hashCode();
    }

    /** {@return {@code HandoffOutcome.Accepted[origin -> follow-on]}} */
    @Override
    public String toString() {
      return "HandoffOutcome.Accepted[" + origin.dealId() + " -> " + link() + "]";
    }
  }

  /**
   * A handoff refused: the deal is not won, or was handed off to that pipeline already, or the
   * follow-on deal cannot be opened as the handoff says. Nothing was recorded.
   *
   * <p>A value: equal when the deal and the violations are equal.
   */
  final class Rejected implements HandoffOutcome {
    private final Deal deal;
    private final List<Violation> violations;

    Rejected(Deal deal, List<Violation> violations) {
      this.deal = Objects.requireNonNull(deal, "deal is null");
      this.violations = List.copyOf(violations);
      if (this.violations.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
    }

    /** {@return the deal that was to be handed off, unchanged} */
    public Deal deal() {
      return deal;
    }

    @Override
    public List<Violation> violations() {
      return violations;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Rejected && deal.equals(((Rejected) o).deal)
          && violations.equals(((Rejected) o).violations);
    }

    @Override
    public int hashCode() {
      return 31 * deal.hashCode() + violations.hashCode();
    }

    /** {@return {@code HandoffOutcome.Rejected[deal, violations]}} */
    @Override
    public String toString() {
      return "HandoffOutcome.Rejected[" + deal.id() + ", " + violations + "]";
    }
  }
}
