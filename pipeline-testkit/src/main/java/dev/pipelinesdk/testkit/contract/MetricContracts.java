package dev.pipelinesdk.testkit.contract;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.metrics.Metric;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.testkit.gen.Histories;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;

/**
 * The contract every {@link Metric} keeps, checked for a metric of your own the way the SDK
 * checks its built-in ones: on generated histories of a definition (driven through the real
 * engine, so valid by construction), the sequential result equals the result of any split into
 * parts, accumulated separately and merged in any grouping; merge is associative; the order of
 * the histories does not matter; {@code result()} does not change the accumulator.
 *
 * <pre>{@code
 * @Test
 * void myMetricKeepsTheContract() {
 *   MetricContracts.forDefinition(definition).verify(new WonByOwner(definition));
 * }
 * }</pre>
 *
 * <p>The generated deals take the definition's currency; a definition without one gets deals in
 * several currencies, which the built-in metrics refuse without a {@link
 * dev.pipelinesdk.core.metrics.CurrencyConversion}: fix the definition's currency, or give the
 * metric a conversion.
 *
 * <p>A failure is a {@link ContractViolation} naming the property, why it does not hold and the
 * smallest set of histories found, with the seed to reproduce it. Results are compared with
 * {@code equals}: make the metric's result a value. Immutable.
 */
public final class MetricContracts {
  /** The contract's name: {@value}. */
  public static final String CONTRACT = "metric contract";
  /** Property: a split into parts, merged, gives the sequential result. */
  public static final String SPLIT_INVARIANCE = "any split merged equals one pass";
  /** Property: {@code (a merge b) merge c} equals {@code a merge (b merge c)}. */
  public static final String MERGE_ASSOCIATIVE = "merge is associative";
  /** Property: shuffled histories give the same result. */
  public static final String ORDER_INDEPENDENT = "the order of histories does not matter";
  /** Property: asking for the result twice gives equal results. */
  public static final String RESULT_PURE = "result() does not change the accumulator";

  private final Histories histories;
  private final int maxDeals;
  private final int examples;
  private final OptionalLong seed;

  private MetricContracts(Histories histories, int maxDeals, int examples, OptionalLong seed) {
    this.histories = histories;
    this.maxDeals = maxDeals;
    this.examples = examples;
    this.seed = seed;
  }

  /**
   * Starts configuring the contract over histories of a definition: up to 30 deals per sample,
   * 100 samples.
   *
   * @param definition the definition the metric reads
   * @return the configuration
   */
  public static MetricContracts forDefinition(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    return new MetricContracts(Histories.forDefinition(definition), 30, 100,
        OptionalLong.empty());
  }

  /**
   * Uses other generated histories (another attribute schema, timing or length).
   *
   * @param histories the histories' configuration
   * @return the new configuration
   */
  public MetricContracts withHistories(Histories histories) {
    return new MetricContracts(Objects.requireNonNull(histories, "histories is null"), maxDeals,
        examples, seed);
  }

  /**
   * Sets the most deals in one sample.
   *
   * @param maxDeals at least 1
   * @return the new configuration
   */
  public MetricContracts withMaxDeals(int maxDeals) {
    if (maxDeals < 1) {
      throw new IllegalArgumentException("max deals must be at least 1, not " + maxDeals);
    }
    return new MetricContracts(histories, maxDeals, examples, seed);
  }

  /**
   * Sets how many samples run per property.
   *
   * @param examples at least 1
   * @return the new configuration
   */
  public MetricContracts withExamples(int examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be at least 1, not " + examples);
    }
    return new MetricContracts(histories, maxDeals, examples, seed);
  }

  /**
   * Fixes the seed, to reproduce a failure.
   *
   * @param seed the seed a {@link ContractViolation} reported
   * @return the new configuration
   */
  public MetricContracts withSeed(long seed) {
    return new MetricContracts(histories, maxDeals, examples, OptionalLong.of(seed));
  }

  /**
   * Checks a metric against every property.
   *
   * @param metric the metric
   * @throws ContractViolation if a property does not hold
   */
  public void verify(Metric<?> metric) {
    Objects.requireNonNull(metric, "metric is null");
    contract().check(metric);
  }

  /**
   * Checks a metric against some properties.
   *
   * @param metric the metric
   * @param properties the property names (the constants of this class)
   * @throws ContractViolation if one of them does not hold
   * @throws IllegalArgumentException if a name is not a property of the contract
   */
  public void verify(Metric<?> metric, String... properties) {
    Objects.requireNonNull(metric, "metric is null");
    contract().check(metric, properties);
  }

  /** {@return the contract as a {@link RuleContract}, for further configuration} */
  public RuleContract<Metric<?>, Sample> contract() {
    RuleContract<Metric<?>, Sample> c = RuleContract
        .<Metric<?>, Sample>builder(CONTRACT, samples())
        .describeRule(Object::toString)
        .describeInput(Sample::toString)
        .examples(examples)
        .property(SPLIT_INVARIANCE, MetricContracts::splitInvariance)
        .property(MERGE_ASSOCIATIVE, MetricContracts::associative)
        .property(ORDER_INDEPENDENT, MetricContracts::orderIndependent)
        .property(RESULT_PURE, MetricContracts::resultPure)
        .build();
    return seed.isPresent() ? c.withSeed(seed.getAsLong()) : c;
  }

  private Gen<Sample> samples() {
    return lists().of(histories.histories()).ofSizeBetween(0, maxDeals)
        .zip(longs().all(), integers().between(1, 4), (hs, s, parts) -> new Sample(unique(hs), s,
            parts));
  }

  /** Distinct deal ids, as a store of deals has them. */
  private static List<DealHistory> unique(List<DealHistory> histories) {
    Set<DealId> seen = new HashSet<>();
    List<DealHistory> out = new ArrayList<>();
    for (DealHistory h : histories) {
      if (seen.add(h.dealId())) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * One generated input: histories, and how to cut and shuffle them.
   *
   * @param histories the histories, distinct deals
   * @param seed where the cuts and the shuffle come from
   * @param parts how many parts to split into, 1 to 4
   */
  public record Sample(List<DealHistory> histories, long seed, int parts) {
    /**
     * Copies the histories.
     *
     * @param histories the histories, distinct deals
     * @param seed where the cuts and the shuffle come from
     * @param parts how many parts to split into, 1 to 4
     */
    public Sample {
      histories = List.copyOf(histories);
    }

    /** {@return the histories cut into {@link #parts()} consecutive parts at random points} */
    public List<List<DealHistory>> split() {
      Random random = new Random(seed);
      int[] cuts = new int[parts + 1];
      for (int i = 1; i < parts; i++) {
        cuts[i] = random.nextInt(histories.size() + 1);
      }
      cuts[parts] = histories.size();
      java.util.Arrays.sort(cuts);
      List<List<DealHistory>> out = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        out.add(histories.subList(cuts[i], cuts[i + 1]));
      }
      return out;
    }

    /** {@return the histories in a random order} */
    public List<DealHistory> shuffled() {
      List<DealHistory> s = new ArrayList<>(histories);
      Collections.shuffle(s, new Random(~seed));
      return s;
    }

    /** {@return the deal ids and the split, one line} */
    @Override
    public String toString() {
      return histories.size() + " deals " + histories.stream().map(h -> h.dealId().value())
          .collect(Collectors.joining(", ", "[", "]")) + " in " + parts + " parts, seed " + seed;
    }
  }

  private static <R> Metric.Accumulator<R> accumulate(Metric<R> metric, List<DealHistory> part) {
    Metric.Accumulator<R> acc = metric.newAccumulator();
    part.forEach(acc::add);
    return acc;
  }

  private static Optional<String> compare(String what, Object expected, Object actual) {
    return expected.equals(actual) ? Optional.empty()
        : Optional.of(what + " gave" + System.lineSeparator() + actual + System.lineSeparator()
            + "where one pass gave" + System.lineSeparator() + expected);
  }

  private static <R> Optional<String> splitInvariance(Metric<R> metric, Sample sample) {
    R one = Metrics.compute(metric, sample.histories());
    Metric.Accumulator<R> merged = null;
    for (List<DealHistory> part : sample.split()) {
      Metric.Accumulator<R> acc = accumulate(metric, part);
      merged = merged == null ? acc : merged.merge(acc);
    }
    return compare("the parts merged left to right", one, merged.result());
  }

  private static <R> Optional<String> associative(Metric<R> metric, Sample sample) {
    List<List<DealHistory>> three = new Sample(sample.histories(), sample.seed(), 3).split();
    R left = accumulate(metric, three.get(0)).merge(accumulate(metric, three.get(1)))
        .merge(accumulate(metric, three.get(2))).result();
    R right = accumulate(metric, three.get(0)).merge(accumulate(metric, three.get(1))
        .merge(accumulate(metric, three.get(2)))).result();
    return compare("(a merge b) merge c vs a merge (b merge c): the latter", left, right);
  }

  private static <R> Optional<String> orderIndependent(Metric<R> metric, Sample sample) {
    return compare("the shuffled histories", Metrics.compute(metric, sample.histories()),
        Metrics.compute(metric, sample.shuffled()));
  }

  private static <R> Optional<String> resultPure(Metric<R> metric, Sample sample) {
    Metric.Accumulator<R> acc = accumulate(metric, sample.histories());
    R first = acc.result();
    return compare("asking for the result a second time", first, acc.result());
  }
}
