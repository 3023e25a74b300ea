package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.internal.Draw;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators of histories for one definition, produced by driving the real engine with a manual
 * clock: every history is valid by construction and replays to its deal. Configure the attribute
 * schema, the timing and the number of steps; each {@code with...} method returns a new
 * configuration. Immutable.
 *
 * <pre>{@code
 * Gen<DealHistory> histories = Histories.forDefinition(definition)
 *     .withAttributes(AttributeSchema.defaults().flag("proof_of_income"))
 *     .withMaxSteps(20)
 *     .histories();
 * }</pre>
 */
public final class Histories {
  static final List<String> TITLES = List.of("Acme", "Globex, 40 seats", "Initech renewal",
      "Umbrella pilot", "Stark, 3 sites");
  static final List<String> OWNERS = List.of("ana", "ben", "chloe");

  private final PipelineDefinition definition;
  private final AttributeSchema schema;
  private final Timing timing;
  private final int maxSteps;
  private final Gen<Instant> starts;
  private final Optional<StageId> startIn;

  private Histories(PipelineDefinition definition, AttributeSchema schema, Timing timing,
      int maxSteps, Gen<Instant> starts, Optional<StageId> startIn) {
    this.definition = definition;
    this.schema = schema;
    this.timing = timing;
    this.maxSteps = maxSteps;
    this.starts = starts;
    this.startIn = startIn;
  }

  /**
   * Histories through a definition, with {@link AttributeSchema#defaults()}, {@link
   * Timing#realistic()}, up to 12 steps, starting within two years of {@value
   * Instants#DEFAULT_START_TEXT}.
   *
   * @param definition the definition, with its guards
   * @return the configuration
   */
  public static Histories forDefinition(PipelineDefinition definition) {
    return new Histories(Objects.requireNonNull(definition, "definition is null"),
        AttributeSchema.defaults(), Timing.realistic(), 12, Instants.recent(), Optional.empty());
  }

  /**
   * Returns this configuration with another attribute schema (replacing the defaults; combine
   * with {@code AttributeSchema.defaults().and(...)} to keep them).
   *
   * @param schema the attributes deals are created with and set during the history
   * @return the new configuration
   */
  public Histories withAttributes(AttributeSchema schema) {
    return new Histories(definition, Objects.requireNonNull(schema, "schema is null"), timing,
        maxSteps, starts, startIn);
  }

  /**
   * Returns this configuration with another timing.
   *
   * @param timing how time passes between steps
   * @return the new configuration
   */
  public Histories withTiming(Timing timing) {
    return new Histories(definition, schema, Objects.requireNonNull(timing, "timing is null"),
        maxSteps, starts, startIn);
  }

  /**
   * Returns this configuration with another number of steps.
   *
   * @param maxSteps the most commands after the creation, not negative
   * @return the new configuration
   */
  public Histories withMaxSteps(int maxSteps) {
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must not be negative: " + maxSteps);
    }
    return new Histories(definition, schema, timing, maxSteps, starts, startIn);
  }

  /**
   * Returns this configuration with other creation instants.
   *
   * @param starts when deals are created
   * @return the new configuration
   */
  public Histories withStarts(Gen<Instant> starts) {
    return new Histories(definition, schema, timing, maxSteps,
        Objects.requireNonNull(starts, "starts is null"), startIn);
  }

  /**
   * Returns this configuration with every deal first seen in one stage: a deal in an entry stage
   * is created there, one in any other stage is imported there ({@code Pipeline.importDeal}), as
   * a CRM export begins a history further down the funnel. For rules that watch a stage, such as
   * automation rules.
   *
   * @param stage a stage of the definition
   * @return the new configuration
   * @throws IllegalArgumentException if the definition has no such stage (naming the known ones)
   */
  public Histories startingIn(StageId stage) {
    definition.requireStage(Objects.requireNonNull(stage, "stage is null"));
    return new Histories(definition, schema, timing, maxSteps, starts, Optional.of(stage));
  }

  /** {@return scenarios: a creation and commands, accepted or rejected, see {@link Scenario}} */
  public Gen<Scenario> scenarios() {
    Gen<Scenario> gen = this::scenario;
    return gen.describedAs(Scenario::toString);
  }

  /** {@return histories of the accepted events of generated scenarios} */
  public Gen<DealHistory> histories() {
    return scenarios().map(Scenario::history).describedAs(Readable::history);
  }

  /** {@return deals at the end of generated histories} */
  public Gen<Deal> deals() {
    return histories().map(DealHistory::current).describedAs(Readable::deal);
  }

  Scenario scenario(RandomnessSource in) {
    Instant start = starts.generate(in);
    Currency currency = definition.currency()
        .orElseGet(() -> Money.currency(Draw.pick(in, StageGraphs.CURRENCIES)));
    List<StageId> entries = new ArrayList<>(definition.entryStages());
    NewDeal.Builder deal = NewDeal.builder().id("D-" + Draw.between(in, 1, 999))
        .title(Draw.pick(in, TITLES))
        .stage(startIn.isPresent() ? startIn.get() : Draw.pick(in, entries))
        .attributes(schema.maps().generate(in));
    if (Draw.chance(in, 50)) {
      deal.amount(Money.ofMinor(Draw.between(in, 0L, 10_000_000L), currency));
    }
    if (Draw.chance(in, 50)) {
      deal.owner(Draw.pick(in, OWNERS));
    }
    if (Draw.chance(in, 50)) {
      deal.leadSource(new LeadSource(Draw.pick(in, List.of(LeadSource.Temperature.values())),
          Draw.pick(in, List.of("webinar", "referral", "call", "social"))));
    }
    if (Draw.chance(in, 10)) {
      deal.manualProbability(Draw.between(in, 0, 20) / 20.0);
    }
    if (Draw.chance(in, 50)) {
      deal.closeDate(LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(Draw.between(in, 0, 180)));
    }
    Request creator = Commands.requests().generate(in);
    int n = Draw.between(in, 0, maxSteps);
    List<Scenario.Plan> plans = new ArrayList<>(n);
    Gen<Duration> waits = timing.waits();
    Gen<Request> requests = Commands.requests();
    List<String> names = new ArrayList<>(schema.names());
    for (int i = 0; i < n; i++) {
      // Enabled 95% of the time; shrinks toward disabled, so the shrinker can drop any step,
      // not only the last ones (QuickTheories shrinks draw by draw and cuts lists at the end).
      boolean enabled = Draw.chance(in, 95);
      Duration wait = waits.generate(in);
      Scenario.Plan plan = new Scenario.Plan(wait, action(in, names), requests.generate(in));
      if (enabled) {
        plans.add(plan);
      }
    }
    return new Scenario(definition, start, deal.build(), creator, currency, plans);
  }

  private Scenario.Action action(RandomnessSource in, List<String> names) {
    int kind = Draw.weighted(in, 20, names.isEmpty() ? 0 : 22, 30, 8, 4, 4, 4, 3, 3, 2, 5, 3, 5);
    switch (kind) {
      case 1: {
        String name = Draw.pick(in, names);
        Optional<AttributeValue> value = Draw.chance(in, 15) ? Optional.empty()
            : Optional.of(schema.values(name).generate(in));
        return Scenario.attribute(name, value);
      }
      case 2:
        return new Scenario.DeclaredMove(Draw.between(in, 0, 7));
      case 3:
        return new Scenario.AmountChange(Draw.between(in, 0L, 10_000_000L), Draw.chance(in, 10),
            Draw.chance(in, 5));
      case 4:
        return Scenario.owner(Draw.chance(in, 20) ? Optional.empty()
            : Optional.of(Draw.pick(in, OWNERS)));
      case 5: {
        int p = Draw.between(in, 0, 22);
        return Scenario.probability(p == 21 ? OptionalDouble.empty()
            : OptionalDouble.of(p == 22 ? 1.5 : p / 20.0));
      }
      case 6:
        return new Scenario.Fixed(new Command.Win());
      case 7:
        return new Scenario.Fixed(new Command.Lose(Draw.pick(in, Deals.LOST_REASONS)));
      case 8:
        return new Scenario.Fixed(new Command.GoDormant());
      case 9:
        return new Scenario.AnyMove(Draw.between(in, 0, 20));
      case 10: // mostly pushes, some pull-ins and repeats of the same date (no-ops), few clears
        return new Scenario.CloseDateChange(Draw.between(in, -10, 60), Draw.chance(in, 10));
      case 11: // mostly a few days or weeks; sometimes the same day, which the engine refuses
        return new Scenario.SnoozeFor(Draw.between(in, 0, 30),
            Draw.pick(in, List.of("customer on holiday", "waiting for budget", "board meeting")));
      case 12: // enrolments more often than stops, so stops find something to stop
        return new Scenario.CadenceChange(Draw.between(in, 0, 99), Draw.chance(in, 40),
            Draw.pick(in, List.of("customer asked for no more emails", "talking already")));
      default:
        return Scenario.touch(Commands.touches().generate(in));
    }
  }

  @Override
  public String toString() {
    return "Histories[" + definition.id() + ", " + schema + ", " + timing + ", up to " + maxSteps
        + " steps" + startIn.map(s -> ", starting in " + s).orElse("") + "]";
  }
}
