package dev.pipelinesdk.testkit.contract;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.scoring.LeadScore;
import dev.pipelinesdk.core.scoring.LeadScorer;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import dev.pipelinesdk.testkit.gen.Histories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/**
 * The contract every {@link LeadScorer} keeps, checked for a scorer of your own the way the SDK
 * checks its {@code points} scorer: on histories generated through the real engine (valid by
 * construction), each scored at an instant between the deal's creation and 120 days after its
 * last event.
 *
 * <pre>{@code
 * @Test
 * void myScorerKeepsTheContract() {
 *   ScorerContracts.forScorer(new MyScorer())
 *       .withAttributes(AttributeSchema.defaults().text("industry", "software", "retail"))
 *       .verify();                                   // fails with the shrunk history as text
 * }
 * }</pre>
 *
 * <p>Properties (names are the constants of this class):
 *
 * <ul>
 *   <li>{@value #TOTAL}: scoring never throws and never returns null, at any instant from the
 *       deal's creation on;
 *   <li>{@value #DETERMINISTIC}: the same history and instant, and an equal copy of the history,
 *       give equal scores;
 *   <li>{@value #EXPLAINS}: the contributions sum exactly to the score (the sum of their exact
 *       decimals, compared by value), and the score names the scorer ({@link LeadScorer#name()})
 *       and the instant it was asked for;
 *   <li>{@value #NO_LOOK_AHEAD}: the events after the instant change nothing: the history cut at
 *       the instant gives an equal score;
 *   <li>{@value #FADES}: with nothing new, time only fades a score: scored again up to 400 days
 *       later on the history cut at the instant, no contribution's points grow in magnitude
 *       (contributions are matched by rule name; one that appears only later must give 0). A
 *       positive part (replies) may only shrink and a negative one (declines) only come back
 *       towards 0, so the total may rise when a penalty fades; fit parts stay as they are.
 * </ul>
 *
 * <p>By default histories come from the {@code saas-b2b} template with {@link
 * AttributeSchema#defaults()} and up to 25 steps; give the attributes your scorer reads with
 * {@link #withAttributes}, or other histories with {@link #withHistories}. A failure is a {@link
 * ContractViolation} naming the property, why it does not hold (both scores, explained) and the
 * smallest history found, with the seed to reproduce it. Immutable; every method returns a new
 * configuration.
 */
public final class ScorerContracts {
  /** The contract's name: {@value}. */
  public static final String CONTRACT = "lead scorer contract";
  /** Property: scoring never throws and never returns null. */
  public static final String TOTAL = "total";
  /** Property: the same history and instant give the same score. */
  public static final String DETERMINISTIC = "deterministic";
  /** Property: the parts sum exactly to the score, which names its scorer and instant. */
  public static final String EXPLAINS = "the parts sum exactly to the score";
  /** Property: events after the instant change nothing. */
  public static final String NO_LOOK_AHEAD = "blind to events after the instant";
  /** Property: with nothing new, no contribution grows as the instant moves later. */
  public static final String FADES = "with nothing new, time only fades the score";

  /** How far after a deal's last event an instant may be drawn: {@value} days. */
  public static final int DAYS_AFTER_LAST_EVENT = 120;
  /** How much later a score is compared with for {@value #FADES}: up to {@value} days. */
  public static final int MAX_DAYS_LATER = 400;

  private final LeadScorer scorer;
  private final Histories histories;
  private final int examples;
  private final OptionalLong seed;
  private final int shrinkCycles;

  private ScorerContracts(LeadScorer scorer, Histories histories, int examples,
      OptionalLong seed, int shrinkCycles) {
    this.scorer = scorer;
    this.histories = histories;
    this.examples = examples;
    this.seed = seed;
    this.shrinkCycles = shrinkCycles;
  }

  /**
   * Starts configuring the contract check of a scorer: histories of the {@code saas-b2b}
   * template with the default attributes, up to 25 steps, {@value RuleContract#DEFAULT_EXAMPLES}
   * examples per property.
   *
   * @param scorer the scorer under test
   * @return the configuration
   * @throws NullPointerException if the scorer is null
   */
  public static ScorerContracts forScorer(LeadScorer scorer) {
    return new ScorerContracts(Objects.requireNonNull(scorer, "scorer is null"),
        Histories.forDefinition(PipelineTemplates.definition("saas-b2b")).withMaxSteps(25),
        RuleContract.DEFAULT_EXAMPLES, OptionalLong.empty(), RuleContract.DEFAULT_SHRINK_CYCLES);
  }

  /**
   * Checks every property of a scorer with the default histories.
   *
   * @param scorer the scorer under test
   * @throws ContractViolation if a property does not hold, showing the smallest counterexample
   */
  public static void check(LeadScorer scorer) {
    forScorer(scorer).verify();
  }

  /**
   * Draws histories from another definition (with its guards), keeping the attributes and the
   * number of steps.
   *
   * @param definition the definition
   * @return the new configuration
   * @throws NullPointerException if the definition is null
   */
  public ScorerContracts on(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    return withHistories(Histories.forDefinition(definition).withMaxSteps(25));
  }

  /**
   * Lets the generated deals carry these attributes (replacing the defaults; combine with {@code
   * AttributeSchema.defaults().and(...)} to keep them): the ones the scorer's fit rules read.
   *
   * @param schema the attributes
   * @return the new configuration
   * @throws NullPointerException if the schema is null
   */
  public ScorerContracts withAttributes(AttributeSchema schema) {
    return withHistories(histories.withAttributes(schema));
  }

  /**
   * Uses other generated histories (another definition, schema, timing or length).
   *
   * @param histories the histories' configuration
   * @return the new configuration
   * @throws NullPointerException if the histories are null
   */
  public ScorerContracts withHistories(Histories histories) {
    return new ScorerContracts(scorer, Objects.requireNonNull(histories, "histories is null"),
        examples, seed, shrinkCycles);
  }

  /**
   * Sets the examples per property.
   *
   * @param examples at least 1
   * @return the new configuration
   * @throws IllegalArgumentException if {@code examples} is below 1
   */
  public ScorerContracts withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new ScorerContracts(scorer, histories, examples, seed, shrinkCycles);
  }

  /**
   * Fixes the seed (to reproduce a reported failure).
   *
   * @param seed the seed a {@link ContractViolation} reported
   * @return the new configuration
   */
  public ScorerContracts withSeed(long seed) {
    return new ScorerContracts(scorer, histories, examples, OptionalLong.of(seed), shrinkCycles);
  }

  /**
   * Sets the shrinking effort.
   *
   * @param shrinkCycles attempts to shrink a counterexample, not negative
   * @return the new configuration
   * @throws IllegalArgumentException if {@code shrinkCycles} is negative
   */
  public ScorerContracts withShrinkCycles(int shrinkCycles) {
    if (shrinkCycles < 0) {
      throw new IllegalArgumentException("shrink cycles must not be negative: " + shrinkCycles);
    }
    return new ScorerContracts(scorer, histories, examples, seed, shrinkCycles);
  }

  /** {@return the scorer under test} */
  public LeadScorer scorer() {
    return scorer;
  }

  /** {@return the inputs the contract runs on: generated histories with instants} */
  public Gen<Sample> samples() {
    return histories.histories().zip(integers().between(0, 1000),
        integers().between(1, MAX_DAYS_LATER), Sample::new).describedAs(Sample::toString);
  }

  /** {@return the configured contract, for use with {@link RuleContract}'s own methods} */
  public RuleContract<LeadScorer, Sample> contract() {
    RuleContract<LeadScorer, Sample> c = RuleContract
        .<LeadScorer, Sample>builder(CONTRACT, samples())
        .describeRule(ScorerContracts::name)
        .describeInput(Sample::toString)
        .examples(examples)
        .property(TOTAL, ScorerContracts::total)
        .property(DETERMINISTIC, ScorerContracts::deterministic)
        .property(EXPLAINS, ScorerContracts::explains)
        .property(NO_LOOK_AHEAD, ScorerContracts::noLookAhead)
        .property(FADES, ScorerContracts::fades)
        .build()
        .withShrinkCycles(shrinkCycles);
    return seed.isPresent() ? c.withSeed(seed.getAsLong()) : c;
  }

  /**
   * Checks every property.
   *
   * @throws ContractViolation if a property does not hold, showing the smallest counterexample
   */
  public void verify() {
    contract().check(scorer);
  }

  /**
   * Checks some properties.
   *
   * @param properties the property names, such as {@link #NO_LOOK_AHEAD}
   * @throws ContractViolation if a property does not hold
   * @throws IllegalArgumentException if a name is not a property of the contract
   */
  public void verify(String... properties) {
    contract().check(scorer, properties);
  }

  /**
   * One generated input: a history and where in time to score it.
   *
   * @param history the deal's history, generated through the engine
   * @param permille where the instant lies between the deal's creation (0) and {@value
   *     #DAYS_AFTER_LAST_EVENT} days after its last event (1000)
   * @param daysLater how many days later the score is asked for again, for {@value #FADES}
   */
  public record Sample(DealHistory history, int permille, int daysLater) {
    /**
     * Checks the values.
     *
     * @param history the deal's history
     * @param permille 0 to 1000
     * @param daysLater 1 to {@value #MAX_DAYS_LATER}
     * @throws IllegalArgumentException if a number is out of range
     * @throws NullPointerException if the history is null
     */
    public Sample {
      Objects.requireNonNull(history, "history is null");
      if (permille < 0 || permille > 1000 || daysLater < 1 || daysLater > MAX_DAYS_LATER) {
        throw new IllegalArgumentException("permille " + permille + " or days later " + daysLater
            + " out of range");
      }
    }

    /** {@return the scoring instant: from the creation to 120 days after the last event} */
    public Instant at() {
      Instant from = history.created().at();
      Instant to = history.events().get(history.size() - 1).at()
          .plus(Duration.ofDays(DAYS_AFTER_LAST_EVENT));
      return from.plusMillis(Duration.between(from, to).toMillis() * permille / 1000);
    }

    /** {@return the later instant: {@link #daysLater()} days after {@link #at()}} */
    public Instant later() {
      return at().plus(Duration.ofDays(daysLater));
    }

    /** {@return the history as it stood at {@link #at()}: the events at or before it} */
    public DealHistory known() {
      Instant at = at();
      List<DealEvent> events = history.events();
      int n = events.size();
      while (events.get(n - 1).at().isAfter(at)) {
        n--; // the creation is never after the instant
      }
      return n == events.size() ? history : DealHistory.of(events.subList(0, n));
    }

    /** {@return the instants, then the history event by event} */
    @Override
    public String toString() {
      int after = history.size() - known().size();
      return "scored at " + at() + " (" + (after == 0 ? "no event" : after == 1 ? "1 event"
          : after + " events") + " after it) and " + daysLater + (daysLater == 1 ? " day" : " days") + " later, at "
          + later() + ", of the " + Readable.history(history);
    }
  }

  private static String name(LeadScorer scorer) {
    try {
      return scorer.name();
    } catch (RuntimeException e) {
      return scorer.getClass().getName();
    }
  }

  /** What one scoring gave: a score (maybe null) or an exception. */
  private record Scoring(@Nullable LeadScore score, @Nullable Throwable thrown) {
    boolean same(Scoring other) {
      if (thrown != null || other.thrown != null) {
        return thrown != null && other.thrown != null
            && thrown.getClass().equals(other.thrown.getClass())
            && Objects.equals(thrown.getMessage(), other.thrown.getMessage());
      }
      return Objects.equals(score, other.score);
    }

    @Override
    public String toString() {
      if (thrown != null) {
        return "threw " + thrown;
      }
      return score == null ? "returned null" : score.explanation();
    }
  }

  private static Scoring score(LeadScorer scorer, DealHistory history, Instant at) {
    try {
      return new Scoring(scorer.score(history, at), null);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      return new Scoring(null, e);
    }
  }

  private static Optional<String> total(LeadScorer scorer, Sample s) {
    Scoring r = score(scorer, s.history(), s.at());
    if (r.thrown() != null) {
      StackTraceElement[] trace = r.thrown().getStackTrace();
      return Optional.of("scoring threw " + r.thrown() + (trace.length > 0 ? " at " + trace[0]
          : "") + "; a scorer scores every deal at any instant from its creation on");
    }
    if (r.score() == null) {
      return Optional.of("the scorer returned null instead of a LeadScore");
    }
    return Optional.empty();
  }

  private static Optional<String> deterministic(LeadScorer scorer, Sample s) {
    Scoring first = score(scorer, s.history(), s.at());
    Scoring again = score(scorer, s.history(), s.at());
    if (!first.same(again)) {
      return Optional.of("scored twice at " + s.at() + ", the scorer first gave '" + first
          + "', then '" + again + "'");
    }
    Scoring copy = score(scorer, DealHistory.of(s.history().events()), s.at());
    if (!first.same(copy)) {
      return Optional.of("on an equal copy of the history the scorer gave '" + copy
          + "' instead of '" + first + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> explains(LeadScorer scorer, Sample s) {
    Scoring r = score(scorer, s.history(), s.at());
    if (r.score() == null) {
      return Optional.empty(); // the totality property reports it
    }
    LeadScore score = r.score();
    BigDecimal sum = BigDecimal.ZERO;
    for (LeadScore.Contribution c : score.contributions()) {
      sum = sum.add(c.points());
    }
    if (sum.compareTo(score.value()) != 0) {
      return Optional.of("the contributions sum to " + sum.toPlainString() + ", the score is "
          + score.value().toPlainString() + ": " + score.explanation());
    }
    String name = name(scorer);
    if (!score.scorer().equals(name)) {
      return Optional.of("the score names scorer '" + score.scorer() + "', but the scorer is '"
          + name + "'");
    }
    if (!score.at().equals(s.at())) {
      return Optional.of("asked for the score at " + s.at() + ", the scorer says it scored at "
          + score.at());
    }
    return Optional.empty();
  }

  private static Optional<String> noLookAhead(LeadScorer scorer, Sample s) {
    DealHistory known = s.known();
    if (known.size() == s.history().size()) {
      return Optional.empty(); // nothing after the instant in this sample
    }
    Scoring whole = score(scorer, s.history(), s.at());
    Scoring cut = score(scorer, known, s.at());
    if (!whole.same(cut)) {
      int after = s.history().size() - known.size();
      return Optional.of("at " + s.at() + " the whole history gave '" + whole + "', but without"
          + " its " + after + (after == 1 ? " event" : " events") + " after that instant it gave '"
          + cut + "'; a scorer ignores events after the instant it scores at");
    }
    return Optional.empty();
  }

  private static Optional<String> fades(LeadScorer scorer, Sample s) {
    DealHistory known = s.known();
    Scoring now = score(scorer, known, s.at());
    Scoring later = score(scorer, known, s.later());
    if (now.score() == null || later.score() == null) {
      return Optional.empty(); // the totality property reports it
    }
    Map<String, BigDecimal> before = new LinkedHashMap<>();
    for (LeadScore.Contribution c : now.score().contributions()) {
      before.merge(c.rule(), c.points().abs(), BigDecimal::add);
    }
    Map<String, BigDecimal> after = new LinkedHashMap<>();
    for (LeadScore.Contribution c : later.score().contributions()) {
      after.merge(c.rule(), c.points().abs(), BigDecimal::add);
    }
    for (Map.Entry<String, BigDecimal> e : after.entrySet()) {
      BigDecimal was = before.getOrDefault(e.getKey(), BigDecimal.ZERO);
      if (e.getValue().compareTo(was) > 0) {
        return Optional.of("with no event after " + s.at() + ", rule '" + e.getKey() + "' gave "
            + points(was) + " then and " + points(e.getValue()) + " " + s.daysLater()
            + (s.daysLater() == 1 ? " day" : " days") + " later (in magnitude); time alone must"
            + " only fade a score. Then: " + now + "; later: " + later);
      }
    }
    return Optional.empty();
  }

  private static String points(BigDecimal magnitude) {
    String n = magnitude.signum() == 0 ? "0" : magnitude.stripTrailingZeros().toPlainString();
    return n + (magnitude.compareTo(BigDecimal.ONE) == 0 ? " point" : " points");
  }

  @Override
  public String toString() {
    return "ScorerContracts[" + name(scorer) + ", " + examples + " examples]";
  }
}
