package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A cadence (HubSpot calls it a sequence): planned touches with the customer, one after the
 * other, such as 7 touches over 3 weeks, the article's "6 to 8 touches to get a viable lead".
 * Each {@linkplain Step step} has a channel, a delay and optionally the key of the message to
 * send. The application does the touch and records it through the engine; the agenda shows
 * the step that is due as a {@link AgendaItem.Kind#CADENCE_TOUCH} item until then.
 *
 * <p>Semantics, after HubSpot's sequences (enrolment, automatic unenrolment on a reply or a
 * booked meeting, manual unenrolment, one sequence per contact at a time, business days only,
 * pause), per visit of the {@linkplain #stage() stage}:
 *
 * <ol>
 *   <li><b>Enrolment.</b> A deal entering the stage (moved, revived, reopened, or created
 *       there) is enrolled at that instant, unless the cadence is {@linkplain #manualOnly()
 *       manual-only}. A deal in the stage can also be enrolled by hand through the engine ({@code
 *       Pipeline.enrol}, an event in the history), which starts the cadence again from step 1
 *       after a previous enrolment ended.
 *   <li><b>Schedule.</b> Step 1 is due its delay after the enrolment; each later step its delay
 *       after the touch that did the step before. A delay in business days ends on a business
 *       day of the definition's calendar (at the time of day it started, see {@link Span});
 *       a delay in calendar time ends where it ends. HubSpot runs the first step at once; here
 *       every step has its delay, so give step 1 a short one.
 *   <li><b>Done.</b> A step is done by the first outbound touch recorded at or after it fell
 *       due, on any channel: the step's channel is the plan, and a rep who calls instead of
 *       emailing has done the step (as any touch does a delay contact). Touches before the step
 *       fell due do not count; inbound touches never do a step.
 *   <li><b>End.</b> The enrolment ends, and no more items come, on: a reply ({@link
 *       StopOn#REPLY}: an inbound touch, or any touch with result {@code REPLIED}); a booked
 *       meeting ({@link StopOn#MEETING_BOOKED}: a touch with result {@code NEXT_STEP_AGREED}, or
 *       a {@code MEETING} touch that was {@code COMPLETED}); the deal leaving the stage (moved,
 *       won, lost, gone dark); a manual stop through the engine ({@code Pipeline.stopCadence});
 *       or the last step done. Which touches stop it is {@link #stopOn()}, both by default; a
 *       touch that stops the cadence does not also count as a step.
 *   <li><b>One at a time.</b> A deal is in at most one cadence at a time, unless a cadence is
 *       declared {@linkplain #concurrent() concurrent} (it runs alongside any other and does not
 *       block them). When two cadences of the stage apply at its entry, the first declared wins
 *       and the others are not enrolled in that visit; later, the one enrolled first wins: the
 *       engine refuses to enrol a deal that is in another cadence (stop that one first), and
 *       the cadence ignores such an enrolment if one is recorded anyway (a bare deal's engine
 *       call cannot see the history).
 *   <li><b>Snooze.</b> Snoozable, as HubSpot pauses a sequence: a snooze of the deal hides the
 *       step until the snooze ends; a step that fell due meanwhile then comes back as {@link
 *       AgendaItem.Kind#SNOOZE_ENDED}, and the steps after it count from the touch that does it,
 *       so the rest of the cadence moves with it. Unlike HubSpot's pause, the delay of a step
 *       keeps running during the snooze.
 * </ol>
 *
 * <p>{@link RuleContext#cadences()} says what the deal's enrolments of the stage's cadences are
 * at the context's instant (when, how many steps done, the next due, how it ended).
 *
 * <pre>{@code
 * Cadence.builder("qualification").id("follow-up")
 *     .step(Touch.Channel.EMAIL, Span.businessDays(1), "saas.follow-up.1")
 *     .step(Touch.Channel.CALL, Span.businessDays(2), "saas.follow-up.2")
 *     .step(Touch.Channel.EMAIL, Span.businessDays(3), "saas.follow-up.3")
 *     .build();
 * }</pre>
 *
 * @param id the rule's id; the builder makes {@code cadence:STAGE} unless told otherwise
 * @param stage the stage whose deals are enrolled
 * @param steps the planned touches, in order: 1 to {@value #MAX_STEPS}
 * @param stopOn which touches end the enrolment; empty: none does (only the other ends apply)
 * @param manualOnly whether deals are enrolled only by hand, not on entering the stage
 * @param concurrent whether the cadence runs alongside others instead of one at a time
 */
public record Cadence(String id, StageId stage, List<Step> steps, Set<StopOn> stopOn,
    boolean manualOnly, boolean concurrent) implements AutomationRule {
  /** The most steps a cadence may have: {@value}. */
  public static final int MAX_STEPS = 100;

  /** The touches that end an enrolment. */
  public enum StopOn {
    /** The customer replied: an inbound touch, or a touch with result {@code REPLIED}. */
    REPLY,
    /**
     * A meeting was booked: a touch with result {@code NEXT_STEP_AGREED}, or a {@code MEETING}
     * touch that was {@code COMPLETED}.
     */
    MEETING_BOOKED;

    /**
     * Whether a touch is one of these.
     *
     * @param touch the touch
     * @return whether it ends an enrolment that stops on this
     * @throws NullPointerException if the touch is null
     */
    public boolean matches(Touch touch) {
      Objects.requireNonNull(touch, "touch is null");
      if (this == REPLY) {
        return touch.direction() == Touch.Direction.INBOUND
            || touch.result() == Touch.Result.REPLIED;
      }
      return touch.result() == Touch.Result.NEXT_STEP_AGREED
          || touch.channel() == Touch.Channel.MEETING && touch.result() == Touch.Result.COMPLETED;
    }

    /** {@return how a definition file spells it: {@code reply}, {@code meeting-booked}} */
    public String spelling() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@return the stop in words: {@code a reply}, {@code a meeting booked}} */
    public String words() {
      return "a " + name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One planned touch.
   *
   * @param channel how to reach out: the plan; any outbound touch does the step
   * @param delay how long after the enrolment (step 1) or the touch that did the step before
   *     (the others) the step is due
   * @param messageKey the key of the message to send, localised by the application, if any
   */
  public record Step(Touch.Channel channel, Span delay, Optional<String> messageKey) {
    /**
     * Checks the step.
     *
     * @param channel how to reach out
     * @param delay how long after the step before it is due
     * @param messageKey the message key, if any
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the message key is not a valid id (see {@link
     *     StageId})
     */
    public Step {
      Objects.requireNonNull(channel, "channel is null");
      Objects.requireNonNull(delay, "delay is null");
      Objects.requireNonNull(messageKey, "messageKey is null");
      messageKey.ifPresent(k -> Checks.id("message key", k));
    }

    /** {@return the channel in words: {@code email}, {@code call}, ...} */
    public String channelWords() {
      return channel.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks the cadence.
   *
   * @param id the rule's id
   * @param stage the stage whose deals are enrolled
   * @param steps the planned touches, in order
   * @param stopOn which touches end the enrolment
   * @param manualOnly whether deals are enrolled only by hand
   * @param concurrent whether the cadence runs alongside others
   * @throws IllegalArgumentException naming the value if the id is not a valid id (see {@link
   *     StageId}) or there are no steps or more than {@value #MAX_STEPS}
   * @throws NullPointerException naming the argument if one (or a step, or a stop) is null
   */
  public Cadence {
    IdleClock.checkedId(id);
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(steps, "steps is null");
    for (Step s : steps) {
      Objects.requireNonNull(s, "step is null");
    }
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException("cadence '" + id + "': " + steps.size() + " steps; give"
          + " 1 to " + MAX_STEPS);
    }
    steps = List.copyOf(steps);
    stopOn = stops(stopOn);
  }

  private static Set<StopOn> stops(Collection<StopOn> stops) {
    Objects.requireNonNull(stops, "stopOn is null");
    EnumSet<StopOn> out = EnumSet.noneOf(StopOn.class);
    for (StopOn s : stops) {
      out.add(Objects.requireNonNull(s, "stop is null"));
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Starts a cadence on a stage: id {@code cadence:STAGE}, enrolled on entering the stage, one at
   * a time, stopped by a reply or a booked meeting; add its steps.
   *
   * @param stage the stage id
   * @return the builder
   * @throws IllegalArgumentException if the stage id is not valid
   * @throws NullPointerException if the stage is null
   */
  public static Builder builder(String stage) {
    return new Builder(StageId.of(Objects.requireNonNull(stage, "stage is null")));
  }

  /**
   * How a touch ends an enrolment of this cadence, if it does: {@link StopOn#MEETING_BOOKED} before
   * {@link StopOn#REPLY} when the touch is both (an inbound touch agreeing a next step).
   *
   * @param touch the touch
   * @return the stop among {@link #stopOn()}, or empty if the touch does not end the enrolment
   * @throws NullPointerException if the touch is null
   */
  public Optional<StopOn> stopFor(Touch touch) {
    if (stopOn.contains(StopOn.MEETING_BOOKED) && StopOn.MEETING_BOOKED.matches(touch)) {
      return Optional.of(StopOn.MEETING_BOOKED);
    }
    if (stopOn.contains(StopOn.REPLY) && StopOn.REPLY.matches(touch)) {
      return Optional.of(StopOn.REPLY);
    }
    return Optional.empty();
  }

  /**
   * Whether a deal cannot be enrolled in this cadence while it is in another one: when that is
   * this cadence (it runs already), or neither is {@linkplain #concurrent() concurrent} (a deal
   * is in one cadence at a time). The agenda and the engine both decide by this.
   *
   * @param running a cadence the deal is in
   * @return whether an enrolment in this cadence has to wait until {@code running} ends
   * @throws NullPointerException if {@code running} is null
   */
  public boolean blockedBy(Cadence running) {
    Objects.requireNonNull(running, "running is null");
    return running.id().equals(id) || !concurrent && !running.concurrent();
  }

  /**
   * {@code cadence follow-up: 7 touches over 15 business days (email, call, ...), until a reply
   * or a meeting booked}.
   */
  @Override
  public String description() {
    StringBuilder sb = new StringBuilder("cadence ").append(id).append(": ")
        .append(steps.size()).append(steps.size() == 1 ? " touch" : " touches").append(" over ")
        .append(total()).append(" (").append(steps.stream().map(Step::channelWords)
            .collect(Collectors.joining(", "))).append(')');
    sb.append(stopOn.isEmpty() ? ", no touch stops it"
        : ", until " + stopOn.stream().map(StopOn::words).collect(Collectors.joining(" or ")));
    if (manualOnly) {
      sb.append(", enrolled by hand only");
    }
    if (concurrent) {
      sb.append(", alongside other cadences");
    }
    return sb.toString();
  }

  /** The sum of the delays: {@code 15 business days}, {@code 21 days}, or both. */
  private String total() {
    int business = 0;
    Duration calendar = Duration.ZERO;
    for (Step s : steps) {
      if (s.delay().isBusinessDays()) {
        business += s.delay().businessDayCount();
      } else {
        calendar = calendar.plus(s.delay().duration().orElseThrow());
      }
    }
    List<String> parts = new ArrayList<>();
    if (business > 0) {
      parts.add(business + (business == 1 ? " business day" : " business days"));
    }
    if (!calendar.isZero()) {
      parts.add(calendar.toSeconds() % 86_400 == 0 && calendar.getNano() == 0
          ? calendar.toDays() + (calendar.toDays() == 1 ? " day" : " days")
          : calendar.toString());
    }
    return String.join(" and ", parts);
  }

  @Override
  public Optional<Due> due(RuleContext context) {
    CadenceEnrolment latest = null;
    for (CadenceEnrolment e : context.cadences()) {
      if (e.cadence().equals(id)) {
        latest = e;
      }
    }
    if (latest == null || !latest.isActive()) {
      return Optional.empty();
    }
    Instant due = latest.nextStepDue().orElseThrow();
    if (due.isAfter(context.asOf())) {
      return Optional.empty();
    }
    Step step = steps.get(latest.stepsDone());
    return Optional.of(new Due(AgendaItem.Kind.CADENCE_TOUCH, due,
        reason(context, latest, step, due), step.messageKey(), Optional.empty()));
  }

  /**
   * {@code cadence 'follow-up' step 3 of 7: email (saas.follow-up.3), due since 2026-06-03 (2
   * business days after step 2 on 2026-06-01)}.
   */
  private String reason(RuleContext c, CadenceEnrolment e, Step step, Instant due) {
    int n = e.stepsDone() + 1;
    BusinessCalendar calendar = c.calendar();
    String after = n == 1 ? "enrolment on " + calendar.date(e.enrolledAt())
        : "step " + e.stepsDone() + " on " + calendar.date(e.lastStepDoneAt().orElseThrow());
    return "cadence '" + id + "' step " + n + " of " + steps.size() + ": " + step.channelWords()
        + step.messageKey().map(k -> " (" + k + ")").orElse("") + ", due since "
        + calendar.date(due) + " (" + step.delay() + " after " + after + ")";
  }

  /** Builds a {@link Cadence}. Not thread-safe; the cadence it builds is. */
  public static final class Builder {
    private final StageId stage;
    private @Nullable String id;
    private final List<Step> steps = new ArrayList<>();
    private Set<StopOn> stopOn = EnumSet.allOf(StopOn.class);
    private boolean manualOnly;
    private boolean concurrent;

    private Builder(StageId stage) {
      this.stage = stage;
    }

    /**
     * Sets the cadence's id (default: {@code cadence:STAGE}), such as {@code follow-up}; give one
     * when a stage has more than one cadence.
     *
     * @param id the id
     * @return this builder
     * @throws NullPointerException if the id is null
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id is null");
      return this;
    }

    /**
     * Adds a step without a message key.
     *
     * @param channel how to reach out
     * @param delay how long after the step before (or the enrolment, for step 1) it is due
     * @return this builder
     * @throws NullPointerException naming the argument if one is null
     */
    public Builder step(Touch.Channel channel, Span delay) {
      steps.add(new Step(channel, delay, Optional.empty()));
      return this;
    }

    /**
     * Adds a step with the key of the message to send.
     *
     * @param channel how to reach out
     * @param delay how long after the step before (or the enrolment, for step 1) it is due
     * @param messageKey the message key, such as {@code saas.follow-up.3}
     * @return this builder
     * @throws NullPointerException naming the argument if one is null
     * @throws IllegalArgumentException if the message key is not a valid id
     */
    public Builder step(Touch.Channel channel, Span delay, String messageKey) {
      steps.add(new Step(channel, delay,
          Optional.of(Objects.requireNonNull(messageKey, "message key is null"))));
      return this;
    }

    /**
     * Sets which touches end the enrolment (default: {@link StopOn#REPLY} and {@link
     * StopOn#MEETING_BOOKED}); none for a cadence that only the other ends stop.
     *
     * @param stops the stops
     * @return this builder
     * @throws NullPointerException if a stop is null
     */
    public Builder stopOn(StopOn... stops) {
      this.stopOn = stops(java.util.Arrays.asList(Objects.requireNonNull(stops, "stops are null")));
      return this;
    }

    /**
     * Enrols deals only by hand ({@code Pipeline.enrol}), not on entering the stage.
     *
     * @return this builder
     */
    public Builder manualOnly() {
      this.manualOnly = true;
      return this;
    }

    /**
     * Runs the cadence alongside any other cadence of the deal, instead of one at a time.
     *
     * @return this builder
     */
    public Builder concurrent() {
      this.concurrent = true;
      return this;
    }

    /**
     * Builds the cadence.
     *
     * @return the cadence
     * @throws IllegalArgumentException as the cadence's constructor (such as no steps)
     */
    public Cadence build() {
      return new Cadence(id != null ? id : "cadence:" + stage, stage, steps, stopOn, manualOnly,
          concurrent);
    }
  }
}
