package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import dev.pipelinesdk.testkit.gen.Histories;
import dev.pipelinesdk.testkit.gen.Scenario;
import dev.pipelinesdk.testkit.gen.Timing;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stateful check of a definition with its guards: random sequences of commands (moves along
 * declared transitions and beyond, wins, losses, dormancy, touches, attribute, amount, owner,
 * close date and probability changes, snoozes, with realistic waits) run through the real
 * engine, and the engine's invariants must hold after every step.
 *
 * <pre>{@code
 * PipelineContracts.check(myDefinition);
 *
 * PipelineContracts.forDefinition(myDefinition)
 *     .withAttributes(AttributeSchema.defaults().flag("proof_of_income"))
 *     .withMaxSteps(30)
 *     .verify();
 * }</pre>
 *
 * <p>Properties (names are the constants of this class): {@value #EVENTS_APPLY}, {@value
 * #REJECTIONS_CHANGE_NOTHING}, {@value #DECLARED_MOVES_ONLY} and {@value #HISTORY_REPLAYS}. A
 * failure shows the shrunk command sequence with each outcome and the resulting history.
 * Immutable; every method returns a new configuration.
 */
public final class PipelineContracts {
  /** Property: an accepted command's events, applied to the previous deal, give the new deal. */
  public static final String EVENTS_APPLY = "accepted events apply to the previous deal";
  /** Property: a rejected command changes nothing and says why. */
  public static final String REJECTIONS_CHANGE_NOTHING = "rejected commands change nothing";
  /** Property: every stage change follows a declared transition. */
  public static final String DECLARED_MOVES_ONLY = "stage changes follow declared transitions";
  /** Property: the history of accepted events replays to the final deal. */
  public static final String HISTORY_REPLAYS = "history replays to the deal";
  /** The name of the contract: {@value}. */
  public static final String CONTRACT = "pipeline contract";

  private final PipelineDefinition definition;
  private final Histories histories;
  private final int examples;
  private final OptionalLong seed;
  private final int shrinkCycles;

  private PipelineContracts(PipelineDefinition definition, Histories histories, int examples,
      OptionalLong seed, int shrinkCycles) {
    this.definition = definition;
    this.histories = histories;
    this.examples = examples;
    this.seed = seed;
    this.shrinkCycles = shrinkCycles;
  }

  /**
   * Starts configuring the stateful check of a definition: {@link AttributeSchema#defaults()},
   * {@link Timing#realistic()}, up to 25 steps, 100 sequences.
   *
   * @param definition the definition with its guards
   * @return the configuration
   */
  public static PipelineContracts forDefinition(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    return new PipelineContracts(definition,
        Histories.forDefinition(definition).withMaxSteps(25), 100, OptionalLong.empty(),
        RuleContract.DEFAULT_SHRINK_CYCLES);
  }

  /**
   * Runs the stateful check with the defaults.
   *
   * @param definition the definition with its guards
   * @throws ContractViolation if an invariant breaks, showing the smallest command sequence
   */
  public static void check(PipelineDefinition definition) {
    forDefinition(definition).verify();
  }

  /**
   * Sets the attributes deals are created with and commands set (replacing the defaults).
   *
   * @param schema the attributes
   * @return the new configuration
   */
  public PipelineContracts withAttributes(AttributeSchema schema) {
    return new PipelineContracts(definition, histories.withAttributes(schema), examples, seed,
        shrinkCycles);
  }

  /**
   * Sets how time passes between commands.
   *
   * @param timing the timing
   * @return the new configuration
   */
  public PipelineContracts withTiming(Timing timing) {
    return new PipelineContracts(definition, histories.withTiming(timing), examples, seed,
        shrinkCycles);
  }

  /**
   * Sets the longest command sequence.
   *
   * @param maxSteps the most commands after the creation
   * @return the new configuration
   */
  public PipelineContracts withMaxSteps(int maxSteps) {
    return new PipelineContracts(definition, histories.withMaxSteps(maxSteps), examples, seed,
        shrinkCycles);
  }

  /**
   * Sets how many sequences run per property.
   *
   * @param examples at least 1
   * @return the new configuration
   */
  public PipelineContracts withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new PipelineContracts(definition, histories, examples, seed, shrinkCycles);
  }

  /**
   * Fixes the seed (to reproduce a reported failure).
   *
   * @param seed the seed
   * @return the new configuration
   */
  public PipelineContracts withSeed(long seed) {
    return new PipelineContracts(definition, histories, examples, OptionalLong.of(seed),
        shrinkCycles);
  }

  /**
   * Sets the shrinking effort.
   *
   * @param shrinkCycles attempts to shrink a counterexample, not negative
   * @return the new configuration
   */
  public PipelineContracts withShrinkCycles(int shrinkCycles) {
    return new PipelineContracts(definition, histories, examples, seed, shrinkCycles);
  }

  /** {@return the configured contract, for use with {@link RuleContract}'s own methods} */
  public RuleContract<PipelineDefinition, Scenario> contract() {
    RuleContract<PipelineDefinition, Scenario> c = RuleContract
        .<PipelineDefinition, Scenario>builder(CONTRACT, histories.scenarios())
        .describeRule(d -> "pipeline " + d.id())
        .describeInput(Scenario::toString)
        .examples(examples)
        .property(EVENTS_APPLY, (d, s) -> eventsApply(s.play()))
        .property(REJECTIONS_CHANGE_NOTHING, (d, s) -> rejectionsChangeNothing(s.play()))
        .property(DECLARED_MOVES_ONLY, (d, s) -> declaredMovesOnly(d, s.play()))
        .property(HISTORY_REPLAYS, (d, s) -> historyReplays(s.play()))
        .build()
        .withShrinkCycles(shrinkCycles);
    return seed.isPresent() ? c.withSeed(seed.getAsLong()) : c;
  }

  /**
   * Checks every invariant.
   *
   * @throws ContractViolation if an invariant breaks, showing the smallest command sequence
   */
  public void verify() {
    contract().check(definition);
  }

  /**
   * Checks some invariants.
   *
   * @param properties the property names, such as {@link #HISTORY_REPLAYS}
   * @throws ContractViolation if an invariant breaks
   */
  public void verify(String... properties) {
    contract().check(definition, properties);
  }

  private static Optional<String> eventsApply(Scenario.Played played) {
    Outcome.Accepted created = played.created();
    if (created.events().size() != 1 || !(created.events().get(0) instanceof DealEvent.Created)
        || !((DealEvent.Created) created.events().get(0)).deal().equals(created.deal())) {
      return Optional.of("creating the deal gave events " + created.events()
          + " instead of one created event carrying the deal");
    }
    int i = 0;
    for (Scenario.Step s : played.steps()) {
      i++;
      if (!s.outcome().isAccepted()) {
        continue;
      }
      Deal folded = s.before();
      for (DealEvent e : s.outcome().events()) {
        if (!e.at().equals(s.at())) {
          return Optional.of("step " + i + " (" + Readable.command(s.command()) + ") produced an"
              + " event dated " + e.at() + " instead of the clock's " + s.at());
        }
        folded = folded.apply(e);
      }
      if (!folded.equals(s.outcome().deal())) {
        return Optional.of("step " + i + " (" + Readable.command(s.command()) + "): applying its"
            + " events to the previous deal gives" + System.lineSeparator()
            + Readable.deal(folded) + System.lineSeparator() + "but the engine returned"
            + System.lineSeparator() + Readable.deal(s.outcome().deal()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> rejectionsChangeNothing(Scenario.Played played) {
    Deal expected = played.created().deal();
    int i = 0;
    for (Scenario.Step s : played.steps()) {
      i++;
      String step = "step " + i + " (" + Readable.command(s.command()) + ")";
      if (!s.before().equals(expected)) {
        return Optional.of(step + " started from a deal that differs from the one the previous"
            + " step left");
      }
      if (s.outcome().isAccepted()) {
        expected = s.outcome().deal();
        continue;
      }
      if (!s.outcome().deal().equals(s.before())) {
        return Optional.of(step + " was rejected but the outcome's deal differs from the deal"
            + " before");
      }
      if (!s.outcome().events().isEmpty()) {
        return Optional.of(step + " was rejected but produced events " + s.outcome().events());
      }
      if (s.outcome().violations().isEmpty()) {
        return Optional.of(step + " was rejected without a reason");
      }
      for (Violation v : s.outcome().violations()) {
        if (v.guard().isBlank()) {
          return Optional.of(step + " was rejected by a violation not attributed to a guard: "
              + v);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> declaredMovesOnly(PipelineDefinition definition,
      Scenario.Played played) {
    int i = 0;
    for (Scenario.Step s : played.steps()) {
      i++;
      for (DealEvent e : s.outcome().events()) {
        if (e instanceof DealEvent.StageChanged) {
          DealEvent.StageChanged m = (DealEvent.StageChanged) e;
          Optional<Transition> t = definition.transition(m.from(), m.to());
          if (t.isEmpty()) {
            return Optional.of("step " + i + " moved the deal " + m.from() + " -> " + m.to()
                + ", which pipeline '" + definition.id() + "' does not declare");
          }
          String expected = eventType(t.get().kind());
          if (!e.getClass().getSimpleName().equals(expected)) {
            return Optional.of("step " + i + " recorded a " + e.getClass().getSimpleName()
                + " event for " + t.get() + ", a " + t.get().kind() + " transition that records "
                + expected);
          }
        }
      }
      if (definition.stage(s.outcome().deal().stage()).isEmpty()) {
        return Optional.of("after step " + i + " the deal is in stage '"
            + s.outcome().deal().stage() + "', which the definition does not have");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> historyReplays(Scenario.Played played) {
    Deal last = played.created().deal();
    for (Scenario.Step s : played.steps()) {
      last = s.outcome().deal();
    }
    DealHistory history = played.history();
    if (!history.current().equals(last)) {
      return Optional.of("the history's deal differs from the deal after the last step");
    }
    Deal replayed = DealHistory.of(history.events()).replay();
    if (!replayed.equals(last)) {
      return Optional.of("replaying the history gives" + System.lineSeparator()
          + Readable.deal(replayed) + System.lineSeparator() + "instead of"
          + System.lineSeparator() + Readable.deal(last));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "PipelineContracts[" + definition.id() + ", " + histories + ", " + examples
        + " examples]";
  }

  /** The event type the engine records for a transition kind. */
  private static String eventType(dev.pipelinesdk.core.TransitionKind kind) {
    switch (kind) {
      case WIN:
        return DealEvent.Won.class.getSimpleName();
      case LOSE:
        return DealEvent.Lost.class.getSimpleName();
      case DORMANCY:
        return DealEvent.WentDormant.class.getSimpleName();
      case REVIVAL:
      case REOPEN:
        return DealEvent.Reopened.class.getSimpleName();
      default:
        return DealEvent.Moved.class.getSimpleName();
    }
  }
}
