package dev.pipelinesdk.testkit.contract;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.Gen;
import org.quicktheories.core.NoGuidance;
import org.quicktheories.core.Reporter;
import org.quicktheories.core.Strategy;

/**
 * A contract for a kind of rule: named {@linkplain RuleProperty properties} that must hold for
 * every generated input. {@link #check(Object)} runs each property with QuickTheories and, if one
 * does not hold, shrinks the input to a small counterexample and throws a {@link
 * ContractViolation} that shows it as text.
 *
 * <p>This is the one mechanism behind every contract of the testkit: {@link GuardContracts} builds
 * one for guards, {@link PipelineContracts} one for definitions; lead scorers, cadences and
 * delay-contact policies get theirs the same way.
 *
 * <pre>{@code
 * RuleContract<Guard, GuardContext> contract = RuleContract
 *     .<Guard, GuardContext>builder("my guard contract", contexts)
 *     .describeRule(Guard::name)
 *     .describeInput(Readable::context)
 *     .property("passes for won deals", (guard, context) -> ...)
 *     .build();
 * contract.withExamples(500).check(myGuard);
 * }</pre>
 *
 * <p>Runs are reproducible: the seed is the one given to {@link #withSeed(long)}, else the system
 * property {@code QT_SEED}, else a random one; it is reported with every failure. Immutable and
 * thread-safe if its input generator and properties are.
 *
 * @param <R> the rule type
 * @param <I> the input type
 */
public final class RuleContract<R, I> {
  /** Examples per property unless {@link #withExamples(int)} says otherwise: {@value}. */
  public static final int DEFAULT_EXAMPLES = 200;
  /** Shrink attempts after a failure unless {@link #withShrinkCycles(int)} says otherwise. */
  public static final int DEFAULT_SHRINK_CYCLES = 2000;

  private final String name;
  private final Gen<I> inputs;
  private final Function<? super R, String> ruleName;
  private final Function<? super I, String> inputText;
  private final Map<String, RuleProperty<R, I>> properties;
  private final int examples;
  private final OptionalLong seed;
  private final int shrinkCycles;

  private RuleContract(String name, Gen<I> inputs, Function<? super R, String> ruleName,
      Function<? super I, String> inputText, Map<String, RuleProperty<R, I>> properties,
      int examples, OptionalLong seed, int shrinkCycles) {
    this.name = name;
    this.inputs = inputs;
    this.ruleName = ruleName;
    this.inputText = inputText;
    this.properties = properties;
    this.examples = examples;
    this.seed = seed;
    this.shrinkCycles = shrinkCycles;
  }

  /**
   * Starts a contract.
   *
   * @param name the contract's name, such as {@code "guard contract"}
   * @param inputs the inputs every property is checked against
   * @param <R> the rule type
   * @param <I> the input type
   * @return a builder
   */
  public static <R, I> Builder<R, I> builder(String name, Gen<I> inputs) {
    return new Builder<>(name, inputs);
  }

  /** {@return the contract's name} */
  public String name() {
    return name;
  }

  /** {@return the input generator} */
  public Gen<I> inputs() {
    return inputs;
  }

  /** {@return the properties' names, in the order they are checked} */
  public List<String> propertyNames() {
    return List.copyOf(properties.keySet());
  }

  /** {@return how many examples each property is checked on} */
  public int examples() {
    return examples;
  }

  /**
   * Returns this contract checked on another number of examples per property.
   *
   * @param examples at least 1
   * @return the new contract
   */
  public RuleContract<R, I> withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new RuleContract<>(name, inputs, ruleName, inputText, properties, examples, seed,
        shrinkCycles);
  }

  /**
   * Returns this contract run with a fixed seed (to reproduce a reported failure).
   *
   * @param seed the seed
   * @return the new contract
   */
  public RuleContract<R, I> withSeed(long seed) {
    return new RuleContract<>(name, inputs, ruleName, inputText, properties, examples,
        OptionalLong.of(seed), shrinkCycles);
  }

  /**
   * Returns this contract with another shrinking effort.
   *
   * @param shrinkCycles attempts to shrink a counterexample, not negative
   * @return the new contract
   */
  public RuleContract<R, I> withShrinkCycles(int shrinkCycles) {
    if (shrinkCycles < 0) {
      throw new IllegalArgumentException("shrink cycles must not be negative: " + shrinkCycles);
    }
    return new RuleContract<>(name, inputs, ruleName, inputText, properties, examples, seed,
        shrinkCycles);
  }

  /**
   * Checks every property.
   *
   * @param rule the rule under test
   * @throws ContractViolation for the first property that does not hold; violations of later
   *     properties are attached as suppressed exceptions
   */
  public void check(R rule) {
    throwIfAny(violations(rule, propertyNames()));
  }

  /**
   * Checks some properties.
   *
   * @param rule the rule under test
   * @param propertyNames the properties to check
   * @throws ContractViolation for the first property that does not hold
   * @throws IllegalArgumentException if the contract has no property of a given name
   */
  public void check(R rule, String... propertyNames) {
    throwIfAny(violations(rule, Arrays.asList(propertyNames)));
  }

  /**
   * Checks every property and returns what does not hold, without throwing.
   *
   * @param rule the rule under test
   * @return one violation per property that does not hold, in property order
   */
  public List<ContractViolation> violations(R rule) {
    return violations(rule, propertyNames());
  }

  private List<ContractViolation> violations(R rule, List<String> names) {
    Objects.requireNonNull(rule, "rule is null");
    List<ContractViolation> found = new ArrayList<>();
    for (String n : names) {
      RuleProperty<R, I> p = properties.get(n);
      if (p == null) {
        throw new IllegalArgumentException("the " + name + " has no property '" + n
            + "'; it has " + properties.keySet());
      }
      run(rule, p).ifPresent(found::add);
    }
    return found;
  }

  private static void throwIfAny(List<ContractViolation> found) {
    if (found.isEmpty()) {
      return;
    }
    ContractViolation first = found.get(0);
    for (int i = 1; i < found.size(); i++) {
      first.addSuppressed(found.get(i));
    }
    throw first;
  }

  private Optional<ContractViolation> run(R rule, RuleProperty<R, I> property) {
    long s = seed.isPresent() ? seed.getAsLong() : defaultSeed();
    Capture capture = new Capture();
    Strategy strategy = new Strategy(Configuration.defaultPRNG(s), examples, 0L, shrinkCycles, 10,
        capture, prng -> new NoGuidance()).withUnlimitedTestingTime();
    QuickTheory.qt(() -> strategy).forAll(inputs).checkAssert(input -> {
      Optional<String> why = property.check(rule, input);
      if (why.isPresent()) {
        throw new Falsified(why.get());
      }
    });
    if (capture.exhausted) {
      throw new IllegalStateException("the " + name + " gave up on property '" + property.name()
          + "': the input generator met its assumptions for only " + capture.examples
          + " examples");
    }
    if (!capture.falsified) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    I smallest = (I) capture.smallest;
    Throwable cause = capture.cause;
    String reason = cause instanceof Falsified ? cause.getMessage() : thrown(cause);
    String text;
    try {
      text = inputText.apply(smallest);
    } catch (RuntimeException e) {
      text = String.valueOf(smallest) + " (describing it failed: " + e + ")";
    }
    return Optional.of(new ContractViolation(name, safeName(rule), property.name(), reason, text,
        s, capture.examples, capture.shrinks, cause instanceof Falsified ? null : cause));
  }

  private String safeName(R rule) {
    try {
      return ruleName.apply(rule);
    } catch (RuntimeException e) {
      return rule.getClass().getName();
    }
  }

  private static String thrown(@Nullable Throwable t) {
    if (t == null) {
      return "the property does not hold";
    }
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\\R");
    StringBuilder sb = new StringBuilder("checking it threw ").append(lines[0]);
    for (int i = 1; i < Math.min(lines.length, 4); i++) {
      sb.append(System.lineSeparator()).append("  ").append(lines[i].strip());
    }
    return sb.toString();
  }

  private static long defaultSeed() {
    String fixed = System.getProperty(Configuration.SEED);
    return fixed != null ? Long.parseLong(fixed.strip()) : ThreadLocalRandom.current().nextLong();
  }

  @Override
  public String toString() {
    return "RuleContract[" + name + ", properties " + properties.keySet() + ", " + examples
        + " examples]";
  }

  /** A property said no, with its reason; not an error of the rule. */
  private static final class Falsified extends AssertionError {
    private static final long serialVersionUID = 1L;

    Falsified(String reason) {
      super(reason, null);
    }
  }

  /** Collects what QuickTheories found instead of throwing its own message. */
  private static final class Capture implements Reporter {
    boolean falsified;
    boolean exhausted;
    @Nullable Object smallest;
    @Nullable Throwable cause;
    int examples;
    int shrinks;

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
        List<Object> others, AsString<Object> toString) {
      this.falsified = true;
      this.smallest = smallest;
      this.cause = cause;
      this.examples = examplesUsed;
      this.shrinks = Math.max(0, others.size() - 1);
    }

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, List<Object> others,
        AsString<Object> toString) {
      falisification(seed, examplesUsed, smallest, null, others, toString);
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      this.exhausted = true;
      this.examples = completedExamples;
    }
  }

  /**
   * Builds a {@link RuleContract}. Not thread-safe.
   *
   * @param <R> the rule type
   * @param <I> the input type
   */
  public static final class Builder<R, I> {
    private final String name;
    private final Gen<I> inputs;
    private Function<? super R, String> ruleName = String::valueOf;
    private Function<? super I, String> inputText;
    private final Map<String, RuleProperty<R, I>> properties = new LinkedHashMap<>();
    private int examples = DEFAULT_EXAMPLES;

    private Builder(String name, Gen<I> inputs) {
      this.name = Objects.requireNonNull(name, "name is null");
      this.inputs = Objects.requireNonNull(inputs, "inputs is null");
      this.inputText = inputs::asString;
    }

    /**
     * Sets how a rule is named in failure messages (default: {@code toString()}).
     *
     * @param ruleName the naming function
     * @return this builder
     */
    public Builder<R, I> describeRule(Function<? super R, String> ruleName) {
      this.ruleName = Objects.requireNonNull(ruleName, "ruleName is null");
      return this;
    }

    /**
     * Sets how a counterexample is shown (default: the input generator's {@code asString}).
     *
     * @param inputText the rendering function
     * @return this builder
     */
    public Builder<R, I> describeInput(Function<? super I, String> inputText) {
      this.inputText = Objects.requireNonNull(inputText, "inputText is null");
      return this;
    }

    /**
     * Adds a property.
     *
     * @param property the property; its name must be new
     * @return this builder
     * @throws IllegalArgumentException if a property of that name was added already
     */
    public Builder<R, I> property(RuleProperty<R, I> property) {
      Objects.requireNonNull(property, "property is null");
      if (properties.putIfAbsent(property.name(), property) != null) {
        throw new IllegalArgumentException("property '" + property.name() + "' added twice");
      }
      return this;
    }

    /**
     * Adds a property from a name and a check.
     *
     * @param name the property's name
     * @param check returns empty if the property holds, otherwise why not
     * @return this builder
     */
    public Builder<R, I> property(String name,
        java.util.function.BiFunction<R, I, Optional<String>> check) {
      return property(RuleProperty.of(name, check));
    }

    /**
     * Sets the examples per property (default {@value RuleContract#DEFAULT_EXAMPLES}).
     *
     * @param examples at least 1
     * @return this builder
     */
    public Builder<R, I> examples(int examples) {
      if (examples < 1) {
        throw new IllegalArgumentException("examples must be at least 1, not " + examples);
      }
      this.examples = examples;
      return this;
    }

    /**
     * Builds the contract.
     *
     * @return the contract
     * @throws IllegalStateException if no property was added
     */
    public RuleContract<R, I> build() {
      if (properties.isEmpty()) {
        throw new IllegalStateException("the " + name + " has no properties");
      }
      return new RuleContract<>(name, inputs, ruleName, inputText,
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties)), examples,
          OptionalLong.empty(), DEFAULT_SHRINK_CYCLES);
    }
  }
}
