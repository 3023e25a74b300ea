package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealLink;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.internal.Checks;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A change requested for an existing deal. All commands go through one path, {@link
 * Pipeline#execute(dev.pipelinesdk.core.Deal, Command, Request)}; the {@code Pipeline} shortcuts
 * ({@code move}, {@code win}, {@code lose}, ...) build these.
 */
public sealed interface Command {

  /**
   * Move to a stage: the transition from the current stage must be declared and its guards
   * (and the definition's) must pass.
   *
   * @param to the target stage
   */
  record MoveTo(StageId to) implements Command {
    /**
     * Checks the command.
     *
     * @param to the target stage
     * @throws NullPointerException if {@code to} is null
     */
    public MoveTo {
      Objects.requireNonNull(to, "to is null");
    }
  }

  /** Move to the won stage reachable from the current stage (it must be unique). */
  record Win() implements Command {}

  /**
   * Move to a lost stage: the named one, or else the lost stage reachable from the current stage
   * (it must then be unique). Name the stage when several lost stages can be reached (a mortgage
   * application: denied or withdrawn).
   *
   * @param stage the lost stage to move to, or empty for the unique one reachable
   * @param reason why the deal was lost; recorded on the {@link
   *     dev.pipelinesdk.core.DealEvent.Lost} event
   */
  record Lose(Optional<StageId> stage, String reason) implements Command {
    /**
     * Checks the command.
     *
     * @param stage the lost stage to move to, or empty for the unique one reachable
     * @param reason why the deal was lost; recorded on the {@link
     *     dev.pipelinesdk.core.DealEvent.Lost} event
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the reason is not valid free text
     */
    public Lose {
      Objects.requireNonNull(stage, "lost stage is null");
      Checks.text("lost reason", reason);
    }

    /**
     * Move to the unique lost stage reachable from the current stage.
     *
     * @param reason why the deal was lost
     * @throws NullPointerException if the reason is null
     * @throws IllegalArgumentException if the reason is not valid free text
     */
    public Lose(String reason) {
      this(Optional.empty(), reason);
    }

    /**
     * Move to a named lost stage.
     *
     * @param stage the lost stage
     * @param reason why the deal was lost
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the reason is not valid free text
     */
    public Lose(StageId stage, String reason) {
      this(Optional.of(Objects.requireNonNull(stage, "lost stage is null")), reason);
    }
  }

  /** Move to the dormant stage reachable from the current stage (it must be unique). */
  record GoDormant() implements Command {}

  /**
   * Record a touch (call, email, meeting). Not guarded.
   *
   * @param touch the touch
   */
  record RecordTouch(Touch touch) implements Command {
    /**
     * Checks the command.
     *
     * @param touch the touch
     * @throws NullPointerException if {@code touch} is null
     */
    public RecordTouch {
      Objects.requireNonNull(touch, "touch is null");
    }
  }

  /**
   * Set or remove a custom attribute. Not guarded.
   *
   * @param name the attribute name
   * @param value the new value, or empty to remove it
   */
  record SetAttribute(String name, Optional<AttributeValue> value) implements Command {
    /**
     * Checks the command; the attribute name itself is checked when the command is applied.
     *
     * @param name the attribute name
     * @param value the new value, or empty to remove it
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public SetAttribute {
      Objects.requireNonNull(name, "attribute name is null");
      Objects.requireNonNull(value, "value is null");
    }
  }

  /**
   * Set or clear the amount. The currency must match the deal's current amount and the
   * definition's currency, if any. Not guarded.
   *
   * @param amount the new amount, or empty to clear it
   */
  record ChangeAmount(Optional<Money> amount) implements Command {
    /**
     * Checks the command.
     *
     * @param amount the new amount, or empty to clear it
     * @throws NullPointerException if {@code amount} is null
     */
    public ChangeAmount {
      Objects.requireNonNull(amount, "amount is null");
    }
  }

  /**
   * Set or clear the owner. Not guarded.
   *
   * @param owner the new owner, or empty for nobody
   */
  record ChangeOwner(Optional<String> owner) implements Command {
    /**
     * Checks the command.
     *
     * @param owner the new owner, or empty for nobody
     * @throws NullPointerException if {@code owner} is null
     */
    public ChangeOwner {
      Objects.requireNonNull(owner, "owner is null");
    }
  }

  /**
   * Set or clear the expected close date ({@link dev.pipelinesdk.core.Deal#closeDate()}). Not
   * guarded; accepted in any stage, closed ones included, like the other field changes. Setting
   * the date the deal already has changes nothing (no event).
   *
   * @param closeDate the new close date, or empty to clear it
   */
  record ChangeCloseDate(Optional<LocalDate> closeDate) implements Command {
    /**
     * Checks the command.
     *
     * @param closeDate the new close date, or empty to clear it
     * @throws NullPointerException if {@code closeDate} is null
     */
    public ChangeCloseDate {
      Objects.requireNonNull(closeDate, "closeDate is null");
    }
  }

  /**
   * Snooze the deal's automation items until a date, with a reason: recorded as a {@link
   * dev.pipelinesdk.core.DealEvent.Snoozed} event, so the snooze is part of the history. The
   * agenda ({@code dev.pipelinesdk.core.automation.Agenda}) hides the deal's snoozable items
   * until the start of that date in the definition's business calendar zone. Not guarded;
   * rejected with {@value dev.pipelinesdk.core.guard.Violation#INVALID_VALUE} if the date is not
   * after the date of the change (in that zone) or the deal is won or lost. A later snooze
   * replaces an earlier one.
   *
   * @param until the date the items come back on
   * @param reason why, in words
   */
  record Snooze(LocalDate until, String reason) implements Command {
    /**
     * Checks the command.
     *
     * @param until the date the items come back on
     * @param reason why, in words
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the reason is not valid free text
     */
    public Snooze {
      Objects.requireNonNull(until, "until is null");
      Checks.text("snooze reason", reason);
    }
  }

  /**
   * Set or clear the manual probability override. Not guarded.
   *
   * @param probability the override in [0, 1], or empty to clear it
   */
  record OverrideProbability(OptionalDouble probability) implements Command {
    /**
     * Checks the command; a present probability of {@code -0.0} is stored as {@code 0.0}; the range
     * is checked when the command is applied.
     *
     * @param probability the override in [0, 1], or empty to clear it
     * @throws NullPointerException if {@code probability} is null
     */
    public OverrideProbability {
      Objects.requireNonNull(probability, "probability is null");
      if (probability.isPresent() && probability.getAsDouble() == 0.0) {
        probability = OptionalDouble.of(0.0); // -0.0 and 0.0 are the same probability
      }
    }
  }

  /**
   * Enrol the deal by hand in a cadence of its stage ({@code
   * dev.pipelinesdk.core.automation.Cadence}): recorded as a {@link
   * dev.pipelinesdk.core.DealEvent.CadenceEnrolled} event, so the enrolment is part of the
   * history; step 1 is due its delay after it. Not guarded; rejected with {@value
   * dev.pipelinesdk.core.guard.Violation#INVALID_VALUE} if the definition has no cadence with
   * that id or the deal is not in the cadence's stage, and, when the engine is given the
   * history, if the deal is in that cadence already or (for a cadence that is not concurrent)
   * in another one that is not concurrent.
   *
   * @param cadence the cadence's id
   */
  record EnrolCadence(String cadence) implements Command {
    /**
     * Checks the command.
     *
     * @param cadence the cadence's id
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is not a valid id
     */
    public EnrolCadence {
      Checks.id("cadence id", cadence);
    }
  }

  /**
   * Stop the deal's enrolment in a cadence by hand, with a reason: recorded as a {@link
   * dev.pipelinesdk.core.DealEvent.CadenceStopped} event; no more of its steps are due. Not
   * guarded; rejected with {@value dev.pipelinesdk.core.guard.Violation#INVALID_VALUE} if the
   * definition has no cadence with that id or the deal is not in the cadence's stage, and, when
   * the engine is given the history, if the deal is not in that cadence (never enrolled in this
   * visit of the stage, or the enrolment ended).
   *
   * @param cadence the cadence's id
   * @param reason why, in words
   */
  record StopCadence(String cadence, String reason) implements Command {
    /**
     * Checks the command.
     *
     * @param cadence the cadence's id
     * @param reason why, in words
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the id is not a valid id or the reason is not valid
     *     free text
     */
    public StopCadence {
      Checks.id("cadence id", cadence);
      Checks.text("cadence stop reason", reason);
    }
  }

  /**
   * Link the deal to another deal: recorded as a {@link dev.pipelinesdk.core.DealEvent.Linked}
   * event. The engine's {@code handOff} records one in each of the two histories it links; use
   * this command directly to record a link made elsewhere (an import). Not guarded; accepted
   * with no event if the history already has this link; rejected with {@value
   * dev.pipelinesdk.core.guard.Violation#INVALID_VALUE} if it links the deal to itself.
   *
   * @param link the other deal and what it is to this one
   */
  record Link(DealLink link) implements Command {
    /**
     * Checks the command.
     *
     * @param link the other deal and what it is to this one
     * @throws NullPointerException if {@code link} is null
     */
    public Link {
      Objects.requireNonNull(link, "link is null");
    }
  }
}
