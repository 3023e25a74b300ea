package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardContext;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.internal.Checks;
import java.time.Instant;
import java.time.InstantSource;
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
 * nothing and is a value, not an exception. A guard that throws becomes a violation with code
 * {@value Violation#GUARD_ERROR}.
 *
 * <p>Time comes only from the injected {@link InstantSource}. The pipeline holds no per-deal
 * state: one instance is safe to share among any number of threads.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.of(definition, InstantSource.system());
 * Deal deal = pipeline.create(NewDeal.builder().id("D-1").title("Acme").build(),
 *     Request.by("ana")).deal();
 * Outcome outcome = pipeline.move(deal, StageId.of("qualification"), Request.by("ana"));
 * if (!outcome.isAccepted()) {
 *   outcome.violations().forEach(v -> System.out.println(v.message()));
 * }
 * }</pre>
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** The lost reason recorded when a deal is moved into a lost stage without one: {@value}. */
  public static final String NO_REASON = "no reason given";

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
   * @param clock where the instant of every change comes from
   * @return the pipeline
   */
  public static Pipeline of(PipelineDefinition definition, InstantSource clock) {
    return builder(definition).clock(clock).build();
  }

  /**
   * Starts a pipeline.
   *
   * @param definition the stage graph
   * @return a builder; the clock defaults to {@link InstantSource#system()}
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
   * Returns this pipeline with another clock (for imports, simulations and tests).
   *
   * @param clock the new clock
   * @return a pipeline with the same definition and listeners
   */
  public Pipeline withClock(InstantSource clock) {
    return new Pipeline(definition, plan, listeners,
        Objects.requireNonNull(clock, "clock is null"));
  }

  /**
   * Creates a deal in an entry stage (the first entry stage unless the new deal names one).
   *
   * @param newDeal what is known about the deal
   * @param request who creates it
   * @return the accepted outcome with the deal and its {@link DealEvent.Created} event
   * @throws IllegalArgumentException naming the value if the stage is unknown or not an entry
   *     stage, the amount's currency differs from the definition's, or the deal is invalid (such
   *     as a manual probability outside [0, 1])
   */
  public Outcome.Accepted create(NewDeal newDeal, Request request) {
    Objects.requireNonNull(newDeal, "new deal is null");
    Objects.requireNonNull(request, "request is null");
    Plan.Node node = newDeal.stage().isPresent() ? plan.node(newDeal.stage().get())
        : plan.defaultEntry;
    if (node == null) {
      definition.requireStage(newDeal.stage().get()); // throws, naming the known stages
    }
    StageId stage = node.id;
    if (!node.entry) {
      throw new IllegalArgumentException("deal '" + newDeal.id() + "' cannot start in stage '"
          + stage + "'; entry stages of pipeline '" + definition.id() + "': "
          + definition.entryStages());
    }
    Optional<Money> amount = newDeal.amount();
    if (amount.isPresent()) {
      String p = currencyProblem(amount.get(), Optional.empty());
      if (p != null) {
        throw new IllegalArgumentException("deal '" + newDeal.id() + "': " + p);
      }
    }
    Instant now = clock.instant();
    Deal deal = Deal.created(newDeal, stage, now);
    Outcome.Accepted accepted = new Outcome.Accepted(null, deal,
        new DealEvent.Created(deal.id(), now, request.actor(), deal));
    notifyListeners(accepted, request);
    return accepted;
  }

  /**
   * Applies a command to a deal: the one path every change takes.
   *
   * @param deal the deal as it is now
   * @param command the change requested
   * @param request who asks, with roles and reason
   * @return accepted (new deal and events) or rejected (every reason, deal unchanged)
   */
  public Outcome execute(Deal deal, Command command, Request request) {
    return run(deal, command, request, Optional.empty());
  }

  /**
   * Applies a command to the deal at the end of a history. Guards see the history in {@link
   * GuardContext#history()}. Append the outcome's events with {@link Outcome#appendTo}.
   *
   * @param history the deal's history
   * @param command the change requested
   * @param request who asks
   * @return accepted or rejected
   */
  public Outcome execute(DealHistory history, Command command, Request request) {
    Objects.requireNonNull(history, "history is null");
    return run(history.current(), command, request, Optional.of(history));
  }

  /**
   * Applies several commands to a deal as one change: all of them or none. Each command sees the
   * deal as the ones before it left it, every event gets the same instant (one clock read), and
   * listeners hear of the change once, with every event. The first rejected command rejects the
   * whole batch: the outcome is that command's rejection, and the deal is returned as it was
   * before the batch.
   *
   * <pre>{@code
   * List<Command> close = List.of(new Command.MoveTo(decision), new Command.Win());
   * Outcome outcome = pipeline.executeAll(deal, close, Request.by("ana"));
   * }</pre>
   *
   * <p>For changes that belong together (an import's steps, "move to decision and set the
   * amount"): nothing is half-applied. It allocates a little less than one {@link #execute} per
   * command (one outcome, not one per step) and is about as fast: each step still makes its
   * event and its deal.
   *
   * @param deal the deal as it is now
   * @param commands the changes, in order; an empty list changes nothing
   * @param request who asks, for every command
   * @return accepted with the deal after the last command and all events in order, or the first
   *     rejection with the deal unchanged
   */
  public Outcome executeAll(Deal deal, List<? extends Command> commands, Request request) {
    return runAll(deal, commands, request, null);
  }

  /**
   * Applies several commands to the deal at the end of a history, all or none, as {@link
   * #executeAll(Deal, List, Request)}. Guards of each command see the history with the batch's
   * earlier events appended.
   *
   * @param history the deal's history
   * @param commands the changes, in order
   * @param request who asks
   * @return accepted or the first rejection
   */
  public Outcome executeAll(DealHistory history, List<? extends Command> commands,
      Request request) {
    Objects.requireNonNull(history, "history is null");
    return runAll(history.current(), commands, request, history);
  }

  private Outcome runAll(Deal deal, List<? extends Command> commands, Request request,
      @Nullable DealHistory history) {
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(commands, "commands is null");
    Objects.requireNonNull(request, "request is null");
    for (Command command : commands) {
      Objects.requireNonNull(command, "command is null");
    }
    Instant at = clock.instant();
    Deal current = deal;
    DealEvent[] events = new DealEvent[commands.size()];
    int n = 0;
    for (Command command : commands) {
      Optional<DealHistory> seen = history == null ? Optional.empty()
          : Optional.of(history.append(Arrays.asList(events).subList(0, n)));
      Object step = decide(current, command, request, at, seen);
      if (step instanceof Outcome.Rejected) {
        return n == 0 ? (Outcome.Rejected) step
            : new Outcome.Rejected(deal, command, ((Outcome.Rejected) step).violations());
      }
      if (step != UNCHANGED) {
        DealEvent event = (DealEvent) step;
        current = current.apply(event);
        if (n == events.length) {
          events = Arrays.copyOf(events, n * 2 + 1);
        }
        events[n++] = event;
      }
    }
    Outcome.Accepted all = new Outcome.Accepted(deal, current, events, n);
    if (n != 0 && listenerArray.length != 0) {
      notifyListeners(all, request);
    }
    return all;
  }

  /**
   * Moves a deal to a stage.
   *
   * @param deal the deal
   * @param to the target stage
   * @param request who asks
   * @return the outcome
   */
  public Outcome move(Deal deal, StageId to, Request request) {
    // execute(deal, new MoveTo(to), request) without the command: it is built only if the move
    // is refused (a rejection names its command)
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(to, "to is null");
    Objects.requireNonNull(request, "request is null");
    Instant at = clock.instant();
    Plan.Node node = plan.node(deal.stage());
    Object decided = node == null || at.isBefore(deal.updatedAt())
        ? decide(deal, new Command.MoveTo(to), request, at, Optional.empty())
        : moveTo(deal, node, to, null, request, at, Optional.empty());
    return outcome(deal, decided, request);
  }

  /**
   * Moves a deal to a stage given by id text.
   *
   * @param deal the deal
   * @param to the target stage id
   * @param request who asks
   * @return the outcome
   */
  public Outcome move(Deal deal, String to, Request request) {
    return move(deal, StageId.of(to), request);
  }

  /**
   * Wins a deal: moves it to the won stage its current stage leads to.
   *
   * @param deal the deal
   * @param request who asks
   * @return the outcome
   */
  public Outcome win(Deal deal, Request request) {
    return execute(deal, WIN, request);
  }

  /**
   * Loses a deal: moves it to the lost stage its current stage leads to.
   *
   * @param deal the deal
   * @param reason why it was lost
   * @param request who asks
   * @return the outcome
   */
  public Outcome lose(Deal deal, String reason, Request request) {
    return execute(deal, new Command.Lose(reason), request);
  }

  /**
   * Marks a deal as gone dark: moves it to the dormant stage its current stage leads to.
   *
   * @param deal the deal
   * @param request who asks
   * @return the outcome
   */
  public Outcome goDormant(Deal deal, Request request) {
    return execute(deal, GO_DORMANT, request);
  }

  /**
   * Reopens a won or lost deal, or revives a dormant one, into an open stage. The same as {@link
   * #move(Deal, StageId, Request)}; the transition must be declared.
   *
   * @param deal the deal
   * @param to the open stage
   * @param request who asks
   * @return the outcome
   */
  public Outcome reopen(Deal deal, StageId to, Request request) {
    return move(deal, to, request);
  }

  /**
   * Records a touch.
   *
   * @param deal the deal
   * @param touch the touch
   * @param request who asks
   * @return the outcome
   */
  public Outcome recordTouch(Deal deal, Touch touch, Request request) {
    return execute(deal, new Command.RecordTouch(touch), request);
  }

  /**
   * Sets a custom attribute.
   *
   * @param deal the deal
   * @param name the attribute name
   * @param value the value
   * @param request who asks
   * @return the outcome
   */
  public Outcome setAttribute(Deal deal, String name, AttributeValue value, Request request) {
    return execute(deal, new Command.SetAttribute(name, Optional.of(value)), request);
  }

  /**
   * Removes a custom attribute.
   *
   * @param deal the deal
   * @param name the attribute name
   * @param request who asks
   * @return the outcome
   */
  public Outcome removeAttribute(Deal deal, String name, Request request) {
    return execute(deal, new Command.SetAttribute(name, Optional.empty()), request);
  }

  /**
   * Sets the amount.
   *
   * @param deal the deal
   * @param amount the new amount, in the deal's currency
   * @param request who asks
   * @return the outcome
   */
  public Outcome changeAmount(Deal deal, Money amount, Request request) {
    return execute(deal, new Command.ChangeAmount(Optional.of(amount)), request);
  }

  /**
   * Sets the owner.
   *
   * @param deal the deal
   * @param owner the new owner
   * @param request who asks
   * @return the outcome
   */
  public Outcome changeOwner(Deal deal, String owner, Request request) {
    return execute(deal, new Command.ChangeOwner(Optional.of(owner)), request);
  }

  /**
   * Sets the manual probability override.
   *
   * @param deal the deal
   * @param probability the override, in [0, 1]
   * @param request who asks
   * @return the outcome; rejected with code {@value Violation#INVALID_VALUE} for NaN or a value
   *     outside [0, 1]
   */
  public Outcome overrideProbability(Deal deal, double probability, Request request) {
    return execute(deal, new Command.OverrideProbability(OptionalDouble.of(probability)), request);
  }

  private Outcome run(Deal deal, Command command, Request request, Optional<DealHistory> history) {
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(command, "command is null");
    Objects.requireNonNull(request, "request is null");
    Instant at = clock.instant();
    return outcome(deal, decide(deal, command, request, at, history), request);
  }

  /** The outcome of what {@link #decide} returned; listeners are told of an accepted change. */
  private Outcome outcome(Deal deal, Object decided, Request request) {
    Outcome outcome = decided instanceof Outcome.Rejected ? (Outcome.Rejected) decided
        : decided == UNCHANGED ? unchanged(deal) : accept(deal, (DealEvent) decided);
    if (listenerArray.length != 0 && outcome instanceof Outcome.Accepted
        && !outcome.events().isEmpty()) {
      notifyListeners((Outcome.Accepted) outcome, request);
    }
    return outcome;
  }

  /**
   * One command's decision without building an outcome, so a batch pays for one outcome, not one
   * per command: the {@link DealEvent} the command makes, {@link #UNCHANGED} if it changes
   * nothing, or an {@link Outcome.Rejected}.
   */
  private Object decide(
      Deal deal, Command command, Request request, Instant at, Optional<DealHistory> history) {
    Plan.Node node = plan.node(deal.stage());
    if (node == null) {
      return reject(deal, command, Violation.UNKNOWN_STAGE, "deal '" + deal.id() + "' is in stage '"
          + deal.stage() + "', which pipeline '" + definition.id() + "' does not have",
          deal.stage().value());
    }
    if (at.isBefore(deal.updatedAt())) {
      return reject(deal, command, Violation.CLOCK_BEHIND, "the clock says " + at
          + " but deal '" + deal.id() + "' changed last at " + deal.updatedAt(), at.toString());
    }
    if (command instanceof Command.MoveTo) {
      return moveTo(deal, node, ((Command.MoveTo) command).to(), command, request, at, history);
    }
    if (command instanceof Command.Win) {
      return closeTo(deal, node, command, StageKind.WON, request, at, history, null);
    }
    if (command instanceof Command.Lose) {
      return closeTo(deal, node, command, StageKind.LOST, request, at, history,
          ((Command.Lose) command).reason());
    }
    if (command instanceof Command.GoDormant) {
      return closeTo(deal, node, command, StageKind.DORMANT, request, at, history, null);
    }
    String actor = request.actor();
    if (command instanceof Command.RecordTouch) {
      return (new DealEvent.TouchRecorded(deal.id(), at, actor,
          ((Command.RecordTouch) command).touch()));
    }
    if (command instanceof Command.SetAttribute) {
      Command.SetAttribute set = (Command.SetAttribute) command;
      String p = Checks.idProblem("attribute name", set.name());
      if (p != null) {
        return reject(deal, command, Violation.INVALID_VALUE, p, set.name());
      }
      Optional<AttributeValue> previous = deal.attribute(set.name());
      return previous.equals(set.value()) ? UNCHANGED
          : (new DealEvent.AttributeChanged(deal.id(), at, actor, set.name(), previous,
              set.value()));
    }
    if (command instanceof Command.ChangeAmount) {
      Optional<Money> amount = ((Command.ChangeAmount) command).amount();
      if (amount.isPresent()) {
        String p = currencyProblem(amount.get(), deal.amount());
        if (p != null) {
          return reject(deal, command, Violation.CURRENCY_MISMATCH, p,
              amount.get().currency().getCurrencyCode());
        }
      }
      return amount.equals(deal.amount()) ? UNCHANGED
          : (new DealEvent.AmountChanged(deal.id(), at, actor, deal.amount(), amount));
    }
    if (command instanceof Command.ChangeOwner) {
      Optional<String> owner = ((Command.ChangeOwner) command).owner();
      if (owner.isPresent()) {
        String p = Checks.idProblem("owner", owner.get());
        if (p != null) {
          return reject(deal, command, Violation.INVALID_VALUE, p, owner.get());
        }
      }
      return owner.equals(deal.owner()) ? UNCHANGED
          : (new DealEvent.OwnerChanged(deal.id(), at, actor, deal.owner(), owner));
    }
    if (command instanceof Command.OverrideProbability) {
      OptionalDouble p = ((Command.OverrideProbability) command).probability();
      if (p.isPresent()) {
        String problem = Checks.probabilityProblem("manual probability", p.getAsDouble());
        if (problem != null) {
          return reject(deal, command, Violation.INVALID_VALUE, problem,
              Double.toString(p.getAsDouble()));
        }
      }
      return p.equals(deal.manualProbability()) ? UNCHANGED
          : (new DealEvent.ProbabilityOverridden(deal.id(), at, actor,
              deal.manualProbability(), p));
    }
    throw new AssertionError("unhandled command " + command);
  }

  private Object closeTo(Deal deal, Plan.Node node, Command command, StageKind kind,
      Request request, Instant at, Optional<DealHistory> history, @Nullable String lostReason) {
    int count = node.exitCounts[kind.ordinal()];
    if (count == 1) {
      return take(deal, command, node.exits[kind.ordinal()], request, at, history, lostReason);
    }
    String what = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (count == 0) {
      return reject(deal, command, Violation.NO_TRANSITION, "no " + what
          + " stage can be reached from '" + deal.stage() + "' in pipeline '" + definition.id()
          + "'", deal.stage().value());
    }
    String[] targets = Arrays.stream(node.out).filter(e -> e.target.stage.kind() == kind)
        .map(e -> e.to.value()).toArray(String[]::new);
    return reject(deal, command, Violation.AMBIGUOUS_TARGET, "several " + what
        + " stages can be reached from '" + deal.stage() + "': " + String.join(", ", targets)
        + "; move to one of them", targets);
  }

  /** A move; {@code command} is null when the caller did not build one (see {@link #move}). */
  private Object moveTo(Deal deal, Plan.Node node, StageId to, @Nullable Command command,
      Request request, Instant at, Optional<DealHistory> history) {
    Plan.Edge edge = node.edgeTo(to);
    return edge == null
        ? noEdge(deal, command != null ? command : new Command.MoveTo(to), to)
        : take(deal, command, edge, request, at, history, null);
  }

  /** Why a move to a stage has no declared edge from the deal's stage: the rejection. */
  private Outcome noEdge(Deal deal, Command command, StageId to) {
    if (definition.stage(to).isEmpty()) {
      return reject(deal, command, Violation.UNKNOWN_STAGE, "pipeline '" + definition.id()
          + "' has no stage '" + to + "'; known stages: " + definition.stages().stream()
              .map(s -> s.id().value()).collect(Collectors.joining(", ")), to.value());
    }
    if (to.equals(deal.stage())) {
      return reject(deal, command, Violation.ALREADY_IN_STAGE, "deal '" + deal.id()
          + "' is already in '" + to + "'", to.value());
    }
    return reject(deal, command, Violation.NO_TRANSITION, "pipeline '" + definition.id()
        + "' has no transition from '" + deal.stage() + "' to '" + to + "'; from '"
        + deal.stage() + "' a deal may go to " + definition.transitionsFrom(deal.stage())
            .stream().map(t -> t.to().value()).collect(Collectors.joining(", ", "[", "]")),
        deal.stage().value(), to.value());
  }

  /** Checks the edge's guards (every one, all violations kept) and takes it if they pass. */
  private Object take(Deal deal, @Nullable Command command, Plan.Edge edge, Request request,
      Instant at, Optional<DealHistory> history, @Nullable String lostReason) {
    Guard[] guards = edge.guards;
    if (guards.length != 0) {
      GuardContext context =
          new GuardContext(definition, deal, edge.transition, request, at, history);
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
        return new Outcome.Rejected(deal,
            command != null ? command : new Command.MoveTo(edge.to), violations);
      }
    }
    return stageEvent(deal, edge, request, at, lostReason);
  }

  /**
   * The event of a transition. Its stage ids are the definition's own instances (the edge's), so
   * the next lookup of the deal's stage finds its node by identity.
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
            lostReason != null ? lostReason : request.reason().orElse(NO_REASON));
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

  /** What {@link #decide} returns for a command that changes nothing. */
  private static final Object UNCHANGED = new Object();

  private static Outcome accept(Deal deal, DealEvent event) {
    return new Outcome.Accepted(deal, deal.apply(event), event);
  }

  private static Outcome unchanged(Deal deal) {
    return new Outcome.Accepted(Optional.of(deal), deal, List.of());
  }

  private static Outcome reject(
      Deal deal, Command command, String code, String message, String... subjects) {
    return new Outcome.Rejected(deal, command,
        List.of(new Violation(Violation.ENGINE, code, message, List.of(subjects))));
  }

  private void notifyListeners(Outcome.Accepted outcome, Request request) {
    for (PipelineListener listener : listenerArray) {
      try {
        listener.onAccepted(outcome, request);
      } catch (RuntimeException e) {
        LOG.warn("pipeline listener {} failed for deal '{}'; the change stands", listener,
            outcome.deal().id(), e);
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
     * Sets the clock every change's instant comes from.
     *
     * @param clock the clock; tests pass a manual one
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock is null");
      return this;
    }

    /**
     * Adds a listener, notified after the ones added before it.
     *
     * @param listener the listener
     * @return this builder
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
