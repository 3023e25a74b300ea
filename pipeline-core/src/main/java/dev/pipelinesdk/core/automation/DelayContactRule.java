package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Contact the customer while a stage takes long: customer-facing outreach (a mortgage lender
 * reassures the borrower while underwriting stalls, and may offer home insurance), not an
 * internal alert. The application performs the contact, with the message the {@linkplain
 * #messageKey() key} names (localised by the application) and the {@linkplain #offer() offer},
 * and records it through the engine as a touch.
 *
 * <p>Schedule, per visit of the stage (from the moment the deal entered it):
 *
 * <ol>
 *   <li>the first contact is due {@link #after()} the deal entered the stage (or, when {@code
 *       after} is empty, after the stage's {@linkplain Stage#expectedDuration() expected
 *       duration});
 *   <li>a contact is done by the first touch recorded at or after it fell due (any touch: the
 *       customer was in contact); touches before that do not count;
 *   <li>the next contact is due {@link #repeatEvery()} after the touch that did the previous
 *       one, until {@link #maxPerVisit()} contacts were done in the visit;
 *   <li>leaving the stage stops it; entering it again starts a new visit.
 * </ol>
 *
 * <p>At most one {@link AgendaItem.Kind#DELAY_CONTACT} item is due per deal and rule: the next
 * contact not yet done. Not snoozable: a snooze of the deal's internal alerts does not stop
 * promises to the customer.
 *
 * <pre>{@code
 * DelayContactRule.builder("underwriting", "mortgage.underwriting.delayed")
 *     .after(Span.businessDays(5))
 *     .offer("home-insurance")
 *     .repeat(Span.businessDays(5), 3)
 *     .build();
 * }</pre>
 *
 * @param id the rule's id; the builder makes {@code delay-contact:STAGE} unless told otherwise
 * @param stage the stage watched
 * @param after how long after entering the stage the first contact is due; empty for the
 *     stage's expected duration
 * @param messageKey the key of the message to send
 * @param offer a product to offer with the message, if any
 * @param repeatEvery how long after a contact the next is due; empty for a single contact
 * @param maxPerVisit the most contacts per visit of the stage, 1 to {@value #MAX_PER_VISIT}; 1
 *     exactly when there is no repeat
 */
public record DelayContactRule(String id, StageId stage, Optional<Span> after, String messageKey,
    Optional<String> offer, Optional<Span> repeatEvery, int maxPerVisit)
    implements AutomationRule {
  /** The most contacts per visit a rule may ask for: {@value}. */
  public static final int MAX_PER_VISIT = 100;

  /**
   * Checks the rule.
   *
   * @param id the rule's id
   * @param stage the stage watched
   * @param after how long after entering the stage the first contact is due, or empty
   * @param messageKey the key of the message to send
   * @param offer a product to offer, if any
   * @param repeatEvery how long after a contact the next is due, or empty
   * @param maxPerVisit the most contacts per visit
   * @throws IllegalArgumentException naming the value if the id, message key or offer is not a
   *     valid id (see {@link StageId}), {@code maxPerVisit} is out of range, or it is above 1
   *     without a repeat or 1 with one
   * @throws NullPointerException naming the argument if one is null
   */
  public DelayContactRule {
    IdleClock.checkedId(id);
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(after, "after is null");
    Checks.id("message key", messageKey);
    Objects.requireNonNull(offer, "offer is null");
    offer.ifPresent(o -> Checks.id("offer", o));
    Objects.requireNonNull(repeatEvery, "repeatEvery is null");
    if (maxPerVisit < 1 || maxPerVisit > MAX_PER_VISIT) {
      throw new IllegalArgumentException("rule '" + id + "': at most " + maxPerVisit
          + " contacts per visit; give 1 to " + MAX_PER_VISIT);
    }
    if (repeatEvery.isEmpty() && maxPerVisit > 1) {
      throw new IllegalArgumentException("rule '" + id + "': " + maxPerVisit + " contacts per"
          + " visit need a repeat span (repeat(every, times))");
    }
    if (repeatEvery.isPresent() && maxPerVisit == 1) {
      throw new IllegalArgumentException("rule '" + id + "': a repeat every " + repeatEvery.get()
          + " with at most 1 contact per visit never repeats; give at least 2 or no repeat");
    }
  }

  /**
   * Starts a delay-contact rule: one contact after the stage's expected duration until told
   * otherwise.
   *
   * @param stage the stage id
   * @param messageKey the key of the message to send
   * @return the builder
   * @throws IllegalArgumentException if the stage id is not valid
   * @throws NullPointerException naming the argument if one is null
   */
  public static Builder builder(String stage, String messageKey) {
    return new Builder(StageId.of(Objects.requireNonNull(stage, "stage is null")),
        Objects.requireNonNull(messageKey, "message key is null"));
  }

  @Override
  public boolean snoozable() {
    return false;
  }

  @Override
  public List<String> problems(Stage stage) {
    if (after.isEmpty() && stage.expectedDuration().isEmpty()) {
      return List.of("a delay contact after the expected duration of stage '" + stage.id()
          + "', which has none; give the stage an expected duration or the rule a span (after)");
    }
    return List.of();
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder("contact the customer after ")
        .append(after.map(Span::toString).orElse("the expected duration")).append(" in the stage")
        .append(" (message ").append(messageKey);
    offer.ifPresent(o -> sb.append(", offer ").append(o));
    sb.append(')');
    repeatEvery.ifPresent(r -> sb.append(", then every ").append(r).append(", at most ")
        .append(maxPerVisit).append(" per visit"));
    return sb.toString();
  }

  @Override
  public Optional<Due> due(RuleContext context) {
    Span first = after.orElse(null);
    if (first == null) {
      Optional<Duration> expected = context.stage().expectedDuration();
      if (expected.isEmpty()) {
        return Optional.empty(); // the definition refuses this rule on such a stage
      }
      first = Span.of(expected.get());
    }
    BusinessCalendar calendar = context.calendar();
    Instant entered = context.stageEnteredAt();
    Instant due = first.from(entered, calendar);
    List<DealEvent.TouchRecorded> touches = context.touchesInVisit();
    int t = 0;
    int done = 0;
    @Nullable Instant last = null;
    while (!due.isAfter(context.asOf())) {
      while (t < touches.size() && touches.get(t).at().isBefore(due)) {
        t++;
      }
      if (t == touches.size()) {
        return Optional.of(new Due(AgendaItem.Kind.DELAY_CONTACT, due,
            reason(context, first, done, last), Optional.of(messageKey), offer));
      }
      last = touches.get(t++).at();
      if (++done >= maxPerVisit) {
        return Optional.empty();
      }
      due = repeatEvery.orElseThrow().from(last, calendar);
    }
    return Optional.empty();
  }

  private String reason(RuleContext c, Span first, int done, @Nullable Instant last) {
    List<String> parts = new ArrayList<>();
    parts.add("contact the customer (" + messageKey + offer.map(o -> ", offer " + o).orElse("")
        + ")");
    String when = "in " + c.stage().name() + " since " + c.calendar().date(c.stageEnteredAt())
        + " (" + IdleClock.days(Duration.between(c.stageEnteredAt(), c.asOf())) + "; "
        + (after.isPresent() ? "contact after " + first : "expected " + first) + ")";
    parts.add(when);
    if (last != null) {
      parts.add("last contact " + c.calendar().date(last) + ", again after "
          + repeatEvery.orElseThrow());
    }
    if (maxPerVisit > 1) {
      parts.add("contact " + (done + 1) + " of at most " + maxPerVisit);
    }
    return String.join("; ", parts);
  }

  /** Builds a {@link DelayContactRule}. Not thread-safe; the rule it builds is. */
  public static final class Builder {
    private final StageId stage;
    private final String messageKey;
    private @Nullable String id;
    private @Nullable Span after;
    private @Nullable String offer;
    private @Nullable Span repeatEvery;
    private int maxPerVisit = 1;

    private Builder(StageId stage, String messageKey) {
      this.stage = stage;
      this.messageKey = messageKey;
    }

    /**
     * Sets the rule's id (default: {@code delay-contact:STAGE}).
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
     * Sets how long after entering the stage the first contact is due (default: the stage's
     * expected duration).
     *
     * @param after the span
     * @return this builder
     * @throws NullPointerException if the span is null
     */
    public Builder after(Span after) {
      this.after = Objects.requireNonNull(after, "after is null");
      return this;
    }

    /**
     * Makes the first contact due after the stage's expected duration (the default).
     *
     * @return this builder
     */
    public Builder afterExpectedDuration() {
      this.after = null;
      return this;
    }

    /**
     * Sets a product to offer with the message, such as {@code home-insurance}.
     *
     * @param offer the product, as the application names it
     * @return this builder
     * @throws NullPointerException if the offer is null
     */
    public Builder offer(String offer) {
      this.offer = Objects.requireNonNull(offer, "offer is null");
      return this;
    }

    /**
     * Repeats the contact until the deal leaves the stage, at most so many times per visit.
     *
     * @param every how long after a contact the next is due
     * @param maxPerVisit the most contacts per visit, the first included: 2 to {@value
     *     #MAX_PER_VISIT}
     * @return this builder
     * @throws NullPointerException if the span is null
     */
    public Builder repeat(Span every, int maxPerVisit) {
      this.repeatEvery = Objects.requireNonNull(every, "repeat span is null");
      this.maxPerVisit = maxPerVisit;
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException as the rule's constructor
     */
    public DelayContactRule build() {
      return new DelayContactRule(id != null ? id : "delay-contact:" + stage, stage,
          Optional.ofNullable(after), messageKey, Optional.ofNullable(offer),
          Optional.ofNullable(repeatEvery), maxPerVisit);
    }
  }
}
