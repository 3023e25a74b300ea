package dev.pipelinesdk.core;

import com.google.common.collect.ImmutableList;
import dev.pipelinesdk.core.internal.HistoryAccess;
import dev.pipelinesdk.core.internal.StageChanges;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ordered events of one deal: the truth from which the deal is rebuilt. Immutable.
 *
 * <p>A history starts with a {@link DealEvent.Created} event, has events of one deal only, in
 * non-decreasing time order, and every event fits the deal built by the ones before it (a move
 * starts from the stage the deal is in, a change names the value it replaces). Construction
 * checks all of this and throws {@link InvalidHistoryException} naming the first event that does
 * not fit and its position; a valid history therefore always replays.
 *
 * <p>The history does not know the pipeline definition: whether a stage exists or a transition is
 * declared is the engine's business ({@code Pipeline}), which only ever appends events it
 * accepted. To check a stored or imported history against a definition, use {@link
 * #checkAgainst(PipelineDefinition)} or {@link #checkImportedAgainst(PipelineDefinition)}.
 *
 * <p>The engine appends the events it accepted without replaying them (it knows the deal they
 * make) through a package-private method reached from {@code dev.pipelinesdk.core.internal}, a
 * package this module does not export; every other way to make or extend a history checks it.
 */
public final class DealHistory {
  static {
    HistoryAccess.register(new HistoryAccess.Appender() {
      @Override
      public DealHistory append(DealHistory history, List<DealEvent> events, Deal result) {
        return history.appendKnown(events, result);
      }

      @Override
      public DealHistory created(DealEvent.Created created) {
        return new DealHistory(ImmutableList.of(created), created.deal());
      }
    });
  }

  private final ImmutableList<DealEvent> events;
  private final Deal current;

  private DealHistory(ImmutableList<DealEvent> events, Deal current) {
    this.events = events;
    this.current = current;
  }

  /**
   * Appends events whose resulting deal is known, without folding them again. Only the engine
   * calls this (through {@link HistoryAccess}), with the events it just accepted for {@link
   * #current()} and the deal they make; nothing is re-checked.
   */
  DealHistory appendKnown(List<DealEvent> more, Deal result) {
    if (more.isEmpty()) {
      return this;
    }
    ImmutableList.Builder<DealEvent> b =
        ImmutableList.builderWithExpectedSize(events.size() + more.size());
    b.addAll(events);
    for (int i = 0; i < more.size(); i++) {
      b.add(more.get(i));
    }
    return new DealHistory(b.build(), result);
  }

  /**
   * Returns the history made of the given events.
   *
   * @param events the events, starting with the creation
   * @return the history
   * @throws InvalidHistoryException if the events are empty, do not start with a creation, or an
   *     event does not fit; the message names the event and its index
   * @throws NullPointerException if the list or an event is null
   */
  public static DealHistory of(List<? extends DealEvent> events) {
    Objects.requireNonNull(events, "events is null");
    if (events.isEmpty()) {
      throw new InvalidHistoryException("a history needs at least the created event; got none");
    }
    ImmutableList<DealEvent> list = copy(events);
    DealEvent first = list.get(0);
    if (!(first instanceof DealEvent.Created)) {
      throw new InvalidHistoryException("event 0 must be the created event, not " + first);
    }
    Deal deal = fold(((DealEvent.Created) first).deal(), list, 1);
    return new DealHistory(list, deal);
  }

  /**
   * Returns the history made of the given events.
   *
   * @param events the events, starting with the creation
   * @return the history
   * @throws InvalidHistoryException if an event does not fit (see {@link #of(List)})
   */
  public static DealHistory of(DealEvent... events) {
    return of(Arrays.asList(Objects.requireNonNull(events, "events is null")));
  }

  private static ImmutableList<DealEvent> copy(List<? extends DealEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) == null) {
        throw new NullPointerException("event " + i + " is null");
      }
    }
    return ImmutableList.copyOf(events);
  }

  private static Deal fold(Deal start, List<DealEvent> events, int from) {
    Deal deal = start;
    for (int i = from; i < events.size(); i++) {
      try {
        deal = deal.apply(events.get(i));
      } catch (InvalidHistoryException e) {
        throw new InvalidHistoryException("event " + i + ": " + e.getMessage());
      }
    }
    return deal;
  }

  /**
   * Returns this history with more events appended; checks only the new events.
   *
   * @param more the events to append, each fitting the deal after the ones before
   * @return the longer history (this one if {@code more} is empty)
   * @throws InvalidHistoryException if an event does not fit, naming its index in the new history
   */
  public DealHistory append(List<? extends DealEvent> more) {
    Objects.requireNonNull(more, "events is null");
    if (more.isEmpty()) {
      return this;
    }
    ImmutableList<DealEvent> list =
        ImmutableList.<DealEvent>builderWithExpectedSize(events.size() + more.size())
            .addAll(events).addAll(copy(more)).build();
    return new DealHistory(list, fold(current, list, events.size()));
  }

  /**
   * Returns this history with more events appended.
   *
   * @param more the events to append
   * @return the longer history
   * @throws InvalidHistoryException if an event does not fit
   */
  public DealHistory append(DealEvent... more) {
    return append(Arrays.asList(Objects.requireNonNull(more, "events is null")));
  }

  /** {@return the events, oldest first; the first is the {@link DealEvent.Created} event} */
  public List<DealEvent> events() {
    return events;
  }

  /** {@return the creation event, always the first} */
  public DealEvent.Created created() {
    return (DealEvent.Created) events.get(0);
  }

  /** {@return the deal id} */
  public DealId dealId() {
    return current.id();
  }

  /** {@return the number of events} */
  public int size() {
    return events.size();
  }

  /**
   * The deal's links to other deals ({@link DealEvent.Linked} events), oldest first: for a won
   * deal handed off to customer success, its follow-on deal; for that follow-on deal, its origin.
   *
   * @return the links; empty if the deal was never linked
   */
  public List<DealLink> links() {
    List<DealLink> out = new java.util.ArrayList<>(1);
    for (DealEvent e : events) {
      if (e instanceof DealEvent.Linked) {
        out.add(((DealEvent.Linked) e).link());
      }
    }
    return List.copyOf(out);
  }

  /** {@return the deal after every event (computed once, when the history was made)} */
  public Deal current() {
    return current;
  }

  /**
   * Rebuilds the deal from the events, from scratch. Always equals {@link #current()}; useful to
   * check a stored snapshot against its history.
   *
   * @return the replayed deal
   */
  public Deal replay() {
    return fold(created().deal(), events, 1);
  }

  /**
   * Checks this history against a definition, as the engine would have recorded it: every stage
   * exists; the deal was created in an open stage; each stage change's kind agrees with its
   * stages ({@link DealEvent.Won} into a won stage, {@link DealEvent.Lost} into a lost one,
   * {@link DealEvent.WentDormant} into a dormant one, {@link DealEvent.Moved} between open
   * stages, {@link DealEvent.Reopened} from a dormant, won or lost stage into an open one); and
   * each stage change is a declared transition. Cheap: one pass, no allocation unless it throws.
   *
   * @param definition the definition the history should belong to
   * @return this history
   * @throws InvalidHistoryException naming the deal, the event's index and the stage of the first
   *     event that does not fit
   * @throws NullPointerException if the definition is null
   */
  public DealHistory checkAgainst(PipelineDefinition definition) {
    return check(definition, false);
  }

  /**
   * Checks a history imported from elsewhere (a CRM that did not enforce the stage graph) against
   * a definition: the same as {@link #checkAgainst(PipelineDefinition)}, except that stage changes
   * need not be declared transitions and the deal may be first seen in any stage (an export often
   * starts a deal's history when it is already won or lost). This is the explicit import
   * allowance: stages must exist and event kinds must agree with stage kinds, but a deal may have
   * moved between any two stages whose kinds fit the event.
   *
   * @param definition the definition the history is read with
   * @return this history
   * @throws InvalidHistoryException naming the deal, the event's index and the stage of the first
   *     event that does not fit
   * @throws NullPointerException if the definition is null
   */
  public DealHistory checkImportedAgainst(PipelineDefinition definition) {
    return check(definition, true);
  }

  private DealHistory check(PipelineDefinition definition, boolean imported) {
    Objects.requireNonNull(definition, "definition is null");
    List<Stage> stages = definition.stages();
    DealEvent.Created created = created();
    StageId start = created.deal().stage();
    Stage current = find(stages, start);
    if (current == null) {
      throw misfit(definition, 0, created, start, "the pipeline has no such stage");
    }
    if (!imported && current.kind() != StageKind.OPEN) {
      throw misfit(definition, 0, created, start, "a deal is created in an open stage, not in "
          + kindName(current.kind()) + " stage (checkImportedAgainst allows it in imported"
          + " histories)");
    }
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      StageId to = StageChanges.to(e);
      if (to == null) {
        continue;
      }
      Stage target = find(stages, to);
      if (target == null) {
        throw misfit(definition, i, e, to, "the pipeline has no such stage");
      }
      String problem = kindProblem(e, current.kind(), target.kind());
      if (problem != null) {
        throw misfit(definition, i, e, to, problem);
      }
      if (!imported && !declared(definition.transitions(), current.id(), to)) {
        throw misfit(definition, i, e, to, "the pipeline declares no transition from '"
            + current.id() + "' to '" + to + "' (checkImportedAgainst allows undeclared moves"
            + " in imported histories)");
      }
      current = target;
    }
    return this;
  }

  private static @org.jspecify.annotations.Nullable Stage find(List<Stage> stages, StageId id) {
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      StageId sid = s.id();
      if (sid == id || sid.hashCode() == id.hashCode() && sid.equals(id)) {
        return s;
      }
    }
    return null;
  }

  private static boolean declared(List<Transition> transitions, StageId from, StageId to) {
    for (int i = 0; i < transitions.size(); i++) {
      Transition t = transitions.get(i);
      if (t.from().equals(from) && t.to().equals(to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a stage change's kind agrees with its stages' kinds: null if so, else why not. */
  private static @org.jspecify.annotations.Nullable String kindProblem(
      DealEvent e, StageKind from, StageKind to) {
    if (e instanceof DealEvent.Won) {
      return to == StageKind.WON ? null : "a won event enters a won stage, not " + kindName(to)
          + " stage";
    } else if (e instanceof DealEvent.Lost) {
      return to == StageKind.LOST ? null : "a lost event enters a lost stage, not "
          + kindName(to) + " stage";
    } else if (e instanceof DealEvent.WentDormant) {
      return to == StageKind.DORMANT ? null : "a went-dormant event enters a dormant stage, not "
          + kindName(to) + " stage";
    } else if (e instanceof DealEvent.Moved) {
      return from == StageKind.OPEN && to == StageKind.OPEN ? null
          : "a move is between open stages, not from " + kindName(from) + " stage to "
              + kindName(to) + " stage";
    } else { // Reopened
      return from != StageKind.OPEN && to == StageKind.OPEN ? null
          : "a reopening goes from a dormant, won or lost stage into an open stage, not from "
              + kindName(from) + " stage to " + kindName(to) + " stage";
    }
  }

  /** {@return the kind with its article: "an open", "a won"} */
  private static String kindName(StageKind kind) {
    return (kind == StageKind.OPEN ? "an " : "a ") + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private InvalidHistoryException misfit(
      PipelineDefinition definition, int index, DealEvent event, StageId stage, String problem) {
    return new InvalidHistoryException("deal '" + dealId() + "', event " + index + ", stage '"
        + stage + "' in pipeline '" + definition.id() + "': " + problem + ": " + event);
  }

  /** Histories are equal when their events are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DealHistory && events.equals(((DealHistory) o).events);
  }

  @Override
  public int hashCode() {
    return events.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DealHistory[").append(dealId()).append(", ")
        .append(events.size()).append(" events]");
    for (int i = 0; i < events.size(); i++) {
      sb.append(System.lineSeparator()).append("  ").append(i).append(": ").append(events.get(i));
    }
    return sb.toString();
  }
}
