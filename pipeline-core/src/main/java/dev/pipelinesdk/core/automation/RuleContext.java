package dev.pipelinesdk.core.automation;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.internal.StageChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AutomationRule} sees of one deal at an instant: the deal's history up to the
 * instant (later events are not there: a rule cannot look ahead), the deal as it stood then,
 * its stage and current visit, when each kind of {@link Activity} last happened, its snooze,
 * its {@linkplain #cadences() cadence enrolments}, the definition and its calendar. Computed in one pass over the history. Immutable and
 * thread-safe.
 */
public final class RuleContext {
  private static final Activity[] ACTIVITIES = Activity.values();

  private final PipelineDefinition definition;
  private final Instant asOf;
  private final DealHistory history;
  private final List<DealEvent> events;
  private final Deal deal;
  private final Stage stage;
  private final int entry;
  private final @Nullable Instant[] latest = new Instant[ACTIVITIES.length];
  private final DealEvent.@Nullable Snoozed snooze;
  // computed on first use; threads that race compute the same immutable list
  private volatile @Nullable List<CadenceEnrolment> cadences;

  RuleContext(PipelineDefinition definition, DealHistory history, Instant asOf, int n) {
    this.definition = definition;
    this.asOf = asOf;
    this.history = history;
    List<DealEvent> all = history.events();
    this.events = n == all.size() ? all : List.copyOf(all.subList(0, n));
    Deal d = history.created().deal();
    boolean cut = n != all.size();
    int entryAt = 0;
    DealEvent.Snoozed snoozed = null;
    for (int i = 1; i < n; i++) {
      DealEvent e = all.get(i);
      if (cut) {
        d = d.apply(e);
      }
      Activity kind;
      if (StageChanges.from(e) != null) {
        entryAt = i;
        kind = Activity.STAGE_CHANGE;
      } else if (e instanceof DealEvent.TouchRecorded) {
        kind = Activity.TOUCH;
      } else if (e instanceof DealEvent.AttributeChanged) {
        kind = Activity.ATTRIBUTE_CHANGE;
      } else if (e instanceof DealEvent.Snoozed) {
        snoozed = (DealEvent.Snoozed) e;
        continue;
      } else if (e instanceof DealEvent.CadenceEnrolled
          || e instanceof DealEvent.CadenceStopped || e instanceof DealEvent.Linked) {
        continue; // not activity (cadences() reads enrolments and stops from the visit)
      } else {
        kind = Activity.FIELD_CHANGE; // amount, owner, close date, probability
      }
      latest[kind.ordinal()] = e.at();
    }
    this.deal = cut ? d : history.current();
    this.entry = entryAt;
    this.snooze = snoozed;
    this.stage = definition.stage(deal.stage()).orElseThrow(() -> new IllegalArgumentException(
        "deal '" + deal.id() + "' is in stage '" + deal.stage() + "', which pipeline '"
            + definition.id() + "' does not have; known stages: " + definition.stages().stream()
                .map(s -> s.id().value()).toList()));
  }

  /**
   * The context of one deal at an instant.
   *
   * @param definition the definition the history belongs to
   * @param history the deal's history; events after {@code asOf} are left out
   * @param asOf the instant
   * @return the context
   * @throws IllegalArgumentException if the deal was created after {@code asOf}, or its stage at
   *     {@code asOf} is not a stage of the definition (naming the deal and the stage)
   * @throws NullPointerException naming the argument if one is null
   */
  public static RuleContext of(PipelineDefinition definition, DealHistory history,
      Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(history, "history is null");
    Objects.requireNonNull(asOf, "asOf is null");
    int n = known(history, asOf);
    if (n == 0) {
      throw new IllegalArgumentException("deal '" + history.dealId() + "' was created at "
          + history.created().at() + ", after " + asOf + "; it did not exist yet");
    }
    return new RuleContext(definition, history, asOf, n);
  }

  /** {@return how many of the history's events happened at or before the instant} */
  static int known(DealHistory history, Instant asOf) {
    List<DealEvent> events = history.events();
    int n = events.size();
    while (n > 0 && events.get(n - 1).at().isAfter(asOf)) {
      n--; // histories are in time order; usually nothing is cut
    }
    return n;
  }

  /** {@return the definition} */
  public PipelineDefinition definition() {
    return definition;
  }

  /** {@return the calendar business days are counted in: the definition's} */
  public BusinessCalendar calendar() {
    return definition.calendar();
  }

  /** {@return the instant the agenda is computed at} */
  public Instant asOf() {
    return asOf;
  }

  /**
   * The history as it stood at the instant (made on demand: prefer {@link #events()} in rules).
   *
   * @return the history of the events at or before {@link #asOf()}
   */
  public DealHistory history() {
    return events.size() == history.size() ? history : DealHistory.of(events);
  }

  /** {@return the deal's events at or before {@link #asOf()}, oldest first} */
  public List<DealEvent> events() {
    return events;
  }

  /** {@return the deal as it stood at {@link #asOf()}} */
  public Deal deal() {
    return deal;
  }

  /** {@return the stage the deal was in at {@link #asOf()}} */
  public Stage stage() {
    return stage;
  }

  /** {@return when the deal entered its stage (its creation, if it never changed stage)} */
  public Instant stageEnteredAt() {
    return events.get(entry).at();
  }

  /**
   * The current visit of the stage: the event that entered it (a stage change, or the creation)
   * and every event after it.
   *
   * @return the events, oldest first
   */
  public List<DealEvent> visit() {
    return events.subList(entry, events.size());
  }

  /** {@return the touches recorded since the deal entered its stage, oldest first} */
  public List<DealEvent.TouchRecorded> touchesInVisit() {
    List<DealEvent.TouchRecorded> out = new ArrayList<>();
    for (int i = entry + 1; i < events.size(); i++) {
      if (events.get(i) instanceof DealEvent.TouchRecorded) {
        out.add((DealEvent.TouchRecorded) events.get(i));
      }
    }
    return out;
  }

  /** {@return the instant of the deal's last event at or before {@link #asOf()}} */
  public Instant lastEventAt() {
    return events.get(events.size() - 1).at();
  }

  /**
   * When the idle clock of these activities last started: the latest event of one of these
   * kinds, or the deal's creation if there is none.
   *
   * @param resets the kinds of activity that reset the clock
   * @return the instant
   * @throws NullPointerException if {@code resets} is null
   */
  public Instant lastActivity(Set<Activity> resets) {
    Objects.requireNonNull(resets, "resets is null");
    Instant last = events.get(0).at();
    for (Activity a : resets) {
      Instant at = latest[a.ordinal()];
      if (at != null && at.isAfter(last)) {
        last = at;
      }
    }
    return last;
  }

  /** {@return the deal's latest snooze at or before {@link #asOf()}, if it was ever snoozed} */
  public Optional<DealEvent.Snoozed> snooze() {
    return Optional.ofNullable(snooze);
  }

  /**
   * The deal's enrolments in the {@linkplain Cadence cadences} of its stage during its current
   * visit, as they stood at {@link #asOf()}: the active ones (with the next step's due instant)
   * and those that ended (replied, meeting booked, stopped by hand, finished). Computed once per
   * context, in one pass over the visit.
   *
   * @return the enrolments in the order they started; empty if the stage has no cadence or the
   *     deal was in none
   */
  public List<CadenceEnrolment> cadences() {
    List<CadenceEnrolment> c = cadences;
    if (c == null) {
      c = CadenceEnrolments.of(this);
      cadences = c;
    }
    return c;
  }

  /** {@return the deal, its stage and the instant, on one line} */
  @Override
  public String toString() {
    return "RuleContext[" + deal.id() + " in " + stage.id() + " at " + asOf + "]";
  }
}
