package dev.pipelinesdk.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one place that says how an event changes a deal. */
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
    ImmutableDeal next = ((ImmutableDeal) ImmutableDeal.copyOf(deal)).withUpdatedAt(event.at());
    if (event instanceof DealEvent.StageChanged) {
      DealEvent.StageChanged move = (DealEvent.StageChanged) event;
      if (!move.from().equals(deal.stage())) {
        throw new InvalidHistoryException("move from '" + move.from() + "' but deal '" + deal.id()
            + "' is in '" + deal.stage() + "': " + event);
      }
      return next.withStage(move.to()).withStageEnteredAt(event.at()).withLostReason(
          event instanceof DealEvent.Lost
              ? Optional.of(((DealEvent.Lost) event).reason()) : Optional.empty());
    } else if (event instanceof DealEvent.AttributeChanged) {
      DealEvent.AttributeChanged change = (DealEvent.AttributeChanged) event;
      requirePrevious(deal, event, "attribute '" + change.name() + "'",
          deal.attribute(change.name()), change.previous());
      Map<String, AttributeValue> attributes = new LinkedHashMap<>(deal.attributes());
      if (change.value().isPresent()) {
        attributes.put(change.name(), change.value().get());
      } else {
        attributes.remove(change.name());
      }
      return next.withAttributes(attributes);
    } else if (event instanceof DealEvent.AmountChanged) {
      DealEvent.AmountChanged change = (DealEvent.AmountChanged) event;
      requirePrevious(deal, event, "amount", deal.amount(), change.previous());
      if (change.previous().isPresent() && change.amount().isPresent()
          && !change.previous().get().currency().equals(change.amount().get().currency())) {
        throw new InvalidHistoryException("amount changes currency from "
            + change.previous().get().currency() + " to " + change.amount().get().currency()
            + ": " + event);
      }
      return next.withAmount(change.amount());
    } else if (event instanceof DealEvent.OwnerChanged) {
      DealEvent.OwnerChanged change = (DealEvent.OwnerChanged) event;
      requirePrevious(deal, event, "owner", deal.owner(), change.previous());
      return next.withOwner(change.owner());
    } else if (event instanceof DealEvent.ProbabilityOverridden) {
      DealEvent.ProbabilityOverridden change = (DealEvent.ProbabilityOverridden) event;
      requirePrevious(deal, event, "manual probability", deal.manualProbability(),
          change.previous());
      return next.withManualProbability(change.probability());
    } else if (event instanceof DealEvent.TouchRecorded) {
      // Count and instant change together: one build, one check.
      return Deal.builder().from(next).touchCount(deal.touchCount() + 1).lastTouchAt(event.at())
          .build();
    }
    throw new AssertionError("unhandled event type " + event.getClass());
  }

  private static void requirePrevious(
      Deal deal, DealEvent event, String what, Object actual, Object previous) {
    if (!actual.equals(previous)) {
      throw new InvalidHistoryException(what + " of deal '" + deal.id() + "' is " + actual
          + " but the event says it was " + previous + ": " + event);
    }
  }
}
