package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealLink;
import dev.pipelinesdk.core.Handoff;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.CadenceEnrolment;
import dev.pipelinesdk.core.automation.RuleContext;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardContext;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.internal.Checks;
import dev.pipelinesdk.core.internal.HistoryAccess;
import dev.pipelinesdk.core.internal.Throwables;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transition engine: a pure function from (definition, deal, command, instant) to an {@link
 * Outcome}, plus listeners notified after accepted changes.
 *
 * <p>A command is either accepted, with the new deal and the events that made it (the new deal is
 * exactly the old deal with the events {@linkplain Deal#apply applied}), or rejected with every
 * reason: an undeclared transition, each violated guard, an invalid value. A rejection changes
 * nothing and is a value, not an exception.
 *
 * <p><b>Histories first.</b> Every command has a form taking the deal's {@link DealHistory}; its
 * outcome then carries the history after the command ({@link Outcome#history()}, {@link
 * Outcome#historyOrThrow()}), appended without replaying the events, and guards see the history
 * in {@link GuardContext#history()}. The forms taking a bare {@link Deal} are for callers that
 * keep snapshots only.
 *
 * <p><b>Time.</b> Each command's instant is the request's {@linkplain Request#at() explicit
 * instant} if it has one, else the injected {@link InstantSource}'s (read once per command, once
 * per batch). A clock that returns null is a bug reported as a {@link NullPointerException}
 * naming the clock.
 *
 * <p><b>Failures of user code.</b> A guard or listener that throws is contained by one policy:
 * every throwable is caught except the JVM's fatal errors ({@link VirtualMachineError}s other
 * than {@link StackOverflowError}, that is {@link OutOfMemoryError}, {@link InternalError} and
 * {@link UnknownError}, and {@link ThreadDeath}), which propagate; a caught {@link
 * InterruptedException} restores the thread's interrupt flag. A guard that throws (an assertion,
 * a stack overflow, a sneaky checked exception) becomes a violation with code {@value
 * Violation#GUARD_ERROR} naming the guard and the exception, so the command is rejected; a
 * listener that throws is logged at WARN (logger {@code dev.pipelinesdk.core.engine.Pipeline}),
 * the remaining listeners still run and the accepted outcome is returned.
 *
 * <p>Null arguments throw {@link NullPointerException} naming the argument. The pipeline holds no
 * per-deal state and writes no shared state: one instance is safe to share among any number of
 * threads.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.of(definition, InstantSource.system());
 * DealHistory history = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
 *     Request.by("ana")).historyOrThrow();
 * Outcome outcome = pipeline.move(history, StageId.of("qualification"), Request.by("ana"));
 * if (outcome.isAccepted()) {
 *   history = outcome.historyOrThrow();
 * } else {
 *   outcome.violations().forEach(v -> System.out.println(v.message()));
 * }
 * }</pre>
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final HistoryAccess.Appender HISTORY = HistoryAccess.appender();

  private final PipelineDefinition definition;
  private final Plan plan;
  private final List<PipelineListener> listeners;
  private final PipelineListener[] listenerArray;
  private final InstantSource clock;

  private Pipeline(PipelineDefinition definition, Plan plan, List<PipelineListener> listeners,
      InstantSource clock) {
    this.definition = definition;
    this.plan = plan;
    this.listeners = List.copyOf(listeners);
    this.listenerArray = this.listeners.toArray(new PipelineListener[0]);
    this.clock = clock;
  }

  /**
   * A pipeline without listeners.
   *
   * @param definition the stage graph
   * @param clock where the instant of a change comes from when its request has none
   * @return the pipeline
   * @throws NullPointerException naming the argument if one is null
   */
  public static Pipeline of(PipelineDefinition definition, InstantSource clock) {
    return builder(definition).clock(clock).build();
  }

  /**
   * Starts a pipeline.
   *
   * @param definition the stage graph
   * @return a builder; the clock defaults to {@link InstantSource#system()}
   * @throws NullPointerException if the definition is null
   */
  public static Builder builder(PipelineDefinition definition) {
    return new Builder(definition);
  }

  /** {@return the stage graph} */
  public PipelineDefinition definition() {
    return definition;
  }

  /** {@return the listeners, in notification order} */
  public List<PipelineListener> listeners() {
    return listeners;
  }

  /**
   * Creates a deal in an entry stage (the first entry stage unless the new deal names one).
   *
   * <p>The one command that throws instead of rejecting, on purpose: a rejection names the deal
   * it left unchanged, and before creation there is no deal. The new deal's own values were
   * checked when its {@link NewDeal} was built; what can still be wrong here is a mismatch
   * between it and the definition (a stage that is not an entry stage, an amount in another
   * currency than the definition's), refused with an exception naming the value.
   *
   * @param newDeal what is known about the deal
   * @param request who creates it, and optionally when
   * @return the accepted outcome with the deal, its {@link DealEvent.Created} event and its
   *     one-event {@linkplain Outcome#history() history}
   * @throws IllegalArgumentException naming the value if the stage is unknown or not an entry
   *     stage, the amount's currency differs from the definition's, or the deal is invalid (such
   *     as a manual probability outside [0, 1])
   * @throws NullPointerException naming the argument if one is null, or the clock if it returned
   *     null
   */
  public Outcome.Accepted create(NewDeal newDeal, Request request) {
    Outcome.Accepted accepted = created(newDeal, request, false);
    notifyListeners(accepted, request);
    return accepted;
  }

  /**
   * Imports a deal's creation (from a CRM, a spreadsheet, a previous system): the import path's
   * counterpart of {@link #create}, as {@link #importFact} is of {@link #execute(DealHistory,
   * Command, Request)}. It differs from {@code create} in these ways only: the instant is the
   * request's explicit {@linkplain Request#at() instant}, which is required; the deal may start in
   * any stage of the definition, not only an entry stage (an export often begins a deal's history
   * when it is already won, lost or further down the funnel); listeners are not notified. The
   * stage must exist and the amount's currency must be the definition's, if it fixes one; the
   * new deal's own values were checked when it was built. The history passes {@link
   * DealHistory#checkImportedAgainst}.
   *
   * @param newDeal what was known about the deal when it was created; its {@link
   *     NewDeal#stage()} is the stage it was first seen in (the definition's first entry stage
   *     when empty)
   * @param request who created it and when ({@code request.at(instant)})
   * @return the accepted outcome with the deal, its {@link DealEvent.Created} event and its
   *     one-event {@linkplain Outcome#history() history}
   * @throws IllegalArgumentException naming the value if the request has no instant, the stage
   *     is unknown, or the amount's currency differs from the definition's
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome.Accepted importDeal(NewDeal newDeal, Request request) {
    Objects.requireNonNull(request, "request is null");
    if (request.at().isEmpty()) {
      throw new IllegalArgumentException("an imported deal needs the instant it was created at:"
          + " pass request.at(instant), not the clock's");
    }
    return created(newDeal, request, true);
  }

  /** The deal a new deal becomes; {@code imported} allows any stage, not only entry stages. */
  private Outcome.Accepted created(NewDeal newDeal, Request request, boolean imported) {
    Objects.requireNonNull(newDeal, "new deal is null");
    Objects.requireNonNull(request, "request is null");
    Plan.Node node = newDeal.stage().isPresent() ? plan.node(newDeal.stage().get())
        : plan.defaultEntry;
    if (node == null) {
      definition.requireStage(newDeal.stage().get()); // throws, naming the known stages
    }
    StageId stage = node.id;
    if (!imported && !node.entry) {
      throw new IllegalArgumentException("deal '" + newDeal.id() + "' cannot start in stage '"
          + stage + "'; entry stages of pipeline '" + definition.id() + "': "
          + definition.entryStages() + " (an import of a deal first seen there: importDeal)");
    }
    Optional<Money> amount = newDeal.amount();
    if (amount.isPresent()) {
      String p = currencyProblem(amount.get(), Optional.empty());
      if (p != null) {
        throw new IllegalArgumentException("deal '" + newDeal.id() + "': " + p);
      }
    }
    Instant now = instant(request);
    Deal deal = Deal.created(newDeal, stage, now);
    // the history (its one Created event) is made when asked for: see Outcome.Accepted
    return new Outcome.Accepted(null, deal,
        List.of(new DealEvent.Created(deal.id(), now, request.actor(), deal)), null);
  }

  /**
   * Applies a command to a deal: the one path every change takes.
   *
   * @param deal the deal as it is now
   * @param command the change requested
   * @param request who asks, with roles, reason and optionally the instant
   * @return accepted (new deal and events) or rejected (every reason, deal unchanged); no
   *     {@linkplain Outcome#history() history}
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome execute(Deal deal, Command command, Request request) {
    Objects.requireNonNull(deal, "deal is null");
    return run(deal, command, request, null);
  }

  /**
   * Applies a command to the deal at the end of a history. Guards see the history in {@link
   * GuardContext#history()}; the outcome carries the history after the command ({@link
   * Outcome#historyOrThrow()}).
   *
   * @param history the deal's history
   * @param command the change requested
   * @param request who asks
   * @return accepted or rejected, with the history after the command
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome execute(DealHistory history, Command command, Request request) {
    Objects.requireNonNull(history, "history is null");
    return run(history.current(), command, request, history);
  }

  /**
   * Applies several commands to a deal as one change: all of them or none. Each command sees the
   * deal as the ones before it left it, every event gets the same instant (the request's, or one
   * clock read), and listeners hear of the change once, with every event. The first rejected
   * command rejects the whole batch: the outcome is that command's rejection, and the deal is
   * returned as it was before the batch.
   *
   * <pre>{@code
   * List<Command> close = List.of(new Command.MoveTo(decision), new Command.Win());
   * Outcome outcome = pipeline.executeAll(deal, close, Request.by("ana"));
   * }</pre>
   *
   * <p>For changes that belong together (an import's steps, "move to decision and set the
   * amount"): nothing is half-applied.
   *
   * @param deal the deal as it is now
   * @param commands the changes, in order; an empty list changes nothing
   * @param request who asks, for every command
   * @return accepted with the deal after the last command and all events in order, or the first
   *     rejection with the deal unchanged
   * @throws NullPointerException naming the argument if one (or a command) is null
   */
  public Outcome executeAll(Deal deal, List<? extends Command> commands, Request request) {
    Objects.requireNonNull(deal, "deal is null");
    return runAll(deal, commands, request, null);
  }

  /**
   * Applies several commands to the deal at the end of a history, all or none, as {@link
   * #executeAll(Deal, List, Request)}. Guards of each command see the history with the batch's
   * earlier events appended; the outcome carries the history after the batch (or the same
   * history, if rejected).
   *
   * @param history the deal's history
   * @param commands the changes, in order
   * @param request who asks
   * @return accepted or the first rejection
   * @throws NullPointerException naming the argument if one (or a command) is null
   */
  public Outcome executeAll(DealHistory history, List<? extends Command> commands,
      Request request) {
    Objects.requireNonNull(history, "history is null");
    return runAll(history.current(), commands, request, history);
  }

  private Outcome runAll(Deal deal, List<? extends Command> commands, Request request,
      @Nullable DealHistory history) {
    Objects.requireNonNull(commands, "commands is null");
    Objects.requireNonNull(request, "request is null");
    for (Command command : commands) {
      Objects.requireNonNull(command, "command is null");
    }
    Instant at = instant(request);
    Deal current = deal;
    DealEvent[] events = new DealEvent[commands.size()];
    int n = 0;
    DealHistory seen = history; // the history each command's guards see
    int seenEvents = 0;
    for (Command command : commands) {
      if (history != null && seenEvents != n) {
        seen = HISTORY.append(history, new EventList(Arrays.copyOf(events, n)), current);
        seenEvents = n;
      }
      Decision step = decide(current, command, request, at, seen);
      if (step.rejection != null) {
        return n == 0 ? step.rejection
            : new Outcome.Rejected(deal, command, step.rejection.violations(), history);
      }
      if (step.event != null) {
        current = current.apply(step.event);
        events[n++] = step.event;
      }
    }
    List<DealEvent> list = n == 0 ? List.of() : n == 1 ? List.of(events[0])
        : new EventList(n == events.length ? events : Arrays.copyOf(events, n));
    Outcome.Accepted all = new Outcome.Accepted(deal, current, list,
        history == null ? null : HISTORY.append(history, list, current));
    if (n != 0) {
      notifyListeners(all, request);
    }
    return all;
  }

  /**
   * Moves a deal to a stage. Moving into a lost stage this way records the request's {@linkplain
   * Request#reason() reason} as the lost reason if it has one, and no reason otherwise (the
   * {@link DealEvent.Lost} event's reason is then empty); use {@link #lose(Deal, StageId, String,
   * Request)} to say why.
   *
   * @param deal the deal
   * @param to the target stage
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome move(Deal deal, StageId to, Request request) {
    return execute(deal, new Command.MoveTo(to), request);
  }

  /**
   * Moves the deal at the end of a history to a stage, as {@link #move(Deal, StageId, Request)}.
   *
   * @param history the deal's history
   * @param to the target stage
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome move(DealHistory history, StageId to, Request request) {
    return execute(history, new Command.MoveTo(to), request);
  }

  /**
   * Moves a deal to a stage given by id text, as {@link #move(Deal, StageId, Request)}.
   *
   * @param deal the deal
   * @param to the target stage id
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if {@code to} is not a valid stage id
   */
  public Outcome move(Deal deal, String to, Request request) {
    return move(deal, StageId.of(Objects.requireNonNull(to, "to is null")), request);
  }

  /**
   * Moves the deal at the end of a history to a stage given by id text.
   *
   * @param history the deal's history
   * @param to the target stage id
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if {@code to} is not a valid stage id
   */
  public Outcome move(DealHistory history, String to, Request request) {
    return move(history, StageId.of(Objects.requireNonNull(to, "to is null")), request);
  }

  /**
   * Wins a deal: moves it to the won stage its current stage leads to.
   *
   * @param deal the deal
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome win(Deal deal, Request request) {
    return execute(deal, WIN, request);
  }

  /**
   * Wins the deal at the end of a history.
   *
   * @param history the deal's history
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome win(DealHistory history, Request request) {
    return execute(history, WIN, request);
  }

  /**
   * Loses a deal: moves it to the lost stage its current stage leads to (it must be unique).
   *
   * @param deal the deal
   * @param reason why it was lost
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#AMBIGUOUS_TARGET} if several lost
   *     stages can be reached (name one with {@link #lose(Deal, StageId, String, Request)})
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is blank
   */
  public Outcome lose(Deal deal, String reason, Request request) {
    return execute(deal, new Command.Lose(reason), request);
  }

  /**
   * Loses the deal at the end of a history, as {@link #lose(Deal, String, Request)}.
   *
   * @param history the deal's history
   * @param reason why it was lost
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is blank
   */
  public Outcome lose(DealHistory history, String reason, Request request) {
    return execute(history, new Command.Lose(reason), request);
  }

  /**
   * Loses a deal into a named lost stage, for stages that can reach more than one (a mortgage
   * application: denied or withdrawn).
   *
   * @param deal the deal
   * @param lostStage the lost stage; the transition to it must be declared
   * @param reason why it was lost
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#INVALID_VALUE} if {@code lostStage}
   *     is not a lost stage
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is blank
   */
  public Outcome lose(Deal deal, StageId lostStage, String reason, Request request) {
    return execute(deal, new Command.Lose(lostStage, reason), request);
  }

  /**
   * Loses the deal at the end of a history into a named lost stage, as {@link #lose(Deal,
   * StageId, String, Request)}.
   *
   * @param history the deal's history
   * @param lostStage the lost stage
   * @param reason why it was lost
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is blank
   */
  public Outcome lose(DealHistory history, StageId lostStage, String reason, Request request) {
    return execute(history, new Command.Lose(lostStage, reason), request);
  }

  /**
   * Marks a deal as gone dark: moves it to the dormant stage its current stage leads to.
   *
   * @param deal the deal
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome goDormant(Deal deal, Request request) {
    return execute(deal, GO_DORMANT, request);
  }

  /**
   * Marks the deal at the end of a history as gone dark.
   *
   * @param history the deal's history
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome goDormant(DealHistory history, Request request) {
    return execute(history, GO_DORMANT, request);
  }

  /**
   * Reopens a won or lost deal, or revives a dormant one, into an open stage. The same as {@link
   * #move(Deal, StageId, Request)}; the transition must be declared.
   *
   * @param deal the deal
   * @param to the open stage
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome reopen(Deal deal, StageId to, Request request) {
    return move(deal, to, request);
  }

  /**
   * Reopens or revives the deal at the end of a history into an open stage.
   *
   * @param history the deal's history
   * @param to the open stage
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome reopen(DealHistory history, StageId to, Request request) {
    return move(history, to, request);
  }

  /**
   * Records a touch.
   *
   * @param deal the deal
   * @param touch the touch
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome recordTouch(Deal deal, Touch touch, Request request) {
    return execute(deal, new Command.RecordTouch(touch), request);
  }

  /**
   * Records a touch on the deal at the end of a history.
   *
   * @param history the deal's history
   * @param touch the touch
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome recordTouch(DealHistory history, Touch touch, Request request) {
    return execute(history, new Command.RecordTouch(touch), request);
  }

  /**
   * Sets a custom attribute.
   *
   * @param deal the deal
   * @param name the attribute name
   * @param value the value
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#INVALID_VALUE} for an invalid name
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome setAttribute(Deal deal, String name, AttributeValue value, Request request) {
    return execute(deal, setCommand(name, value), request);
  }

  /**
   * Sets a custom attribute of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param name the attribute name
   * @param value the value
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome setAttribute(
      DealHistory history, String name, AttributeValue value, Request request) {
    return execute(history, setCommand(name, value), request);
  }

  private static Command setCommand(String name, AttributeValue value) {
    Objects.requireNonNull(name, "attribute name is null");
    return new Command.SetAttribute(name,
        Optional.of(Objects.requireNonNull(value, "attribute value is null")));
  }

  /**
   * Removes a custom attribute.
   *
   * @param deal the deal
   * @param name the attribute name
   * @param request who asks
   * @return the outcome
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome removeAttribute(Deal deal, String name, Request request) {
    return execute(deal, new Command.SetAttribute(name, Optional.empty()), request);
  }

  /**
   * Removes a custom attribute of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param name the attribute name
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome removeAttribute(DealHistory history, String name, Request request) {
    return execute(history, new Command.SetAttribute(name, Optional.empty()), request);
  }

  /**
   * Sets the amount.
   *
   * @param deal the deal
   * @param amount the new amount, in the deal's currency
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#CURRENCY_MISMATCH} for another
   *     currency
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeAmount(Deal deal, Money amount, Request request) {
    return execute(deal, amountCommand(amount), request);
  }

  /**
   * Sets the amount of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param amount the new amount, in the deal's currency
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeAmount(DealHistory history, Money amount, Request request) {
    return execute(history, amountCommand(amount), request);
  }

  private static Command amountCommand(Money amount) {
    return new Command.ChangeAmount(Optional.of(Objects.requireNonNull(amount, "amount is null")));
  }

  /**
   * Sets the owner.
   *
   * @param deal the deal
   * @param owner the new owner
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#INVALID_VALUE} for an invalid id
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeOwner(Deal deal, String owner, Request request) {
    return execute(deal, ownerCommand(owner), request);
  }

  /**
   * Sets the owner of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param owner the new owner
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeOwner(DealHistory history, String owner, Request request) {
    return execute(history, ownerCommand(owner), request);
  }

  private static Command ownerCommand(String owner) {
    return new Command.ChangeOwner(Optional.of(Objects.requireNonNull(owner, "owner is null")));
  }

  /**
   * Sets the expected close date ({@link Deal#closeDate()}). Clear it with {@link
   * Command.ChangeCloseDate} and an empty date.
   *
   * @param deal the deal
   * @param closeDate the date the deal is now expected to close
   * @param request who asks
   * @return the outcome: accepted with a {@link DealEvent.CloseDateChanged} event, or with no
   *     event if the deal already has this date
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeCloseDate(Deal deal, LocalDate closeDate, Request request) {
    return execute(deal, closeDateCommand(closeDate), request);
  }

  /**
   * Sets the expected close date of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param closeDate the date the deal is now expected to close
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome changeCloseDate(DealHistory history, LocalDate closeDate, Request request) {
    return execute(history, closeDateCommand(closeDate), request);
  }

  /**
   * Snoozes the deal's automation items until a date ({@link Command.Snooze}): the agenda hides
   * its idle, escalation and cadence items until then.
   *
   * @param deal the deal
   * @param until the date the items come back on, after the day of the change
   * @param reason why, in words
   * @param request who asks
   * @return the outcome: accepted with a {@link DealEvent.Snoozed} event, or rejected with code
   *     {@value Violation#INVALID_VALUE} if the date is not after the day of the change or the
   *     deal is won or lost
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is not valid free text
   */
  public Outcome snooze(Deal deal, LocalDate until, String reason, Request request) {
    return execute(deal, new Command.Snooze(until, reason), request);
  }

  /**
   * Snoozes the automation items of the deal at the end of a history, as {@link #snooze(Deal,
   * LocalDate, String, Request)}.
   *
   * @param history the deal's history
   * @param until the date the items come back on, after the day of the change
   * @param reason why, in words
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the reason is not valid free text
   */
  public Outcome snooze(DealHistory history, LocalDate until, String reason, Request request) {
    return execute(history, new Command.Snooze(until, reason), request);
  }

  /**
   * Enrols the deal by hand in a cadence of its stage ({@link Command.EnrolCadence}): its step 1
   * is due its delay after now. A bare deal carries no history, so only the cadence and the stage
   * are checked; {@link #enrol(DealHistory, String, Request)} also refuses a deal that is in a
   * cadence already.
   *
   * @param deal the deal
   * @param cadence the cadence's id
   * @param request who asks
   * @return the outcome: accepted with a {@link DealEvent.CadenceEnrolled} event, or rejected
   *     with code {@value Violation#INVALID_VALUE} if the definition has no such cadence or the
   *     deal is not in its stage
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the cadence id is not a valid id
   */
  public Outcome enrol(Deal deal, String cadence, Request request) {
    return execute(deal, new Command.EnrolCadence(cadence), request);
  }

  /**
   * Enrols the deal at the end of a history in a cadence of its stage, as {@link #enrol(Deal,
   * String, Request)}, and refuses it while the deal is in that cadence, or in another one when
   * neither is {@linkplain dev.pipelinesdk.core.automation.Cadence#concurrent() concurrent}
   * (the one enrolled first wins: stop it first).
   *
   * @param history the deal's history
   * @param cadence the cadence's id
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the cadence id is not a valid id
   */
  public Outcome enrol(DealHistory history, String cadence, Request request) {
    return execute(history, new Command.EnrolCadence(cadence), request);
  }

  /**
   * Stops the deal's enrolment in a cadence by hand ({@link Command.StopCadence}): no more of its
   * steps are due. A bare deal carries no history, so only the cadence and the stage are
   * checked; {@link #stopCadence(DealHistory, String, String, Request)} also refuses a deal that
   * is not in the cadence.
   *
   * @param deal the deal
   * @param cadence the cadence's id
   * @param reason why, in words
   * @param request who asks
   * @return the outcome: accepted with a {@link DealEvent.CadenceStopped} event, or rejected
   *     with code {@value Violation#INVALID_VALUE} if the definition has no such cadence or the
   *     deal is not in its stage
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the cadence id is not a valid id or the reason is not
   *     valid free text
   */
  public Outcome stopCadence(Deal deal, String cadence, String reason, Request request) {
    return execute(deal, new Command.StopCadence(cadence, reason), request);
  }

  /**
   * Stops the enrolment of the deal at the end of a history in a cadence, as {@link
   * #stopCadence(Deal, String, String, Request)}, and refuses it when the deal is not in the
   * cadence (never enrolled in this visit of the stage, or the enrolment ended).
   *
   * @param history the deal's history
   * @param cadence the cadence's id
   * @param reason why, in words
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   * @throws IllegalArgumentException if the cadence id is not a valid id or the reason is not
   *     valid free text
   */
  public Outcome stopCadence(DealHistory history, String cadence, String reason,
      Request request) {
    return execute(history, new Command.StopCadence(cadence, reason), request);
  }

  private static Command closeDateCommand(LocalDate closeDate) {
    return new Command.ChangeCloseDate(
        Optional.of(Objects.requireNonNull(closeDate, "closeDate is null")));
  }

  /**
   * Sets the manual probability override.
   *
   * @param deal the deal
   * @param probability the override, in [0, 1]
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#INVALID_VALUE} for NaN or a value
   *     outside [0, 1]
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome overrideProbability(Deal deal, double probability, Request request) {
    return execute(deal, new Command.OverrideProbability(OptionalDouble.of(probability)), request);
  }

  /**
   * Sets the manual probability override of the deal at the end of a history.
   *
   * @param history the deal's history
   * @param probability the override, in [0, 1]
   * @param request who asks
   * @return the outcome, with the history after it
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome overrideProbability(DealHistory history, double probability, Request request) {
    return execute(history, new Command.OverrideProbability(OptionalDouble.of(probability)),
        request);
  }

  /**
   * Hands a won deal off to a follow-on pipeline as the definition declares ({@link
   * PipelineDefinition#handoff()}): see {@link #handOff(DealHistory, Handoff, Pipeline,
   * Request)}.
   *
   * @param won the won deal's history
   * @param followOn the engine of the follow-on pipeline (its definition's id is the handoff's
   *     pipeline)
   * @param request who hands it off, and optionally when
   * @return accepted with both histories, or rejected with every reason
   * @throws IllegalStateException if the definition declares no handoff
   * @throws IllegalArgumentException as {@link #handOff(DealHistory, Handoff, Pipeline, Request)}
   * @throws NullPointerException naming the argument if one is null
   */
  public HandoffOutcome handOff(DealHistory won, Pipeline followOn, Request request) {
    Objects.requireNonNull(won, "won is null");
    Handoff handoff = definition.handoff().orElseThrow(() -> new IllegalStateException(
        "pipeline '" + definition.id() + "' declares no handoff: declare one with"
            + " PipelineDefinition.Builder.handoff, or pass one to handOff"));
    return handOff(won, handoff, followOn, request);
  }

  /**
   * Hands a won deal off: opens the linked deal in the follow-on pipeline ({@link
   * Handoff#followOn}: the title, account, lead source and close date, the amount and attributes
   * as the handoff says, its owner) and records a {@link DealEvent.Linked} event in both
   * histories at the same instant, the request's or the clock's: the won deal's names the
   * follow-on deal ({@link DealLink.Role#FOLLOW_ON}), the follow-on deal's, right after its
   * creation, names the won deal ({@link DealLink.Role#ORIGIN}). Both go through the engines'
   * one path, so both engines' listeners hear of them, the won deal's first.
   *
   * <p>Rejected, with nothing recorded, if the deal is not in a won stage, was handed off to that
   * pipeline already, the follow-on deal's id would be too long, or its amount is in another
   * currency than the follow-on pipeline's ({@value Violation#CURRENCY_MISMATCH}), or the
   * request's instant is before the deal's latest change ({@value Violation#CLOCK_BEHIND}).
   *
   * @param won the won deal's history
   * @param handoff what to open where
   * @param followOn the engine of the follow-on pipeline
   * @param request who hands it off, and optionally when
   * @return accepted with both histories, or rejected with every reason
   * @throws IllegalArgumentException if {@code followOn}'s definition is not the handoff's
   *     pipeline, or the handoff's stage is not one of its entry stages (naming them)
   * @throws NullPointerException naming the argument if one is null
   */
  public HandoffOutcome handOff(DealHistory won, Handoff handoff, Pipeline followOn,
      Request request) {
    Objects.requireNonNull(won, "won is null");
    Objects.requireNonNull(handoff, "handoff is null");
    Objects.requireNonNull(followOn, "followOn is null");
    Objects.requireNonNull(request, "request is null");
    PipelineDefinition target = followOn.definition();
    if (!target.id().equals(handoff.pipeline())) {
      throw new IllegalArgumentException("the handoff goes to pipeline '" + handoff.pipeline()
          + "', but the follow-on engine runs pipeline '" + target.id() + "'");
    }
    StageId entry = handoff.stage().orElse(followOn.plan.defaultEntry.id);
    if (!target.entryStages().contains(entry)) {
      throw new IllegalArgumentException("the handoff opens deals in stage '" + entry
          + "', which is not an entry stage of pipeline '" + target.id() + "'; entry stages: "
          + target.entryStages());
    }
    Deal deal = won.current();
    List<Violation> problems = new ArrayList<>();
    Optional<dev.pipelinesdk.core.Stage> stage = definition.stage(deal.stage());
    if (stage.isEmpty() || stage.get().kind() != StageKind.WON) {
      problems.add(Violation.of(Violation.INVALID_VALUE, "deal '" + deal.id() + "' is in stage '"
          + deal.stage() + "'" + stage.map(s -> " (" + s.kind().name().toLowerCase(
              java.util.Locale.ROOT) + ")").orElse(", which pipeline '" + definition.id()
              + "' does not have") + "; only a won deal is handed off", deal.stage().value()));
    }
    for (DealLink l : won.links()) {
      if (l.role() == DealLink.Role.FOLLOW_ON && l.pipeline().equals(target.id())) {
        problems.add(Violation.of(Violation.INVALID_VALUE, "deal '" + deal.id()
            + "' was handed off to pipeline '" + target.id() + "' already, as deal '" + l.deal()
            + "'", l.toString()));
      }
    }
    NewDeal next = null;
    try {
      next = handoff.followOn(deal);
    } catch (IllegalArgumentException e) {
      problems.add(Violation.of(Violation.INVALID_VALUE, "the follow-on deal of '" + deal.id()
          + "' cannot be opened: " + e.getMessage(), deal.id().value()));
    }
    if (next != null && next.amount().isPresent()) {
      String p = followOn.currencyProblem(next.amount().get(), Optional.empty());
      if (p != null) {
        problems.add(Violation.of(Violation.CURRENCY_MISMATCH, "the follow-on deal of '"
            + deal.id() + "': " + p, next.amount().get().currency().getCurrencyCode()));
      }
    }
    if (!problems.isEmpty()) {
      return new HandoffOutcome.Rejected(deal, problems);
    }
    Request at = request.at(instant(request));
    Outcome origin = execute(won, new Command.Link(
        new DealLink(target.id(), next.id(), DealLink.Role.FOLLOW_ON)), at);
    if (!origin.isAccepted()) {
      return new HandoffOutcome.Rejected(deal, origin.violations());
    }
    DealHistory opened = followOn.create(next, at).historyOrThrow();
    Outcome back = followOn.execute(opened, new Command.Link(
        new DealLink(definition.id(), deal.id(), DealLink.Role.ORIGIN)), at);
    // a new deal at the instant of its creation, linked to another deal: cannot be refused
    return new HandoffOutcome.Accepted(origin.history().orElseThrow(),
        back.history().orElseThrow());
  }

  /**
   * Imports a historical fact (from a CRM, a spreadsheet, a previous system) onto the deal at the
   * end of a history. The import path differs from {@link #execute(DealHistory, Command, Request)}
   * in three ways, and only these:
   *
   * <ul>
   *   <li>the fact's instant is the request's explicit {@linkplain Request#at() instant}, which
   *       is required (the clock is never read);
   *   <li>guards are not applied: the fact happened, whatever the rules say now;
   *   <li>stage changes need not be declared transitions: a {@link Command.MoveTo} may go to any
   *       other stage of the definition, and the event is chosen by the stages' kinds (into a
   *       won stage {@link DealEvent.Won}, into a lost one {@link DealEvent.Lost}, into a dormant
   *       one {@link DealEvent.WentDormant}, into an open one {@link DealEvent.Moved} from an
   *       open stage and {@link DealEvent.Reopened} from any other). {@link Command.Win}, {@link
   *       Command.GoDormant} and a {@link Command.Lose} without a stage go to the stage of that
   *       kind reachable from the deal's stage if there is exactly one, else to the definition's
   *       only stage of that kind.
   * </ul>
   *
   * <p>The structure is still checked: stages must exist, a {@code Lose} must name a lost stage,
   * values must be valid, and the instant must not be earlier than the deal's latest change. So
   * every history built by imports passes {@link DealHistory#checkImportedAgainst}. Listeners are
   * not notified: an import records the past, it is not a change happening now.
   *
   * @param history the deal's history so far
   * @param fact what happened
   * @param request who did it and when ({@code request.at(instant)})
   * @return accepted with the history after the fact, or rejected with every reason
   * @throws IllegalArgumentException if the request has no instant
   * @throws NullPointerException naming the argument if one is null
   */
  public Outcome importFact(DealHistory history, Command fact, Request request) {
    Objects.requireNonNull(history, "history is null");
    Objects.requireNonNull(fact, "fact is null");
    Objects.requireNonNull(request, "request is null");
    Instant at = request.at().orElseThrow(() -> new IllegalArgumentException("an imported fact "
        + "needs the instant it happened at: pass request.at(instant), not the clock's"));
    Deal deal = history.current();
    return outcome(deal, decideImport(deal, fact, request, at, history), history);
  }

  /** {@link #decide} for an imported fact: stage changes by kinds, unguarded, undeclared. */
  private Decision decideImport(
      Deal deal, Command fact, Request request, Instant at, DealHistory history) {
    Plan.Node node = plan.node(deal.stage());
    if (node == null || at.isBefore(deal.updatedAt())) {
      return decide(deal, fact, request, at, history); // the same rejections
    }
    Plan.Node target;
    String lostReason = null;
    if (fact instanceof Command.MoveTo) {
      target = plan.node(((Command.MoveTo) fact).to());
    } else if (fact instanceof Command.Win) {
      target = onlyOfKind(node, StageKind.WON);
    } else if (fact instanceof Command.GoDormant) {
      target = onlyOfKind(node, StageKind.DORMANT);
    } else if (fact instanceof Command.Lose) {
      Command.Lose lose = (Command.Lose) fact;
      lostReason = lose.reason();
      target = lose.stage().isPresent() ? plan.node(lose.stage().get())
          : onlyOfKind(node, StageKind.LOST);
      if (target != null && target.stage.kind() != StageKind.LOST) {
        return reject(deal, fact, history, Violation.INVALID_VALUE, "stage '" + target.id
            + "' is not a lost stage (its kind is "
            + target.stage.kind().name().toLowerCase(java.util.Locale.ROOT) + "); to lose deal '"
            + deal.id() + "' name a lost stage", target.id.value());
      }
    } else {
      return decide(deal, fact, request, at, history); // not guarded anyway
    }
    if (target == null) {
      if (fact instanceof Command.MoveTo || fact instanceof Command.Lose
          && ((Command.Lose) fact).stage().isPresent()) {
        StageId to = fact instanceof Command.MoveTo ? ((Command.MoveTo) fact).to()
            : ((Command.Lose) fact).stage().get();
        return noEdge(deal, fact, history, to); // the definition has no such stage
      }
      StageKind kind = fact instanceof Command.Win ? StageKind.WON
          : fact instanceof Command.Lose ? StageKind.LOST : StageKind.DORMANT;
      String what = kind.name().toLowerCase(java.util.Locale.ROOT);
      String[] candidates = definition.stagesOf(kind).stream().map(x -> x.id().value())
          .toArray(String[]::new);
      return candidates.length == 0
          ? reject(deal, fact, history, Violation.NO_TRANSITION, "pipeline '" + definition.id()
              + "' has no " + what + " stage", deal.stage().value())
          : reject(deal, fact, history, Violation.AMBIGUOUS_TARGET, "pipeline '"
              + definition.id() + "' has several " + what + " stages and none is the only one"
              + " reachable from '" + deal.stage() + "': " + String.join(", ", candidates)
              + "; import a move to one of them", candidates);
    }
    if (target == node) {
      return noEdge(deal, fact, history, target.id); // already in the stage
    }
    return Decision.of(importedEvent(deal, node, target, request, at, lostReason));
  }

  /**
   * The stage of a kind an import goes to: the one reachable from the node if unique, else the
   * definition's only stage of that kind, else null.
   */
  private Plan.@Nullable Node onlyOfKind(Plan.Node node, StageKind kind) {
    if (node.exitCounts[kind.ordinal()] == 1) {
      return node.exits[kind.ordinal()].target;
    }
    List<dev.pipelinesdk.core.Stage> all = definition.stagesOf(kind);
    return all.size() == 1 ? plan.node(all.get(0).id()) : null;
  }

  /** The event of an imported stage change, chosen by the stages' kinds. */
  private static DealEvent importedEvent(Deal deal, Plan.Node from, Plan.Node to,
      Request request, Instant at, @Nullable String lostReason) {
    String actor = request.actor();
    switch (to.stage.kind()) {
      case WON:
        return new DealEvent.Won(deal.id(), at, actor, from.id, to.id);
      case LOST:
        return new DealEvent.Lost(deal.id(), at, actor, from.id, to.id,
            lostReason != null ? Optional.of(lostReason) : request.reason());
      case DORMANT:
        return new DealEvent.WentDormant(deal.id(), at, actor, from.id, to.id);
      case OPEN:
      default:
        return from.stage.kind() == StageKind.OPEN
            ? new DealEvent.Moved(deal.id(), at, actor, from.id, to.id)
            : new DealEvent.Reopened(deal.id(), at, actor, from.id, to.id);
    }
  }

  /** The one path of a single command; {@code history} is null for a bare deal. */
  private Outcome run(
      Deal deal, Command command, Request request, @Nullable DealHistory history) {
    Objects.requireNonNull(command, "command is null");
    Objects.requireNonNull(request, "request is null");
    Outcome outcome = outcome(deal, decide(deal, command, request, instant(request), history),
        history);
    if (listenerArray.length != 0 && outcome instanceof Outcome.Accepted
        && !outcome.events().isEmpty()) {
      notifyListeners((Outcome.Accepted) outcome, request);
    }
    return outcome;
  }

  /**
   * The outcome of one decision: its rejection, the unchanged deal, or the deal after its event
   * (and the history with it appended, without a second fold, when there is one).
   */
  private static Outcome outcome(Deal deal, Decision decided, @Nullable DealHistory history) {
    if (decided.rejection != null) {
      return decided.rejection;
    }
    DealEvent event = decided.event;
    if (event == null) {
      return new Outcome.Accepted(deal, deal, List.of(), history);
    }
    Deal next = deal.apply(event);
    List<DealEvent> events = List.of(event);
    return new Outcome.Accepted(deal, next, events,
        history == null ? null : HISTORY.append(history, events, next));
  }

  /** The request's instant, else the clock's. */
  private Instant instant(Request request) {
    Optional<Instant> at = request.at();
    if (at.isPresent()) {
      return at.get();
    }
    Instant now = clock.instant();
    if (now == null) {
      throw new NullPointerException("clock " + clock + " returned null instead of an instant");
    }
    return now;
  }

  /** One command's decision without building an outcome. */
  private Decision decide(Deal deal, Command command, Request request, Instant at,
      @Nullable DealHistory history) {
    Plan.Node node = plan.node(deal.stage());
    if (node == null) {
      return reject(deal, command, history, Violation.UNKNOWN_STAGE, "deal '" + deal.id()
          + "' is in stage '" + deal.stage() + "', which pipeline '" + definition.id()
          + "' does not have", deal.stage().value());
    }
    if (at.isBefore(deal.updatedAt())) {
      return reject(deal, command, history, Violation.CLOCK_BEHIND, "the clock says " + at
          + " but deal '" + deal.id() + "' changed last at " + deal.updatedAt(), at.toString());
    }
    if (command instanceof Command.MoveTo) {
      StageId to = ((Command.MoveTo) command).to();
      Plan.Edge edge = node.edgeTo(to);
      return edge == null ? noEdge(deal, command, history, to)
          : take(deal, command, edge, request, at, history, null);
    }
    if (command instanceof Command.Win) {
      return closeTo(deal, node, command, StageKind.WON, request, at, history, null);
    }
    if (command instanceof Command.Lose) {
      Command.Lose lose = (Command.Lose) command;
      if (lose.stage().isEmpty()) {
        return closeTo(deal, node, command, StageKind.LOST, request, at, history, lose.reason());
      }
      StageId to = lose.stage().get();
      Plan.Edge edge = node.edgeTo(to);
      if (edge == null) {
        return noEdge(deal, command, history, to);
      }
      if (edge.target.stage.kind() != StageKind.LOST) {
        return reject(deal, command, history, Violation.INVALID_VALUE, "stage '" + to
            + "' is not a lost stage (its kind is "
            + edge.target.stage.kind().name().toLowerCase(java.util.Locale.ROOT)
            + "); to lose deal '" + deal.id() + "' name a lost stage", to.value());
      }
      return take(deal, command, edge, request, at, history, lose.reason());
    }
    if (command instanceof Command.GoDormant) {
      return closeTo(deal, node, command, StageKind.DORMANT, request, at, history, null);
    }
    String actor = request.actor();
    if (command instanceof Command.RecordTouch) {
      return Decision.of(new DealEvent.TouchRecorded(deal.id(), at, actor,
          ((Command.RecordTouch) command).touch()));
    }
    if (command instanceof Command.SetAttribute) {
      Command.SetAttribute set = (Command.SetAttribute) command;
      String p = Checks.idProblem("attribute name", set.name());
      if (p != null) {
        return reject(deal, command, history, Violation.INVALID_VALUE, p, set.name());
      }
      Optional<AttributeValue> previous = deal.attribute(set.name());
      return previous.equals(set.value()) ? Decision.UNCHANGED
          : Decision.of(new DealEvent.AttributeChanged(deal.id(), at, actor, set.name(),
              previous, set.value()));
    }
    if (command instanceof Command.ChangeAmount) {
      Optional<Money> amount = ((Command.ChangeAmount) command).amount();
      if (amount.isPresent()) {
        String p = currencyProblem(amount.get(), deal.amount());
        if (p != null) {
          return reject(deal, command, history, Violation.CURRENCY_MISMATCH, p,
              amount.get().currency().getCurrencyCode());
        }
      }
      return amount.equals(deal.amount()) ? Decision.UNCHANGED
          : Decision.of(new DealEvent.AmountChanged(deal.id(), at, actor, deal.amount(), amount));
    }
    if (command instanceof Command.ChangeOwner) {
      Optional<String> owner = ((Command.ChangeOwner) command).owner();
      if (owner.isPresent()) {
        String p = Checks.idProblem("owner", owner.get());
        if (p != null) {
          return reject(deal, command, history, Violation.INVALID_VALUE, p, owner.get());
        }
      }
      return owner.equals(deal.owner()) ? Decision.UNCHANGED
          : Decision.of(new DealEvent.OwnerChanged(deal.id(), at, actor, deal.owner(), owner));
    }
    if (command instanceof Command.ChangeCloseDate) {
      Optional<LocalDate> closeDate = ((Command.ChangeCloseDate) command).closeDate();
      return closeDate.equals(deal.closeDate()) ? Decision.UNCHANGED
          : Decision.of(new DealEvent.CloseDateChanged(deal.id(), at, actor, deal.closeDate(),
              closeDate));
    }
    if (command instanceof Command.OverrideProbability) {
      OptionalDouble p = ((Command.OverrideProbability) command).probability();
      if (p.isPresent()) {
        String problem = Checks.probabilityProblem("manual probability", p.getAsDouble());
        if (problem != null) {
          return reject(deal, command, history, Violation.INVALID_VALUE, problem,
              Double.toString(p.getAsDouble()));
        }
      }
      return p.equals(deal.manualProbability()) ? Decision.UNCHANGED
          : Decision.of(new DealEvent.ProbabilityOverridden(deal.id(), at, actor,
              deal.manualProbability(), p));
    }
    if (command instanceof Command.Snooze) {
      return snooze(deal, (Command.Snooze) command, node, actor, at, history);
    }
    if (command instanceof Command.EnrolCadence) {
      return cadence(deal, command, ((Command.EnrolCadence) command).cadence(), actor, at,
          history, null);
    }
    if (command instanceof Command.StopCadence) {
      Command.StopCadence stop = (Command.StopCadence) command;
      return cadence(deal, command, stop.cadence(), actor, at, history, stop.reason());
    }
    if (command instanceof Command.Link) {
      return link(deal, (Command.Link) command, actor, at, history);
    }
    throw new AssertionError("unhandled command " + command);
  }

  /** A snooze: until a date after the change's own (in the calendar's zone), of an open deal. */
  private Decision snooze(Deal deal, Command.Snooze snooze, Plan.Node node, String actor,
      Instant at, @Nullable DealHistory history) {
    if (node.stage.isTerminal()) {
      return reject(deal, snooze, history, Violation.INVALID_VALUE, "deal '" + deal.id()
          + "' is " + node.stage.kind().name().toLowerCase(java.util.Locale.ROOT) + " (stage '"
          + deal.stage() + "'); a closed deal has nothing to snooze", deal.stage().value());
    }
    LocalDate today = definition.calendar().date(at);
    if (!snooze.until().isAfter(today)) {
      java.time.ZoneId zone = definition.calendar().zone();
      String zoneText = zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
      return reject(deal, snooze, history, Violation.INVALID_VALUE, "snooze of deal '"
          + deal.id() + "' until " + snooze.until() + " is not after the day of the change, "
          + today + " (" + zoneText + ")", snooze.until().toString());
    }
    return Decision.of(new DealEvent.Snoozed(deal.id(), at, actor, snooze.until(),
        snooze.reason()));
  }

  /**
   * A manual enrolment ({@code stopReason} null) or stop: the definition has the cadence and the
   * deal is in its stage; given the history, the enrolment must be able to start (or be active).
   */
  private Decision cadence(Deal deal, Command command, String id, String actor, Instant at,
      @Nullable DealHistory history, @Nullable String stopReason) {
    Cadence cadence = null;
    List<String> known = new ArrayList<>();
    for (AutomationRule r : definition.automationRules()) {
      if (r instanceof Cadence) {
        known.add(r.id());
        if (r.id().equals(id)) {
          cadence = (Cadence) r;
        }
      }
    }
    String what = stopReason == null ? "enrol" : "stop the cadence of";
    if (cadence == null) {
      return reject(deal, command, history, Violation.INVALID_VALUE, "pipeline '"
          + definition.id() + "' has no cadence '" + id + "'; "
          + (known.isEmpty() ? "it has none" : "its cadences: " + String.join(", ", known)), id);
    }
    if (!cadence.stage().equals(deal.stage())) {
      return reject(deal, command, history, Violation.INVALID_VALUE, "cannot " + what
          + " deal '" + deal.id() + "': cadence '" + id + "' is for stage '" + cadence.stage()
          + "' and the deal is in '" + deal.stage() + "'", id, deal.stage().value());
    }
    if (history != null) {
      String problem = cadenceProblem(deal, cadence, history, at, stopReason == null);
      if (problem != null) {
        return reject(deal, command, history, Violation.INVALID_VALUE, problem, id);
      }
    }
    return Decision.of(stopReason == null
        ? new DealEvent.CadenceEnrolled(deal.id(), at, actor, id)
        : new DealEvent.CadenceStopped(deal.id(), at, actor, id, stopReason));
  }

  /** Why the history forbids the enrolment (or stop), or null: the agenda's own reading of it. */
  private @Nullable String cadenceProblem(Deal deal, Cadence cadence, DealHistory history,
      Instant at, boolean enrol) {
    List<CadenceEnrolment> enrolments = RuleContext.of(definition, history, at).cadences();
    CadenceEnrolment latest = null;
    for (CadenceEnrolment e : enrolments) {
      if (e.cadence().equals(cadence.id())) {
        latest = e;
      }
      if (enrol && e.isActive()) {
        boolean same = e.cadence().equals(cadence.id());
        Cadence other = same ? cadence : (Cadence) definition.automationRules().stream()
            .filter(r -> r.id().equals(e.cadence())).findFirst().orElseThrow();
        if (cadence.blockedBy(other)) {
          return "deal '" + deal.id() + "' is in cadence '" + e.cadence() + "' since "
              + definition.calendar().date(e.enrolledAt()) + " (" + e.stepsDone() + " of "
              + other.steps().size() + " steps done); " + (same ? "stop it first to start it"
                  + " again" : "a deal is in one cadence at a time unless one is declared"
                  + " concurrent: stop '" + e.cadence() + "' first");
        }
      }
    }
    if (enrol) {
      return null;
    }
    if (latest == null) {
      return "deal '" + deal.id() + "' is not in cadence '" + cadence.id() + "': it was not"
          + " enrolled since it entered '" + deal.stage() + "' on "
          + definition.calendar().date(deal.stageEnteredAt());
    }
    return latest.end().map(end -> "deal '" + deal.id() + "' is not in cadence '"
        + cadence.id() + "' any more: " + end.reason().words() + " on "
        + definition.calendar().date(end.at()) + " (" + end.detail() + ")").orElse(null);
  }

  /** A link: to another deal than this one; nothing if the history already has it. */
  private Decision link(Deal deal, Command.Link command, String actor, Instant at,
      @Nullable DealHistory history) {
    DealLink link = command.link();
    if (link.deal().equals(deal.id()) && link.pipeline().equals(definition.id())) {
      return reject(deal, command, history, Violation.INVALID_VALUE, "deal '" + deal.id()
          + "' cannot be linked to itself", link.toString());
    }
    if (history != null && history.links().contains(link)) {
      return Decision.UNCHANGED;
    }
    return Decision.of(new DealEvent.Linked(deal.id(), at, actor, link));
  }

  private Decision closeTo(Deal deal, Plan.Node node, Command command, StageKind kind,
      Request request, Instant at, @Nullable DealHistory history, @Nullable String lostReason) {
    int count = node.exitCounts[kind.ordinal()];
    if (count == 1) {
      return take(deal, command, node.exits[kind.ordinal()], request, at, history, lostReason);
    }
    String what = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (count == 0) {
      return reject(deal, command, history, Violation.NO_TRANSITION, "no " + what
          + " stage can be reached from '" + deal.stage() + "' in pipeline '" + definition.id()
          + "'", deal.stage().value());
    }
    String[] targets = Arrays.stream(node.out).filter(e -> e.target.stage.kind() == kind)
        .map(e -> e.to.value()).toArray(String[]::new);
    return reject(deal, command, history, Violation.AMBIGUOUS_TARGET, "several " + what
        + " stages can be reached from '" + deal.stage() + "': " + String.join(", ", targets)
        + "; move to one of them", targets);
  }

  /** Why a move to a stage has no declared edge from the deal's stage: the rejection. */
  private Decision noEdge(Deal deal, Command command, @Nullable DealHistory history, StageId to) {
    if (definition.stage(to).isEmpty()) {
      return reject(deal, command, history, Violation.UNKNOWN_STAGE, "pipeline '"
          + definition.id() + "' has no stage '" + to + "'; known stages: "
          + definition.stages().stream().map(s -> s.id().value())
              .collect(Collectors.joining(", ")), to.value());
    }
    if (to.equals(deal.stage())) {
      return reject(deal, command, history, Violation.ALREADY_IN_STAGE, "deal '" + deal.id()
          + "' is already in '" + to + "'", to.value());
    }
    return reject(deal, command, history, Violation.NO_TRANSITION, "pipeline '" + definition.id()
        + "' has no transition from '" + deal.stage() + "' to '" + to + "'; from '"
        + deal.stage() + "' a deal may go to " + definition.transitionsFrom(deal.stage())
            .stream().map(t -> t.to().value()).collect(Collectors.joining(", ", "[", "]")),
        deal.stage().value(), to.value());
  }

  /** Checks the edge's guards (every one, all violations kept) and takes it if they pass. */
  private Decision take(Deal deal, Command command, Plan.Edge edge, Request request,
      Instant at, @Nullable DealHistory history, @Nullable String lostReason) {
    Guard[] guards = edge.guards;
    if (guards.length != 0) {
      GuardContext context = new GuardContext(definition, deal, edge.transition, request, at,
          Optional.ofNullable(history));
      List<Violation> violations = null;
      for (Guard g : guards) {
        Verdict verdict = Guards.evaluate(g, context);
        if (!verdict.passed()) {
          if (violations == null) {
            violations = new ArrayList<>();
          }
          violations.addAll(verdict.violations());
        }
      }
      if (violations != null) {
        return Decision.rejected(new Outcome.Rejected(deal, command, violations, history));
      }
    }
    return Decision.of(stageEvent(deal, edge, request, at, lostReason));
  }

  /**
   * The event of a transition. Its stage ids are the definition's own instances (the edge's), so
   * the next lookup of the deal's stage finds its node by identity. A loss records the command's
   * reason, else the request's, else none.
   */
  private static DealEvent stageEvent(
      Deal deal, Plan.Edge edge, Request request, Instant at, @Nullable String lostReason) {
    String actor = request.actor();
    StageId from = edge.source.id;
    StageId to = edge.target.id;
    switch (edge.transition.kind()) {
      case WIN:
        return new DealEvent.Won(deal.id(), at, actor, from, to);
      case LOSE:
        return new DealEvent.Lost(deal.id(), at, actor, from, to,
            lostReason != null ? Optional.of(lostReason) : request.reason());
      case DORMANCY:
        return new DealEvent.WentDormant(deal.id(), at, actor, from, to);
      case REVIVAL:
      case REOPEN:
        return new DealEvent.Reopened(deal.id(), at, actor, from, to);
      case ADVANCE:
      case BACKWARD:
      default:
        return new DealEvent.Moved(deal.id(), at, actor, from, to);
    }
  }

  private @Nullable String currencyProblem(
      Money amount, Optional<Money> current) {
    if (definition.currency().isPresent()
        && !definition.currency().get().equals(amount.currency())) {
      return "amount " + amount + " is not in the currency of pipeline '" + definition.id()
          + "' (" + definition.currency().get() + "); convert it first";
    }
    if (current.isPresent() && !current.get().currency().equals(amount.currency())) {
      return "amount " + amount + " is in another currency than the deal's " + current.get()
          + "; the SDK never mixes currencies silently: convert it first";
    }
    return null;
  }

  private static final Command WIN = new Command.Win();
  private static final Command GO_DORMANT = new Command.GoDormant();

  private static Decision reject(Deal deal, Command command, @Nullable DealHistory history,
      String code, String message, String... subjects) {
    return Decision.rejected(new Outcome.Rejected(deal, command,
        List.of(new Violation(Violation.ENGINE, code, message, List.of(subjects))), history));
  }

  /**
   * Tells every listener, in order; a listener's failure (any throwable the {@link Throwables}
   * policy does not rethrow) is logged and the next listener runs.
   */
  private void notifyListeners(Outcome.Accepted outcome, Request request) {
    for (PipelineListener listener : listenerArray) {
      try {
        listener.onAccepted(outcome, request);
      } catch (Throwable t) {
        Throwables.absorb(t);
        LOG.warn("pipeline listener {} failed for deal '{}' with {}; the change stands",
            listener, outcome.deal().id(), Throwables.describe(t), t);
      }
    }
  }

  @Override
  public String toString() {
    return "Pipeline[" + definition.id() + ", " + listeners.size() + " listeners, clock=" + clock
        + "]";
  }

  /** Builds a {@link Pipeline}. Not thread-safe; the pipeline it builds is. */
  public static final class Builder {
    private final PipelineDefinition definition;
    private final List<PipelineListener> listeners = new ArrayList<>();
    private InstantSource clock = InstantSource.system();

    private Builder(PipelineDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition is null");
    }

    /**
     * Sets the clock the instant of a change comes from when its request names none.
     *
     * @param clock the clock; tests pass a manual one
     * @return this builder
     * @throws NullPointerException if the clock is null
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock is null");
      return this;
    }

    /**
     * Adds a listener, notified after the ones added before it. See {@link PipelineListener} for
     * what happens when it throws.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if the listener is null
     */
    public Builder listener(PipelineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener is null"));
      return this;
    }

    /**
     * Adds every {@link PipelineListener} service found by {@link ServiceLoader} (module path or
     * {@code META-INF/services}), in the loader's order.
     *
     * @return this builder
     * @throws java.util.ServiceConfigurationError if a provider cannot be loaded
     */
    public Builder loadListeners() {
      ServiceLoader.load(PipelineListener.class).forEach(listeners::add);
      return this;
    }

    /** {@return the pipeline} */
    public Pipeline build() {
      return new Pipeline(definition, new Plan(definition), listeners, clock);
    }
  }
}
