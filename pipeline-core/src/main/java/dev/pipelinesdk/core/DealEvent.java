package dev.pipelinesdk.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Something that happened to a deal. A deal's history is a list of these; the deal is their fold
 * ({@link Deal#apply(DealEvent)}). Every event carries the deal id, its instant and the actor who
 * caused it. Changes carry the previous value too, so a history checks itself on replay and
 * metrics need no lookups.
 */
public sealed interface DealEvent {

  /** {@return the deal this event belongs to} */
  DealId dealId();

  /** {@return when it happened} */
  Instant at();

  /** {@return who or what caused it: a user id, "system", an automation's name} */
  String actor();

  /**
   * An event that changes the deal's stage. A definition declares at most one transition per pair
   * of stages, so {@code definition.transition(event.from(), event.to())} finds the transition
   * taken; the event does not repeat its name (a stage change stays at 32 bytes plus its
   * instant).
   *
   * <p>In hot loops on JDK 17 to 22, test the concrete records ({@code e instanceof Moved}, ...)
   * rather than this interface: a type check against an interface that the same class was
   * just checked against another interface for ({@code DealEvent}, as every {@code
   * List<DealEvent>.get} does) misses the JVM's one-entry cache and scans, several times slower.
   */
  sealed interface StageChanged extends DealEvent {
    /** {@return the stage the deal left} */
    StageId from();

    /** {@return the stage the deal entered} */
    StageId to();
  }

  /**
   * The deal was created.
   *
   * @param dealId the deal id
   * @param at when; equals the deal's {@code createdAt}
   * @param actor who created it
   * @param deal the deal as created
   */
  record Created(DealId dealId, Instant at, String actor, Deal deal) implements DealEvent {
    /**
     * Checks the event against the deal it created.
     *
     * @param dealId the deal id
     * @param at when; equals the deal's {@code createdAt}
     * @param actor who created it
     * @param deal the deal as created
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}), or
     *     if the deal's id, {@code createdAt} or {@code updatedAt} do not match the event
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor} or {@code
     *     deal} is null
     */
    public Created {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(deal, "deal is null");
      if (!deal.id().equals(dealId) || !deal.createdAt().equals(at)
          || !deal.updatedAt().equals(at)) {
        throw new IllegalArgumentException("created event for deal '" + dealId + "' at " + at
            + " does not match its deal '" + deal.id() + "' created at " + deal.createdAt()
            + " updated at " + deal.updatedAt());
      }
    }
  }

  /**
   * The deal moved between open stages (forward, skipping or backward).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who moved it
   * @param from the stage left
   * @param to the stage entered
   */
  record Moved(DealId dealId, Instant at, String actor, StageId from, StageId to)
      implements StageChanged {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who moved it
     * @param from the stage left
     * @param to the stage entered
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}) or
     *     {@code from} equals {@code to}
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     from} or {@code to} is null
     */
    public Moved {
      Events.stageChange(dealId, at, actor, from, to);
    }
  }

  /**
   * The deal was won.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who closed it
   * @param from the stage left
   * @param to the won stage
   */
  record Won(DealId dealId, Instant at, String actor, StageId from, StageId to)
      implements StageChanged {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who closed it
     * @param from the stage left
     * @param to the won stage
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}) or
     *     {@code from} equals {@code to}
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     from} or {@code to} is null
     */
    public Won {
      Events.stageChange(dealId, at, actor, from, to);
    }
  }

  /**
   * The deal was lost.
   *
   * <p>The reason is optional and honest: present when someone gave one (a {@code lose} command's
   * reason, or the request's reason for a plain move into the lost stage), absent when nobody did.
   * A present reason is valid free text (never empty or blank).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who closed it
   * @param from the stage left
   * @param to the lost stage
   * @param reason why it was lost (Odoo's lost reason), or empty if no reason was given
   */
  record Lost(
      DealId dealId, Instant at, String actor, StageId from, StageId to, Optional<String> reason)
      implements StageChanged {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who closed it
     * @param from the stage left
     * @param to the lost stage
     * @param reason why it was lost (Odoo's lost reason), or empty if no reason was given
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the stages are equal or a present reason is not valid
     *     free text
     */
    public Lost {
      Events.stageChange(dealId, at, actor, from, to);
      Objects.requireNonNull(reason, "reason is null");
      if (reason.isPresent()) {
        dev.pipelinesdk.core.internal.Checks.text("lost reason", reason.get());
      }
    }
  }

  /**
   * The deal went dark: no response. Not lost.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who marked it
   * @param from the stage left
   * @param to the dormant stage
   */
  record WentDormant(
      DealId dealId, Instant at, String actor, StageId from, StageId to)
      implements StageChanged {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who marked it
     * @param from the stage left
     * @param to the dormant stage
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}) or
     *     {@code from} equals {@code to}
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     from} or {@code to} is null
     */
    public WentDormant {
      Events.stageChange(dealId, at, actor, from, to);
    }
  }

  /**
   * The deal came back to an open stage: revived from dormant, or reopened after won or lost.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who reopened it
   * @param from the dormant, won or lost stage left
   * @param to the open stage entered
   */
  record Reopened(
      DealId dealId, Instant at, String actor, StageId from, StageId to)
      implements StageChanged {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who reopened it
     * @param from the dormant, won or lost stage left
     * @param to the open stage entered
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}) or
     *     {@code from} equals {@code to}
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     from} or {@code to} is null
     */
    public Reopened {
      Events.stageChange(dealId, at, actor, from, to);
    }
  }

  /**
   * A custom attribute was set, changed or removed.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who changed it
   * @param name the attribute name
   * @param previous the value before, empty if it was not set
   * @param value the value after, empty if it was removed
   */
  record AttributeChanged(
      DealId dealId, Instant at, String actor, String name, Optional<AttributeValue> previous,
      Optional<AttributeValue> value) implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who changed it
     * @param name the attribute name
     * @param previous the value before, empty if it was not set
     * @param value the value after, empty if it was removed
     * @throws IllegalArgumentException if {@code actor} or {@code name} is not a valid id (see
     *     {@link StageId})
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     previous}, {@code value} or {@code name} is null
     */
    public AttributeChanged {
      Events.common(dealId, at, actor);
      dev.pipelinesdk.core.internal.Checks.id("attribute name", name);
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(value, "value is null");
    }
  }

  /**
   * The deal's amount was set, changed or cleared. The currency never changes silently: a
   * history where it does is invalid.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who changed it
   * @param previous the amount before
   * @param amount the amount after
   */
  record AmountChanged(
      DealId dealId, Instant at, String actor, Optional<Money> previous, Optional<Money> amount)
      implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who changed it
     * @param previous the amount before
     * @param amount the amount after
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId})
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     previous} or {@code amount} is null
     */
    public AmountChanged {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(amount, "amount is null");
    }
  }

  /**
   * The deal's owner changed.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who changed it
   * @param previous the owner before; an id (see {@link Deal.Builder#owner(String)})
   * @param owner the owner after; an id: not blank, no surrounding whitespace, no invisible
   *     characters
   */
  record OwnerChanged(
      DealId dealId, Instant at, String actor, Optional<String> previous, Optional<String> owner)
      implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who changed it
     * @param previous the owner before; an id (see {@link Deal.Builder#owner(String)})
     * @param owner the owner after; an id: not blank, no surrounding whitespace, no invisible
     *     characters
     * @throws IllegalArgumentException naming the value if an owner is not a valid id
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     previous}, {@code owner} or {@code o} is null
     */
    public OwnerChanged {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(owner, "owner is null");
      previous.ifPresent(o -> dev.pipelinesdk.core.internal.Checks.id("previous owner", o));
      owner.ifPresent(o -> dev.pipelinesdk.core.internal.Checks.id("owner", o));
    }
  }

  /**
   * The deal's expected close date was set, changed or cleared. A change to a later date is a
   * push ({@link CloseDates#pushes()}).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who changed it
   * @param previous the close date before, empty if there was none
   * @param closeDate the close date after, empty if it was cleared
   */
  record CloseDateChanged(DealId dealId, Instant at, String actor, Optional<LocalDate> previous,
      Optional<LocalDate> closeDate) implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who changed it
     * @param previous the close date before, empty if there was none
     * @param closeDate the close date after, empty if it was cleared
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId})
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     previous} or {@code closeDate} is null
     */
    public CloseDateChanged {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(closeDate, "closeDate is null");
    }
  }

  /**
   * The manual probability override was set, changed or cleared.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who changed it
   * @param previous the override before
   * @param probability the override after, in [0, 1]
   */
  record ProbabilityOverridden(
      DealId dealId, Instant at, String actor, OptionalDouble previous, OptionalDouble probability)
      implements DealEvent {
    /**
     * Checks the event; a present probability of {@code -0.0} is stored as {@code 0.0}.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who changed it
     * @param previous the override before
     * @param probability the override after, in [0, 1]
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId}) or
     *     a present probability is not in [0, 1]
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor}, {@code
     *     previous} or {@code probability} is null
     */
    public ProbabilityOverridden {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(previous, "previous is null");
      Objects.requireNonNull(probability, "probability is null");
      if (probability.isPresent()) {
        dev.pipelinesdk.core.internal.Checks.probability(
            "manual probability", probability.getAsDouble());
        if (probability.getAsDouble() == 0.0) {
          probability = OptionalDouble.of(0.0); // -0.0 and 0.0 are the same probability
        }
      }
    }
  }

  /**
   * The deal's automation items were snoozed until a date: the agenda hides the deal's
   * snoozable items ({@code dev.pipelinesdk.core.automation.AutomationRule#snoozable()}, idle,
   * escalation and cadence items) until the start of that date in the definition's business calendar
   * zone, then shows them again if nothing reset them. A later snooze replaces an earlier one.
   * Changes nothing else on the deal (only its {@link Deal#updatedAt()}).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who snoozed it
   * @param until the date the items come back on
   * @param reason why, in words (such as "customer on holiday until June")
   */
  record Snoozed(DealId dealId, Instant at, String actor, LocalDate until, String reason)
      implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who snoozed it
     * @param until the date the items come back on
     * @param reason why, in words
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId})
     *     or the reason is not valid free text
     * @throws NullPointerException naming the argument if one is null
     */
    public Snoozed {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(until, "until is null");
      dev.pipelinesdk.core.internal.Checks.text("snooze reason", reason);
    }
  }

  /**
   * A touch (call, email, meeting) was recorded.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who recorded it
   * @param touch the touch
   */
  record TouchRecorded(DealId dealId, Instant at, String actor, Touch touch) implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who recorded it
     * @param touch the touch
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId})
     * @throws NullPointerException if any of {@code dealId}, {@code at}, {@code actor} or {@code
     *     touch} is null
     */
    public TouchRecorded {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(touch, "touch is null");
    }
  }

  /**
   * The deal was enrolled by hand in a cadence of its stage ({@code
   * dev.pipelinesdk.core.automation.Cadence}): its steps are due from this instant, step 1 first.
   * A deal entering a stage is enrolled in the stage's cadences without an event (the stage
   * change says it); this event is for a manual enrolment, or a new start after an enrolment
   * ended. Changes nothing else on the deal (only its {@link Deal#updatedAt()}).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who enrolled it
   * @param cadence the cadence's id
   */
  record CadenceEnrolled(DealId dealId, Instant at, String actor, String cadence)
      implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who enrolled it
     * @param cadence the cadence's id
     * @throws IllegalArgumentException if {@code actor} or {@code cadence} is not a valid id (see
     *     {@link StageId})
     * @throws NullPointerException naming the argument if one is null
     */
    public CadenceEnrolled {
      Events.common(dealId, at, actor);
      dev.pipelinesdk.core.internal.Checks.id("cadence id", cadence);
    }
  }

  /**
   * The deal's enrolment in a cadence was stopped by hand: no more of its steps are due in this
   * visit of the stage, unless it is enrolled again. Changes nothing else on the deal (only its
   * {@link Deal#updatedAt()}).
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who stopped it
   * @param cadence the cadence's id
   * @param reason why, in words (such as "customer asked for no more emails")
   */
  record CadenceStopped(DealId dealId, Instant at, String actor, String cadence, String reason)
      implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who stopped it
     * @param cadence the cadence's id
     * @param reason why, in words
     * @throws IllegalArgumentException if {@code actor} or {@code cadence} is not a valid id (see
     *     {@link StageId}) or the reason is not valid free text
     * @throws NullPointerException naming the argument if one is null
     */
    public CadenceStopped {
      Events.common(dealId, at, actor);
      dev.pipelinesdk.core.internal.Checks.id("cadence id", cadence);
      dev.pipelinesdk.core.internal.Checks.text("cadence stop reason", reason);
    }
  }

  /**
   * The deal was linked to another deal: in a handoff ({@link Handoff}), the won deal's history
   * gets a link to its follow-on deal ({@link DealLink.Role#FOLLOW_ON}) and the follow-on deal's
   * history, right after its creation, a link back to its origin ({@link DealLink.Role#ORIGIN}),
   * both at the same instant. Changes nothing else on the deal (only its {@link
   * Deal#updatedAt()}); {@link DealHistory#links()} lists a history's links.
   *
   * @param dealId the deal id
   * @param at when
   * @param actor who linked it
   * @param link the other deal and what it is to this one
   */
  record Linked(DealId dealId, Instant at, String actor, DealLink link) implements DealEvent {
    /**
     * Checks the event.
     *
     * @param dealId the deal id
     * @param at when
     * @param actor who linked it
     * @param link the other deal and what it is to this one
     * @throws IllegalArgumentException if {@code actor} is not a valid id (see {@link StageId})
     * @throws NullPointerException naming the argument if one is null
     */
    public Linked {
      Events.common(dealId, at, actor);
      Objects.requireNonNull(link, "link is null");
    }
  }
}

/** Shared checks of the event records. */
final class Events {
  private Events() {}

  static void common(DealId dealId, Instant at, String actor) {
    Objects.requireNonNull(dealId, "dealId is null");
    Objects.requireNonNull(at, "at is null");
    dev.pipelinesdk.core.internal.Checks.id("actor", actor);
  }

  static void stageChange(
      DealId dealId, Instant at, String actor, StageId from, StageId to) {
    common(dealId, at, actor);
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(to, "to is null");
    // the ids' cached hashes first: two stages' ids often have the same length, so equals
    // would compare their characters on every event the engine records
    if (from == to || from.hashCode() == to.hashCode() && from.equals(to)) {
      throw new IllegalArgumentException("stage change from '" + from + "' to itself");
    }
  }
}
