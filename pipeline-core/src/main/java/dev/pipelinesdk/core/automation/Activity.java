package dev.pipelinesdk.core.automation;

/**
 * What counts as activity on a deal: the kinds of event that reset an idle clock ({@link
 * IdleRule}, {@link DecisionTimeout}). The deal's creation always starts the clock; a snooze is
 * never activity (it hides items, see {@link Agenda}), nor is a manual cadence enrolment or stop
 * (a cadence's touches are).
 */
public enum Activity {
  /** A touch was recorded ({@code DealEvent.TouchRecorded}): a call, an email, a meeting. */
  TOUCH,
  /** The deal changed stage: moved, won, lost, went dark, was revived or reopened. */
  STAGE_CHANGE,
  /** A custom attribute was set, changed or removed ({@code DealEvent.AttributeChanged}). */
  ATTRIBUTE_CHANGE,
  /** The amount, owner, expected close date or manual probability changed. */
  FIELD_CHANGE;

  /** {@return how a definition file spells it: {@code touch}, {@code stage-change}, ...} */
  public String spelling() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** {@return the activity in words, for reasons: {@code touch}, {@code stage change}, ...} */
  public String words() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
