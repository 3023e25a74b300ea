package dev.pipelinesdk.testkit.contract;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.Due;
import dev.pipelinesdk.core.automation.RuleContext;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import dev.pipelinesdk.testkit.gen.Histories;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/**
 * The contract of an {@link AutomationRule} (the built-in idle rules, decision timeouts and
 * delay contacts, or a rule of your own such as a cadence), checked on a definition that
 * declares it, against generated deals in the rule's stage and instants around their events:
 *
 * <pre>{@code
 * AutomationRuleContracts.forRule(delayContact, definition)
 *     .withAttributes(AttributeSchema.empty().flag("documents_received"))
 *     .atMostPerVisit(3)                                       // the rule's cap
 *     .stopsOn(new Command.RecordTouch(Touch.outbound(Touch.Channel.CALL,
 *         Touch.Result.COMPLETED)))                             // what takes its item off
 *     .verify();
 * }</pre>
 *
 * <p>Inputs ({@link Case}): a history made by the real engine for a deal first seen in the
 * rule's stage ({@link Histories#startingIn}), which then moves on, back, out and in again, is
 * touched, changed and snoozed, and an instant anywhere from its creation to 60 days after an
 * event of it (so the history may go on after the instant). Properties (names are the
 * constants of this class):
 *
 * <ul>
 *   <li>{@value #TOTAL}: on a deal in its stage the rule never throws and never returns null,
 *       and the agenda applies it without failing;
 *   <li>{@value #WITHIN}: what the rule says is due fell due at or before the instant and not
 *       before the deal entered the stage; the agenda's item of the rule is due at or after the
 *       deal's last event and at or before the instant, one item at most;
 *   <li>{@value #DETERMINISTIC}: the same context, and a context made again from an equal copy
 *       of the history, give equal answers, and so does the agenda computed twice; nothing
 *       changes the history (recomputation is idempotent);
 *   <li>{@value #WALL_CLOCK}: evaluated again after the JVM's clock moved on, the answer is the
 *       same (a rule reads time only from {@link RuleContext#asOf()});
 *   <li>{@value #NO_LOOK_AHEAD}: the answer at the instant is the same for the history as it
 *       stood then, for the whole history, and for the history with one more touch after the
 *       instant (events after the instant change nothing);
 *   <li>{@value #STOPS}: once the deal leaves the stage by any declared move (to another stage,
 *       won or lost) the rule has nothing due at that instant or later; once a declared stop
 *       command ({@link #stopsOn}) is recorded at the instant, nothing at that instant;
 *   <li>{@value #CAPPED}, if declared ({@link #atMostPerVisit}): a deal that enters the stage
 *       and stays, on which each item is acted on ({@link #actedOnBy}, an outbound call by
 *       default) the moment it falls due, gets at most that many items in the visit.
 * </ul>
 *
 * <p>Generic over the rule interface: nothing here knows the built-in rule types, so a new kind
 * of rule is checked the same way. Immutable; every method returns a new configuration.
 */
public final class AutomationRuleContracts {
  /** Property: the rule never throws or returns null, and the agenda applies it. */
  public static final String TOTAL = "total";
  /** Property: due within the visit, never before the last event nor after the instant. */
  public static final String WITHIN = "due between the stage entry, the last event and the"
      + " instant";
  /** Property: the same input gives the same answer; recomputation changes nothing. */
  public static final String DETERMINISTIC = "deterministic and idempotent";
  /** Property: the answer does not depend on the wall clock. */
  public static final String WALL_CLOCK = "independent of the wall clock";
  /** Property: events after the instant change nothing. */
  public static final String NO_LOOK_AHEAD = "no look-ahead";
  /** Property: nothing is due once the deal left the stage or a declared stop was recorded. */
  public static final String STOPS = "stops on the declared events";
  /** Property: at most the declared number of items per visit of the stage. */
  public static final String CAPPED = "respects its cap per visit";
  /** The name of the contract: {@value}. */
  public static final String CONTRACT = "automation rule contract";

  /** How far ahead the cap is looked for after the last item was acted on: 10 years. */
  private static final Duration HORIZON = Duration.ofDays(3650);
  private static final String ACTOR = "contract";

  /**
   * One input: a deal's history and the instant the rule is asked at. The history may have
   * events after the instant.
   *
   * @param history the deal's history, made by the engine
   * @param asOf the instant
   */
  public record Case(DealHistory history, Instant asOf) {
    /**
     * Checks the values.
     *
     * @param history the history
     * @param asOf the instant
     * @throws NullPointerException naming the argument if one is null
     */
    public Case {
      Objects.requireNonNull(history, "history is null");
      Objects.requireNonNull(asOf, "asOf is null");
    }

    /** {@return the history, then the instant, as readable text} */
    @Override
    public String toString() {
      return Readable.history(history) + System.lineSeparator() + "asked at " + asOf;
    }
  }

  private final AutomationRule rule;
  private final PipelineDefinition definition;
  private final AttributeSchema attributes;
  private final List<Command> stops;
  private final Command actedOnBy;
  private final OptionalInt cap;
  private final int maxSteps;
  private final int examples;
  private final OptionalLong seed;
  private final int shrinkCycles;

  private AutomationRuleContracts(AutomationRule rule, PipelineDefinition definition,
      AttributeSchema attributes, List<Command> stops, Command actedOnBy, OptionalInt cap,
      int maxSteps, int examples, OptionalLong seed, int shrinkCycles) {
    this.rule = rule;
    this.definition = definition;
    this.attributes = attributes;
    this.stops = List.copyOf(stops);
    this.actedOnBy = actedOnBy;
    this.cap = cap;
    this.maxSteps = maxSteps;
    this.examples = examples;
    this.seed = seed;
    this.shrinkCycles = shrinkCycles;
  }

  /**
   * Starts configuring the contract check of a rule on a definition that declares it.
   *
   * @param rule the rule under test
   * @param definition a definition among whose rules ({@link Agenda#rules}) it is
   * @return the configuration, with defaults: {@link AttributeSchema#defaults()}, no declared
   *     stop commands, no cap, acted on by an outbound call, histories of up to 12 steps
   * @throws IllegalArgumentException naming the rule and the definition if the definition does
   *     not have the rule
   * @throws NullPointerException naming the argument if one is null
   */
  public static AutomationRuleContracts forRule(AutomationRule rule,
      PipelineDefinition definition) {
    Objects.requireNonNull(rule, "rule is null");
    Objects.requireNonNull(definition, "definition is null");
    List<AutomationRule> rules = Agenda.rules(definition);
    if (!rules.contains(rule)) {
      throw new IllegalArgumentException("rule '" + rule.id() + "' is not one of the rules of"
          + " definition '" + definition.id() + "' " + rules.stream().map(AutomationRule::id)
              .toList() + "; declare it with PipelineDefinition.Builder.rule(...)");
    }
    return new AutomationRuleContracts(rule, definition, AttributeSchema.defaults(), List.of(),
        new Command.RecordTouch(Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED)),
        OptionalInt.empty(), 12, RuleContract.DEFAULT_EXAMPLES, OptionalLong.empty(),
        RuleContract.DEFAULT_SHRINK_CYCLES);
  }

  /**
   * Adds attributes generated deals may carry and have set (to {@link
   * AttributeSchema#defaults()}): give the attributes your definition's guards ask for, so the
   * generated deals also move on.
   *
   * @param schema the attributes
   * @return the new configuration
   */
  public AutomationRuleContracts withAttributes(AttributeSchema schema) {
    return new AutomationRuleContracts(rule, definition, attributes.and(schema), stops, actedOnBy,
        cap, maxSteps, examples, seed, shrinkCycles);
  }

  /**
   * Declares commands that take the rule's item off when recorded (such as a touch for a rule
   * that waits for one, or an inbound reply for a cadence).
   *
   * @param first a stop command
   * @param more more of them
   * @return the new configuration
   * @throws NullPointerException if a command is null
   */
  public AutomationRuleContracts stopsOn(Command first, Command... more) {
    List<Command> all = new ArrayList<>(stops);
    all.add(Objects.requireNonNull(first, "stop command is null"));
    for (Command c : more) {
      all.add(Objects.requireNonNull(c, "stop command is null"));
    }
    return new AutomationRuleContracts(rule, definition, attributes, all, actedOnBy, cap,
        maxSteps, examples, seed, shrinkCycles);
  }

  /**
   * Declares the rule's cap: at most this many items per visit of its stage ({@value #CAPPED}).
   *
   * @param max at least 1
   * @return the new configuration
   * @throws IllegalArgumentException if {@code max} is below 1
   */
  public AutomationRuleContracts atMostPerVisit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a cap must be at least 1 item per visit, not " + max);
    }
    return new AutomationRuleContracts(rule, definition, attributes, stops, actedOnBy,
        OptionalInt.of(max), maxSteps, examples, seed, shrinkCycles);
  }

  /**
   * Sets how an item is acted on in the {@value #CAPPED} property (default: an outbound call,
   * completed).
   *
   * @param command the command recorded for each item
   * @return the new configuration
   * @throws NullPointerException if the command is null
   */
  public AutomationRuleContracts actedOnBy(Command command) {
    return new AutomationRuleContracts(rule, definition, attributes, stops,
        Objects.requireNonNull(command, "command is null"), cap, maxSteps, examples, seed,
        shrinkCycles);
  }

  /**
   * Sets the most commands after the deal's creation in a generated history.
   *
   * @param maxSteps not negative
   * @return the new configuration
   * @throws IllegalArgumentException if {@code maxSteps} is negative
   */
  public AutomationRuleContracts withMaxSteps(int maxSteps) {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must not be negative: " + maxSteps);
    }
    return new AutomationRuleContracts(rule, definition, attributes, stops, actedOnBy, cap,
        maxSteps, examples, seed, shrinkCycles);
  }

  /**
   * Sets the examples per property.
   *
   * @param examples at least 1
   * @return the new configuration
   * @throws IllegalArgumentException if {@code examples} is below 1
   */
  public AutomationRuleContracts withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new AutomationRuleContracts(rule, definition, attributes, stops, actedOnBy, cap,
        maxSteps, examples, seed, shrinkCycles);
  }

  /**
   * Fixes the seed (to reproduce a reported failure).
   *
   * @param seed the seed
   * @return the new configuration
   */
  public AutomationRuleContracts withSeed(long seed) {
    return new AutomationRuleContracts(rule, definition, attributes, stops, actedOnBy, cap,
        maxSteps, examples, OptionalLong.of(seed), shrinkCycles);
  }

  /**
   * Sets the shrinking effort.
   *
   * @param shrinkCycles attempts to shrink a counterexample, not negative
   * @return the new configuration
   */
  public AutomationRuleContracts withShrinkCycles(int shrinkCycles) {
    return new AutomationRuleContracts(rule, definition, attributes, stops, actedOnBy, cap,
        maxSteps, examples, seed, shrinkCycles);
  }

  /** {@return the rule under test} */
  public AutomationRule rule() {
    return rule;
  }

  /** {@return the names of the properties checked: the standard ones, and the cap if declared} */
  public List<String> properties() {
    List<String> names = new ArrayList<>(List.of(TOTAL, WITHIN, DETERMINISTIC, WALL_CLOCK,
        NO_LOOK_AHEAD, STOPS));
    if (cap.isPresent()) {
      names.add(CAPPED);
    }
    return List.copyOf(names);
  }

  /**
   * The inputs: histories of deals first seen in the rule's stage, each with an instant from its
   * creation to 60 days after one of its events (in 3 of 10 cases after the creation, when the
   * deal is most likely still in the stage).
   *
   * @return the generator
   */
  public Gen<Case> cases() {
    Gen<DealHistory> histories = Histories.forDefinition(definition).withAttributes(attributes)
        .startingIn(rule.stage()).withMaxSteps(maxSteps).histories();
    return histories.zip(integers().between(0, 999), integers().between(0, 60 * 24 * 60),
        (h, pick, minutes) -> {
          List<DealEvent> events = h.events();
          Instant base = pick < 300 ? events.get(0).at()
              : events.get(pick % events.size()).at();
          return new Case(h, base.plus(Duration.ofMinutes(minutes)));
        }).describedAs(Case::toString);
  }

  /** {@return the configured contract, for use with {@link RuleContract}'s own methods} */
  public RuleContract<AutomationRule, Case> contract() {
    RuleContract.Builder<AutomationRule, Case> b = RuleContract
        .<AutomationRule, Case>builder(CONTRACT, cases())
        .describeRule(AutomationRuleContracts::name)
        .examples(examples)
        .property(TOTAL, this::total)
        .property(WITHIN, this::within)
        .property(DETERMINISTIC, this::deterministic)
        .property(WALL_CLOCK, this::wallClock)
        .property(NO_LOOK_AHEAD, this::noLookAhead)
        .property(STOPS, this::stops);
    if (cap.isPresent()) {
      b.property(CAPPED, this::capped);
    }
    RuleContract<AutomationRule, Case> c = b.build().withShrinkCycles(shrinkCycles);
    return seed.isPresent() ? c.withSeed(seed.getAsLong()) : c;
  }

  /**
   * Checks every property.
   *
   * @throws ContractViolation if a property does not hold, showing the smallest counterexample
   */
  public void verify() {
    contract().check(rule);
  }

  /**
   * Checks some properties.
   *
   * @param properties the property names, such as {@link #TOTAL}
   * @throws ContractViolation if a property does not hold
   * @throws IllegalArgumentException if a name is not a property of the contract
   */
  public void verify(String... properties) {
    contract().check(rule, properties);
  }

  private static String name(AutomationRule rule) {
    try {
      return rule.id() + " (" + rule.description() + ")";
    } catch (RuntimeException e) {
      return rule.getClass().getName();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluating the rule

  /** What one evaluation gave: an answer (maybe null) or an exception. */
  private record Answer(@Nullable Optional<Due> due, @Nullable Throwable thrown) {
    boolean same(Answer other) {
      if (thrown != null || other.thrown != null) {
        return thrown != null && other.thrown != null
            && thrown.getClass().equals(other.thrown.getClass())
            && Objects.equals(thrown.getMessage(), other.thrown.getMessage());
      }
      return Objects.equals(due, other.due);
    }

    @Override
    public String toString() {
      if (thrown != null) {
        return "threw " + thrown;
      }
      return due == null ? "returned null" : due.map(d -> "due since " + d.since() + " ("
          + d.kind().words() + ": " + d.reason() + ")").orElse("nothing due");
    }
  }

  private static Answer ask(AutomationRule rule, RuleContext context) {
    try {
      return new Answer(rule.due(context), null);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      return new Answer(null, e);
    }
  }

  /** The context of the case if the deal is in the rule's stage at its instant, else empty. */
  private Optional<RuleContext> inStage(AutomationRule r, DealHistory h, Instant at) {
    RuleContext c = RuleContext.of(definition, h, at);
    return c.stage().id().equals(r.stage()) ? Optional.of(c) : Optional.empty();
  }

  /** The agenda's items of the rule for the one deal, or why the agenda failed. */
  private List<AgendaItem> items(AutomationRule r, DealHistory h, Instant at) {
    return Agenda.of(definition, List.of(h), at).items().stream()
        .filter(i -> i.rule().equals(r.id())).toList();
  }

  private static DealHistory cut(DealHistory h, Instant at) {
    List<DealEvent> known = h.events().stream().filter(e -> !e.at().isAfter(at)).toList();
    return known.size() == h.size() ? h : DealHistory.of(known);
  }

  private Outcome record(DealHistory h, Command command, Instant at) {
    Pipeline p = Pipeline.of(definition, InstantSource.fixed(at));
    return p.execute(h, command, Request.by(ACTOR).at(at));
  }

  // ---------------------------------------------------------------------------------------------
  // The properties

  private Optional<String> total(AutomationRule r, Case c) {
    Optional<RuleContext> ctx = inStage(r, c.history(), c.asOf());
    if (ctx.isPresent()) {
      Answer a = ask(r, ctx.get());
      if (a.thrown() != null) {
        StackTraceElement[] trace = a.thrown().getStackTrace();
        return Optional.of("the rule threw " + a.thrown() + (trace.length > 0 ? " at "
            + trace[0] : "") + "; a rule says nothing is due with Optional.empty(), it does not"
            + " throw");
      }
      if (a.due() == null) {
        return Optional.of("the rule returned null instead of an Optional");
      }
    }
    try {
      items(r, c.history(), c.asOf());
    } catch (RuntimeException e) {
      return Optional.of("the agenda failed on the deal: " + e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<String> within(AutomationRule r, Case c) {
    Optional<RuleContext> ctx = inStage(r, c.history(), c.asOf());
    if (ctx.isPresent()) {
      Answer a = ask(r, ctx.get());
      if (a.due() != null && a.due().isPresent()) {
        Instant since = a.due().get().since();
        if (since.isAfter(c.asOf())) {
          return Optional.of("the rule says an item fell due at " + since + ", after the instant "
              + c.asOf() + " it was asked at; a rule gives only what is due by then");
        }
        if (since.isBefore(ctx.get().stageEnteredAt())) {
          return Optional.of("the rule says an item fell due at " + since + ", before the deal"
              + " entered stage '" + r.stage() + "' at " + ctx.get().stageEnteredAt()
              + "; a rule schedules within the visit (count from the stage entry, not the deal's"
              + " creation or an earlier visit)");
        }
      }
    }
    List<AgendaItem> items;
    try {
      items = items(r, c.history(), c.asOf());
    } catch (RuntimeException e) {
      return Optional.empty(); // reported by the totality property
    }
    if (items.size() > 1) {
      return Optional.of("the agenda has " + items.size() + " items of the rule for one deal: "
          + items);
    }
    DealHistory known = cut(c.history(), c.asOf());
    Instant last = known.events().get(known.size() - 1).at();
    for (AgendaItem i : items) {
      if (i.dueSince().isBefore(last) || i.dueSince().isAfter(c.asOf())) {
        return Optional.of("the agenda's item is due since " + i.dueSince() + ", outside ["
            + last + ", " + c.asOf() + "] (the deal's last event, the instant)");
      }
    }
    return Optional.empty();
  }

  private Optional<String> deterministic(AutomationRule r, Case c) {
    List<DealEvent> before = List.copyOf(c.history().events());
    Optional<RuleContext> ctx = inStage(r, c.history(), c.asOf());
    if (ctx.isPresent()) {
      Answer first = ask(r, ctx.get());
      Answer again = ask(r, ctx.get());
      if (!first.same(again)) {
        return Optional.of("asked twice in the same context, the rule first said '" + first
            + "', then '" + again + "'");
      }
      DealHistory copy = DealHistory.of(new ArrayList<>(c.history().events()));
      Answer fromCopy = ask(r, RuleContext.of(definition, copy, c.asOf()));
      if (!first.same(fromCopy)) {
        return Optional.of("in a context made again from an equal copy of the history the rule"
            + " said '" + fromCopy + "' instead of '" + first + "'");
      }
    }
    try {
      List<AgendaItem> once = items(r, c.history(), c.asOf());
      List<AgendaItem> twice = items(r, c.history(), c.asOf());
      if (!once.equals(twice)) {
        return Optional.of("the agenda computed twice differs: " + once + ", then " + twice);
      }
    } catch (RuntimeException e) {
      return Optional.empty(); // reported by the totality property
    }
    if (!c.history().events().equals(before)) {
      return Optional.of("the history changed while the rule was asked");
    }
    return Optional.empty();
  }

  private Optional<String> wallClock(AutomationRule r, Case c) {
    Optional<RuleContext> ctx = inStage(r, c.history(), c.asOf());
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    Answer first = ask(r, ctx.get());
    long start = System.currentTimeMillis();
    long deadline = System.nanoTime() + 50_000_000L;
    while (System.currentTimeMillis() == start && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    Answer later = ask(r, ctx.get());
    if (!first.same(later)) {
      return Optional.of("asked again in the same context a moment later (the wall clock moved"
          + " on, the context's instant did not), the rule said '" + later + "' instead of '"
          + first + "'; read time only from RuleContext.asOf()");
    }
    return Optional.empty();
  }

  private Optional<String> noLookAhead(AutomationRule r, Case c) {
    DealHistory known = cut(c.history(), c.asOf());
    Optional<RuleContext> ctx = inStage(r, known, c.asOf());
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    Answer asItStood = ask(r, ctx.get());
    Answer whole = ask(r, RuleContext.of(definition, c.history(), c.asOf()));
    if (!asItStood.same(whole)) {
      return Optional.of("with the events after the instant the rule said '" + whole
          + "', with the history as it stood then '" + asItStood + "'");
    }
    DealHistory full = c.history();
    Instant after = full.events().get(full.size() - 1).at();
    after = (after.isAfter(c.asOf()) ? after : c.asOf()).plus(Duration.ofMinutes(1));
    Outcome touched = record(full, new Command.RecordTouch(Touch.inbound(Touch.Channel.EMAIL,
        Touch.Result.REPLIED)), after);
    if (touched.isAccepted()) {
      Answer withLater = ask(r, RuleContext.of(definition, touched.appendTo(full), c.asOf()));
      if (!asItStood.same(withLater)) {
        return Optional.of("a touch recorded at " + after + ", after the instant, changed what"
            + " the rule said at the instant from '" + asItStood + "' to '" + withLater + "'");
      }
    }
    return Optional.empty();
  }

  private Optional<String> stops(AutomationRule r, Case c) {
    DealHistory known = cut(c.history(), c.asOf());
    if (inStage(r, known, c.asOf()).isEmpty()) {
      return Optional.empty();
    }
    for (Transition t : definition.transitionsFrom(r.stage())) {
      Outcome left = record(known, new Command.MoveTo(t.to()), c.asOf());
      if (!left.isAccepted()) {
        continue; // a guard refused: no such move from this deal
      }
      DealHistory h = left.appendTo(known);
      for (Duration later : List.of(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(30),
          Duration.ofDays(400))) {
        Instant at = c.asOf().plus(later);
        List<AgendaItem> items;
        try {
          items = items(r, h, at);
        } catch (RuntimeException e) {
          return Optional.of("after the deal left for '" + t.to() + "' the agenda failed at "
              + at + ": " + e.getMessage());
        }
        if (!items.isEmpty()) {
          return Optional.of("the deal left stage '" + r.stage() + "' for '" + t.to() + "' at "
              + c.asOf() + ", yet at " + at + " the rule still has " + items);
        }
      }
    }
    for (Command stop : stops) {
      Outcome done = record(known, stop, c.asOf());
      if (!done.isAccepted()) {
        continue;
      }
      DealHistory h = done.appendTo(known);
      Optional<RuleContext> ctx = inStage(r, h, c.asOf());
      Answer a = ctx.isPresent() ? ask(r, ctx.get()) : new Answer(Optional.empty(), null);
      List<AgendaItem> items;
      try {
        items = items(r, h, c.asOf());
      } catch (RuntimeException e) {
        return Optional.empty(); // reported by the totality property
      }
      if ((a.due() != null && a.due().isPresent()) || !items.isEmpty()) {
        return Optional.of("once " + Readable.command(stop) + " was recorded at " + c.asOf()
            + ", the rule still said '" + a + "'" + (items.isEmpty() ? ""
                : " and the agenda still has " + items) + "; it was declared to stop on it");
      }
    }
    return Optional.empty();
  }

  private Optional<String> capped(AutomationRule r, Case c) {
    Optional<RuleContext> ctx = inStage(r, c.history(), c.asOf());
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    // The visit from its entry, with nothing else happening but acting on each item when due.
    int entry = ctx.get().events().size() - ctx.get().visit().size();
    DealHistory h = DealHistory.of(c.history().events().subList(0, entry + 1));
    int max = cap.getAsInt();
    List<Instant> dues = new ArrayList<>();
    while (dues.size() <= max) {
      Instant last = h.events().get(h.size() - 1).at();
      Answer a = ask(r, RuleContext.of(definition, h, last.plus(HORIZON)));
      if (a.due() == null || a.due().isEmpty()) {
        return Optional.empty();
      }
      Instant due = a.due().get().since();
      dues.add(due);
      Outcome acted = record(h, actedOnBy, due.isBefore(last) ? last : due);
      if (!acted.isAccepted()) {
        return Optional.empty(); // acting is refused here, so no further items to count
      }
      h = acted.appendTo(h);
    }
    return Optional.of("acting on each item the moment it fell due (" + Readable.command(actedOnBy)
        + "), one visit of stage '" + r.stage() + "' from " + ctx.get().stageEnteredAt()
        + " got " + dues.size() + " items, due at " + dues + "; declared at most " + max);
  }

  @Override
  public String toString() {
    return "AutomationRuleContracts[" + rule.id() + " on " + definition.id() + ", " + examples
        + " examples" + (cap.isPresent() ? ", at most " + cap.getAsInt() + " per visit" : "")
        + ", stops on " + stops.size() + " commands]";
  }
}
