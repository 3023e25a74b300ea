package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One enrolment of a deal in a {@link Cadence} during its current visit of the cadence's stage,
 * as it stood at an instant ({@link RuleContext#cadences()}): when it started, how many steps are
 * done, when the next one is due, or how it ended. Immutable.
 *
 * @param cadence the cadence's id
 * @param enrolledAt when the deal was enrolled: its entry into the stage, or a manual enrolment
 * @param manual whether a manual enrolment ({@code DealEvent.CadenceEnrolled}) started it
 * @param stepsDone how many steps are done, from 0 to the cadence's number of steps
 * @param lastStepDoneAt when the last step done was done (the touch that did it); empty if none
 * @param nextStepDue when the next step is (or was) due, while the enrolment is active; empty once
 *     it ended
 * @param end how and when the enrolment ended; empty while it is active
 */
public record CadenceEnrolment(String cadence, Instant enrolledAt, boolean manual, int stepsDone,
    Optional<Instant> lastStepDoneAt, Optional<Instant> nextStepDue, Optional<End> end) {

  /** Why an enrolment ended (leaving the stage ends it too: the next visit starts afresh). */
  public enum Reason {
    /** The customer replied ({@link Cadence.StopOn#REPLY}). */
    REPLIED,
    /** A meeting was booked ({@link Cadence.StopOn#MEETING_BOOKED}). */
    MEETING_BOOKED,
    /** Stopped by hand ({@code DealEvent.CadenceStopped}). */
    STOPPED,
    /** The last step was done. */
    FINISHED;

    /** {@return the reason in words: {@code replied}, {@code meeting booked}, ...} */
    public String words() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * How an enrolment ended.
   *
   * @param reason why
   * @param at when: the event that ended it
   * @param detail in words: the touch that stopped it, the reason given for a manual stop, or
   *     the last step done
   */
  public record End(Reason reason, Instant at, String detail) {
    /**
     * Checks the values.
     *
     * @param reason why
     * @param at when
     * @param detail in words
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the detail is not valid free text
     */
    public End {
      Objects.requireNonNull(reason, "reason is null");
      Objects.requireNonNull(at, "at is null");
      Checks.text("detail", detail);
    }
  }

  /**
   * Checks the values.
   *
   * @param cadence the cadence's id
   * @param enrolledAt when the deal was enrolled
   * @param manual whether a manual enrolment started it
   * @param stepsDone how many steps are done
   * @param lastStepDoneAt when the last step done was done
   * @param nextStepDue when the next step is due, while active
   * @param end how it ended, once it did
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if {@code stepsDone} is negative, the last step's instant
   *     is present without a step done (or absent with one), or not exactly one of {@code
   *     nextStepDue} and {@code end} is present
   */
  public CadenceEnrolment {
    Checks.id("cadence id", cadence);
    Objects.requireNonNull(enrolledAt, "enrolledAt is null");
    Objects.requireNonNull(lastStepDoneAt, "lastStepDoneAt is null");
    Objects.requireNonNull(nextStepDue, "nextStepDue is null");
    Objects.requireNonNull(end, "end is null");
    if (stepsDone < 0 || (stepsDone == 0) != lastStepDoneAt.isEmpty()) {
      throw new IllegalArgumentException("enrolment in cadence '" + cadence + "': " + stepsDone
          + " steps done and last step done at " + lastStepDoneAt + " do not fit");
    }
    if (nextStepDue.isPresent() == end.isPresent()) {
      throw new IllegalArgumentException("enrolment in cadence '" + cadence + "': give either"
          + " the next step's due instant (active) or its end, not " + nextStepDue + " and "
          + end);
    }
  }

  /** {@return whether the enrolment is still running: it has not ended} */
  public boolean isActive() {
    return end.isEmpty();
  }
}
