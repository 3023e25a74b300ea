package dev.pipelinesdk.core;

import com.google.common.collect.ImmutableMap;
import dev.pipelinesdk.core.internal.StageChanges;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one place that says how an event changes a deal. Each event produces the next deal in one
 * allocation; the fold checks what the event could break (its deal, its time, its previous
 * value), so the result keeps every invariant {@link Deal.Builder#build()} checks.
 */
final class DealFold {
  private DealFold() {}

  static Deal apply(Deal deal, DealEvent event) {
    if (event instanceof DealEvent.Created) {
      throw new InvalidHistoryException(
          "created event applied to an existing deal '" + deal.id() + "': " + event);
    }
    if (!event.dealId().equals(deal.id())) {
      throw new InvalidHistoryException(
          "event of deal '" + event.dealId() + "' applied to deal '" + deal.id() + "': " + event);
    }
    if (event.at().isBefore(deal.updatedAt())) {
      throw new InvalidHistoryException("event at " + event.at()
          + " is earlier than the deal's latest event at " + deal.updatedAt() + ": " + event);
    }
    // Stage changes through StageChanges, which tests the concrete classes: the one place that
    // works around JDK 17's slow type checks against interfaces (see its comment)
    StageId from = StageChanges.from(event);
    if (from != null) {
      StageId to = StageChanges.to(event);
      String lostReason = event instanceof DealEvent.Lost
          ? ((DealEvent.Lost) event).reason().orElse(null) : null;
      return move(deal, event, from, to, lostReason);
    }
    if (event instanceof DealEvent.AttributeChanged) {
      DealEvent.AttributeChanged change = (DealEvent.AttributeChanged) event;
      requirePrevious(deal, event, "attribute '" + change.name() + "'",
          deal.attribute(change.name()), change.previous());
      Map<String, AttributeValue> attributes = new LinkedHashMap<>(deal.attributes());
      if (change.value().isPresent()) {
        attributes.put(change.name(), change.value().get());
      } else {
        attributes.remove(change.name());
      }
      return deal.withAttributes(event.at(), ImmutableMap.copyOf(attributes));
    } else if (event instanceof DealEvent.AmountChanged) {
      DealEvent.AmountChanged change = (DealEvent.AmountChanged) event;
      requirePrevious(deal, event, "amount", deal.amount(), change.previous());
      if (change.previous().isPresent() && change.amount().isPresent()
          && !change.previous().get().currency().equals(change.amount().get().currency())) {
        throw new InvalidHistoryException("amount changes currency from "
            + change.previous().get().currency() + " to " + change.amount().get().currency()
            + ": " + event);
      }
      return deal.withAmount(event.at(), change.amount().orElse(null));
    } else if (event instanceof DealEvent.OwnerChanged) {
      DealEvent.OwnerChanged change = (DealEvent.OwnerChanged) event;
      requirePrevious(deal, event, "owner", deal.owner(), change.previous());
      return deal.withOwner(event.at(), change.owner().orElse(null));
    } else if (event instanceof DealEvent.CloseDateChanged) {
      DealEvent.CloseDateChanged change = (DealEvent.CloseDateChanged) event;
      requirePrevious(deal, event, "close date", deal.closeDate(), change.previous());
      return deal.withCloseDate(event.at(), change.closeDate().orElse(null));
    } else if (event instanceof DealEvent.ProbabilityOverridden) {
      DealEvent.ProbabilityOverridden change = (DealEvent.ProbabilityOverridden) event;
      requirePrevious(deal, event, "manual probability", deal.manualProbability(),
          change.previous());
      // the event's constructor checked the probability is in [0, 1]
      return deal.withManualProbability(event.at(), change.probability().orElse(Double.NaN));
    } else if (event instanceof DealEvent.TouchRecorded) {
      return deal.withTouch(event.at());
    } else if (event instanceof DealEvent.Snoozed) {
      return deal.noted(event.at()); // the agenda reads snoozes from the history
    } else if (event instanceof DealEvent.CadenceEnrolled
        || event instanceof DealEvent.CadenceStopped) {
      return deal.noted(event.at()); // the agenda reads cadence enrolments from the history
    }
    if (event instanceof DealEvent.Linked) {
      return deal.noted(event.at()); // DealHistory.links() reads links from the history
    }
    throw new AssertionError("unhandled event type " + event.getClass());
  }

  private static Deal move(
      Deal deal, DealEvent event, StageId from, StageId to, @Nullable String lostReason) {
    if (!from.equals(deal.stage())) {
      throw new InvalidHistoryException("move from '" + from + "' but deal '" + deal.id()
          + "' is in '" + deal.stage() + "': " + event);
    }
    return deal.next(event.at(), to, event.at(), lostReason);
  }

  private static void requirePrevious(
      Deal deal, DealEvent event, String what, Object actual, Object previous) {
    if (!actual.equals(previous)) {
      throw new InvalidHistoryException(what + " of deal '" + deal.id() + "' is " + actual
          + " but the event says it was " + previous + ": " + event);
    }
  }
}
