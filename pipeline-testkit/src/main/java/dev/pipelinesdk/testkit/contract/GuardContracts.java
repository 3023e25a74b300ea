package dev.pipelinesdk.testkit.contract;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardContext;
import dev.pipelinesdk.core.guard.Verdict;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import dev.pipelinesdk.testkit.gen.GuardContexts;
import dev.pipelinesdk.testkit.gen.StageGraphs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/**
 * The contract of a {@link Guard}, checked against generated {@link GuardContext}s, with a fluent
 * API usable from any JUnit 5 test:
 *
 * <pre>{@code
 * GuardContracts.check(myGuard);                       // every property, default contexts
 *
 * GuardContracts.forGuard(myGuard)
 *     .on(myDefinition)                                // contexts from your definition
 *     .withAttributes(AttributeSchema.empty().flag("proof_of_income"))
 *     .monotoneIn("proof_of_income")                   // adding it never turns allow into deny
 *     .withExamples(500)
 *     .verify();
 * }</pre>
 *
 * <p>Properties (names are the constants of this class):
 *
 * <ul>
 *   <li>{@value #TOTAL}: never throws (except the types declared with {@link #mayThrow}) and
 *       never returns null;
 *   <li>{@value #DETERMINISTIC}: the same context, and an equal copy of it, give equal verdicts;
 *   <li>{@value #WALL_CLOCK}: evaluated again after the JVM's clock moved on, the verdict is the
 *       same (a guard must read time only from {@link GuardContext#at()}). Detects dependence on
 *       the wall clock at millisecond resolution: each context is evaluated twice, the second
 *       time after {@link System#currentTimeMillis()} ticked, so a verdict that embeds the current
 *       time is always caught, while one that changes only sometimes (the parity of a clock, the
 *       date, which is caught only if a run crosses midnight) may slip through;
 *   <li>{@value #EXPLAINS}: every violation of a denial has a machine-readable code (no
 *       whitespace) and a message that says more than the code;
 *   <li>{@value #NO_MUTATION}: the context and its deal are unchanged after the check;
 *   <li>{@code "monotone in <attribute>"} for each {@link #monotoneIn declared attribute}: a
 *       context that passes still passes once the deal has the attribute.
 * </ul>
 *
 * <p>By default contexts come from generated definitions of any shape ({@link
 * StageGraphs#valid()}) with deals carrying {@link AttributeSchema#defaults()}; a guard that only
 * makes sense on your definition should be checked {@link #on(PipelineDefinition)} it. Immutable;
 * every method returns a new configuration.
 */
public final class GuardContracts {
  /** Property: the guard never throws and never returns null. */
  public static final String TOTAL = "total";
  /** Property: the same context gives the same verdict. */
  public static final String DETERMINISTIC = "deterministic";
  /** Property: the verdict does not depend on the wall clock. */
  public static final String WALL_CLOCK = "independent of the wall clock";
  /** Property: every denial comes with a code and a message. */
  public static final String EXPLAINS = "explains every denial";
  /** Property: the guard leaves its inputs alone. */
  public static final String NO_MUTATION = "does not mutate its inputs";
  /** The name of the contract: {@value}. */
  public static final String CONTRACT = "guard contract";

  private final Guard guard;
  private final @Nullable Gen<GuardContext> contexts;
  private final @Nullable Gen<PipelineDefinition> definitions;
  private final AttributeSchema attributes;
  private final List<Class<? extends RuntimeException>> mayThrow;
  private final Map<String, AttributeValue> monotone;
  private final int examples;
  private final OptionalLong seed;
  private final int shrinkCycles;

  private GuardContracts(Guard guard, @Nullable Gen<GuardContext> contexts,
      @Nullable Gen<PipelineDefinition> definitions, AttributeSchema attributes,
      List<Class<? extends RuntimeException>> mayThrow, Map<String, AttributeValue> monotone,
      int examples, OptionalLong seed, int shrinkCycles) {
    this.guard = guard;
    this.contexts = contexts;
    this.definitions = definitions;
    this.attributes = attributes;
    this.mayThrow = List.copyOf(mayThrow);
    this.monotone = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(monotone));
    this.examples = examples;
    this.seed = seed;
    this.shrinkCycles = shrinkCycles;
  }

  /**
   * Starts configuring the contract check of a guard.
   *
   * @param guard the guard under test
   * @return the configuration, with defaults
   */
  public static GuardContracts forGuard(Guard guard) {
    return new GuardContracts(Objects.requireNonNull(guard, "guard is null"), null, null,
        AttributeSchema.defaults(), List.of(), Map.of(), RuleContract.DEFAULT_EXAMPLES,
        OptionalLong.empty(), RuleContract.DEFAULT_SHRINK_CYCLES);
  }

  /**
   * Checks every property of a guard with the default contexts.
   *
   * @param guard the guard under test
   * @throws ContractViolation if a property does not hold, showing the smallest counterexample
   */
  public static void check(Guard guard) {
    forGuard(guard).verify();
  }

  /**
   * Draws contexts from one definition (with its guards, which run while histories are
   * generated).
   *
   * @param definition the definition
   * @return the new configuration
   */
  public GuardContracts on(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    return on(in -> definition);
  }

  /**
   * Draws contexts from generated definitions.
   *
   * @param definitions the definitions, such as {@code StageGraphs.linear()}
   * @return the new configuration
   */
  public GuardContracts on(Gen<PipelineDefinition> definitions) {
    return new GuardContracts(guard, contexts, Objects.requireNonNull(definitions,
        "definitions is null"), attributes, mayThrow, monotone, examples, seed, shrinkCycles);
  }

  /**
   * Adds attributes generated deals may carry (to {@link AttributeSchema#defaults()}).
   *
   * @param schema the attributes
   * @return the new configuration
   */
  public GuardContracts withAttributes(AttributeSchema schema) {
    return new GuardContracts(guard, contexts, definitions, attributes.and(schema), mayThrow,
        monotone, examples, seed, shrinkCycles);
  }

  /**
   * Uses exactly these contexts (ignoring {@link #on} and {@link #withAttributes}).
   *
   * @param contexts the contexts
   * @return the new configuration
   */
  public GuardContracts withContexts(Gen<GuardContext> contexts) {
    return new GuardContracts(guard, Objects.requireNonNull(contexts, "contexts is null"),
        definitions, attributes, mayThrow, monotone, examples, seed, shrinkCycles);
  }

  /**
   * Declares exceptions the guard may throw (on top of saying no with a verdict); {@value
   * #TOTAL} accepts them. The engine still turns them into a {@value Violation#GUARD_ERROR}
   * violation.
   *
   * @param types the exception types
   * @return the new configuration
   */
  @SafeVarargs
  public final GuardContracts mayThrow(Class<? extends RuntimeException>... types) {
    List<Class<? extends RuntimeException>> all = new ArrayList<>(mayThrow);
    // A plain loop: handing the generic varargs array on to another varargs method
    // (Arrays.asList) is what -Xlint:varargs flags in a @SafeVarargs method.
    for (Class<? extends RuntimeException> type : types) {
      all.add(type);
    }
    return new GuardContracts(guard, contexts, definitions, attributes, all, monotone, examples,
        seed, shrinkCycles);
  }

  /**
   * Declares that adding a flag attribute set to {@code true} never turns allow into deny.
   *
   * @param attribute the attribute name
   * @return the new configuration
   */
  public GuardContracts monotoneIn(String attribute) {
    return monotoneIn(attribute, AttributeValue.of(true));
  }

  /**
   * Declares that giving the deal an attribute with a value never turns allow into deny. The
   * attribute is added to the schema as a flag if it is not there.
   *
   * @param attribute the attribute name
   * @param value the value that satisfies the guard's requirement
   * @return the new configuration
   */
  public GuardContracts monotoneIn(String attribute, AttributeValue value) {
    Objects.requireNonNull(attribute, "attribute is null");
    Objects.requireNonNull(value, "value is null");
    Map<String, AttributeValue> m = new LinkedHashMap<>(monotone);
    m.put(attribute, value);
    AttributeSchema schema = attributes.names().contains(attribute) ? attributes
        : attributes.flag(attribute);
    return new GuardContracts(guard, contexts, definitions, schema, mayThrow, m, examples, seed,
        shrinkCycles);
  }

  /**
   * Sets the examples per property.
   *
   * @param examples at least 1
   * @return the new configuration
   */
  public GuardContracts withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new GuardContracts(guard, contexts, definitions, attributes, mayThrow, monotone,
        examples, seed, shrinkCycles);
  }

  /**
   * Fixes the seed (to reproduce a reported failure).
   *
   * @param seed the seed
   * @return the new configuration
   */
  public GuardContracts withSeed(long seed) {
    return new GuardContracts(guard, contexts, definitions, attributes, mayThrow, monotone,
        examples, OptionalLong.of(seed), shrinkCycles);
  }

  /**
   * Sets the shrinking effort.
   *
   * @param shrinkCycles attempts to shrink a counterexample, not negative
   * @return the new configuration
   */
  public GuardContracts withShrinkCycles(int shrinkCycles) {
    return new GuardContracts(guard, contexts, definitions, attributes, mayThrow, monotone,
        examples, seed, shrinkCycles);
  }

  /** {@return the guard under test} */
  public Guard guard() {
    return guard;
  }

  /** {@return the names of the monotonicity properties declared with {@link #monotoneIn}} */
  public List<String> monotoneProperties() {
    return monotone.keySet().stream().map(GuardContracts::monotoneProperty).toList();
  }

  /**
   * The name of the monotonicity property for an attribute.
   *
   * @param attribute the attribute name
   * @return {@code "monotone in <attribute>"}
   */
  public static String monotoneProperty(String attribute) {
    return "monotone in " + attribute;
  }

  /** {@return the contexts the contract runs on, as configured} */
  public Gen<GuardContext> contexts() {
    if (contexts != null) {
      return contexts;
    }
    return definitions != null ? GuardContexts.forDefinitions(definitions, attributes)
        : GuardContexts.anywhere(attributes);
  }

  /** {@return the configured contract, for use with {@link RuleContract}'s own methods} */
  public RuleContract<Guard, GuardContext> contract() {
    RuleContract.Builder<Guard, GuardContext> b = RuleContract
        .<Guard, GuardContext>builder(CONTRACT, contexts())
        .describeRule(GuardContracts::name)
        .describeInput(Readable::context)
        .examples(examples)
        .property(TOTAL, this::total)
        .property(DETERMINISTIC, GuardContracts::deterministic)
        .property(WALL_CLOCK, GuardContracts::wallClock)
        .property(EXPLAINS, GuardContracts::explains)
        .property(NO_MUTATION, GuardContracts::noMutation);
    for (Map.Entry<String, AttributeValue> e : monotone.entrySet()) {
      b.property(monotoneProperty(e.getKey()), (g, c) -> monotone(g, c, e.getKey(), e.getValue()));
    }
    RuleContract<Guard, GuardContext> c = b.build().withShrinkCycles(shrinkCycles);
    return seed.isPresent() ? c.withSeed(seed.getAsLong()) : c;
  }

  /**
   * Checks every property (the five standard ones and each declared monotonicity).
   *
   * @throws ContractViolation if a property does not hold, showing the smallest counterexample
   */
  public void verify() {
    contract().check(guard);
  }

  /**
   * Checks some properties.
   *
   * @param properties the property names, such as {@link #TOTAL}
   * @throws ContractViolation if a property does not hold
   * @throws IllegalArgumentException if a name is not a property of the contract
   */
  public void verify(String... properties) {
    contract().check(guard, properties);
  }

  private static String name(Guard guard) {
    try {
      return guard.name();
    } catch (RuntimeException e) {
      return guard.getClass().getName();
    }
  }

  /** What one evaluation gave: a verdict (maybe null) or an exception. */
  private record Evaluation(@Nullable Verdict verdict, @Nullable Throwable thrown) {
    boolean same(Evaluation other) {
      if (thrown != null || other.thrown != null) {
        return thrown != null && other.thrown != null
            && thrown.getClass().equals(other.thrown.getClass())
            && Objects.equals(thrown.getMessage(), other.thrown.getMessage());
      }
      return Objects.equals(verdict, other.verdict);
    }

    boolean passed() {
      return thrown == null && verdict != null && verdict.passed();
    }

    @Override
    public String toString() {
      if (thrown != null) {
        return "threw " + thrown;
      }
      return verdict == null ? "returned null" : Readable.verdict(verdict);
    }
  }

  private static Evaluation evaluate(Guard guard, GuardContext context) {
    try {
      return new Evaluation(guard.check(context), null);
    } catch (RuntimeException | StackOverflowError | AssertionError e) {
      return new Evaluation(null, e);
    }
  }

  private Optional<String> total(Guard guard, GuardContext context) {
    Evaluation e = evaluate(guard, context);
    if (e.thrown() != null) {
      for (Class<? extends RuntimeException> ok : mayThrow) {
        if (ok.isInstance(e.thrown())) {
          return Optional.empty();
        }
      }
      StackTraceElement[] trace = e.thrown().getStackTrace();
      return Optional.of("the guard threw " + e.thrown()
          + (trace.length > 0 ? " at " + trace[0] : "")
          + "; a guard says no with a failing Verdict, it does not throw"
          + (mayThrow.isEmpty() ? "" : " (declared: " + mayThrow.stream()
              .map(Class::getSimpleName).toList() + ")"));
    }
    if (e.verdict() == null) {
      return Optional.of("the guard returned null instead of a Verdict");
    }
    return Optional.empty();
  }

  private static Optional<String> deterministic(Guard guard, GuardContext context) {
    Evaluation first = evaluate(guard, context);
    Evaluation again = evaluate(guard, context);
    if (!first.same(again)) {
      return Optional.of("evaluated twice on the same context, the guard first said '" + first
          + "', then '" + again + "'");
    }
    Evaluation copy = evaluate(guard, copy(context));
    if (!first.same(copy)) {
      return Optional.of("on an equal copy of the context the guard said '" + copy
          + "' instead of '" + first + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> wallClock(Guard guard, GuardContext context) {
    Evaluation first = evaluate(guard, context);
    long start = System.currentTimeMillis();
    long deadline = System.nanoTime() + 50_000_000L;
    while (System.currentTimeMillis() == start && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    Evaluation later = evaluate(guard, context);
    if (!first.same(later)) {
      return Optional.of("evaluated again on the same context a moment later (the wall clock moved"
          + " on, the context's instant did not), the guard said '" + later + "' instead of '"
          + first + "'; read time only from GuardContext.at()");
    }
    return Optional.empty();
  }

  private static Optional<String> explains(Guard guard, GuardContext context) {
    Evaluation e = evaluate(guard, context);
    if (e.thrown() != null) {
      return Optional.empty(); // reported by the totality property
    }
    if (e.verdict() == null) {
      return Optional.of("the guard returned null: neither a pass nor a denial with reasons");
    }
    List<String> problems = new ArrayList<>();
    for (Violation v : e.verdict().violations()) {
      if (v.code().isBlank() || !v.code().equals(v.code().strip())
          || v.code().chars().anyMatch(Character::isWhitespace)) {
        problems.add("code '" + v.code() + "' is not machine-readable (use a word such as"
            + " missing_documents)");
      }
      if (v.message().isBlank() || v.message().strip().equalsIgnoreCase(v.code().strip())
          || v.message().chars().noneMatch(Character::isLetter)) {
        problems.add("message '" + v.message() + "' (code '" + v.code()
            + "') does not explain what is missing or wrong");
      }
    }
    return problems.isEmpty() ? Optional.empty()
        : Optional.of("the guard denied without a usable reason: " + String.join("; ", problems));
  }

  private static Optional<String> noMutation(Guard guard, GuardContext context) {
    GuardContext before = copy(context);
    String dealText = context.deal().toString();
    evaluate(guard, context);
    if (!context.equals(before) || !context.deal().toString().equals(dealText)) {
      return Optional.of("the context changed while the guard checked it: before "
          + before + ", after " + context);
    }
    return Optional.empty();
  }

  private static Optional<String> monotone(Guard guard, GuardContext context, String attribute,
      AttributeValue value) {
    if (context.deal().attribute(attribute).filter(value::equals).isPresent()) {
      return Optional.empty();
    }
    Evaluation without = evaluate(guard, context);
    if (!without.passed()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> attrs = new LinkedHashMap<>(context.deal().attributes());
    attrs.put(attribute, value);
    Deal with = Deal.builder().from(context.deal()).attributes(attrs).build();
    GuardContext more = new GuardContext(context.definition(), with, context.transition(),
        context.request(), context.at(), Optional.empty());
    Evaluation withIt = evaluate(guard, more);
    if (!withIt.passed()) {
      return Optional.of("the guard passed with " + attribute + " "
          + context.deal().attribute(attribute).map(v -> "= " + v).orElse("absent")
          + ", but said '" + withIt + "' once " + attribute + " = " + value);
    }
    return Optional.empty();
  }

  private static GuardContext copy(GuardContext c) {
    Request r = c.request();
    Set<String> roles = new LinkedHashSet<>(r.roles());
    return new GuardContext(c.definition(), Deal.builder().from(c.deal()).build(),
        c.transition(), new Request(r.actor(), roles, r.reason()), c.at(), c.history());
  }

  @Override
  public String toString() {
    return "GuardContracts[" + name(guard) + ", " + examples + " examples, monotone in "
        + monotone.keySet() + "]";
  }
}
