package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.PipelineDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The funnel, the cohort view: of the deals created in a period, how many reached each stage,
 * how many converted, where the others dropped out. Entry point for {@link FunnelReport} and
 * {@link FunnelBreakdown} metrics.
 *
 * <pre>{@code
 * Metric<?, FunnelReport> funnel = Funnel.of(definition)
 *     .createdBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))
 *     .temperature(LeadSource.Temperature.WARM)
 *     .build();
 * FunnelReport report = Metrics.compute(funnel, histories);
 * System.out.print(report.toTable());
 * }</pre>
 *
 * <p>Semantics, per open stage in funnel order:
 *
 * <ul>
 *   <li><b>reached</b>: deals of the cohort that entered this stage or a later one, or are won
 *       (HubSpot's cumulative funnel), so reached never grows down the funnel;
 *   <li><b>entered</b>: deals that were in this stage at least once; {@code reached - entered}
 *       deals skipped it;
 *   <li><b>drop-off</b> by each deal's state at the end (or at the {@linkplain Builder#asOf
 *       as-of instant}): <b>lost</b> or <b>went dark</b> from this stage (the last open stage it
 *       was in), or <b>stuck</b> here (still open in it). Every cohort deal that was ever in an
 *       open stage is counted exactly once: in one stage's drop-off or as won.
 *   <li><b>back-moves</b> and <b>skip moves</b>: moves between open stages out of this stage,
 *       backwards or jumping over at least one stage (events, so a deal can count twice).
 * </ul>
 *
 * <p>"Won" means won at the end: a deal that was won, reopened and lost counts as lost.
 */
public final class Funnel {
  private Funnel() {}

  /**
   * Starts a funnel over a pipeline's stages; without filters the cohort is every deal.
   *
   * @param definition the pipeline definition whose open stages form the funnel
   * @return a builder
   */
  public static Builder of(PipelineDefinition definition) {
    return new Builder(Objects.requireNonNull(definition, "definition is null"));
  }

  /**
   * Configures a funnel: the cohort (creation period and filters over the deal as created) and
   * the as-of instant. Not thread-safe; the metrics it builds are.
   */
  public static final class Builder {
    private final PipelineDefinition definition;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Optional<Instant> asOf = Optional.empty();
    private Predicate<Deal> filter = d -> true;
    private final List<String> description = new ArrayList<>();
    private CurrencyConversion conversion = CurrencyConversion.none();

    Builder(PipelineDefinition definition) {
      this.definition = definition;
    }

    /**
     * Restricts the cohort to deals created in {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     * @return this builder
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Builder createdBetween(Instant from, Instant to) {
      Objects.requireNonNull(from, "from is null");
      Objects.requireNonNull(to, "to is null");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("period ends at " + to + " before it starts at " + from);
      }
      this.from = Optional.of(from);
      this.to = Optional.of(to);
      return this;
    }

    /**
     * Ignores events after an instant, as if the funnel were computed then; deals created later
     * are not in the cohort.
     *
     * @param asOf the last instant whose events count (inclusive)
     * @return this builder
     */
    public Builder asOf(Instant asOf) {
      this.asOf = Optional.of(Objects.requireNonNull(asOf, "asOf is null"));
      return this;
    }

    /**
     * Restricts the cohort with a predicate over the deal as created (its {@code Created}
     * event). Several filters all apply.
     *
     * @param predicate the filter
     * @return this builder
     */
    public Builder where(Predicate<Deal> predicate) {
      Objects.requireNonNull(predicate, "predicate is null");
      return where("custom filter", predicate);
    }

    /**
     * Restricts the cohort to one lead source.
     *
     * @param source the lead source, such as {@code LeadSource.warm("webinar")}
     * @return this builder
     */
    public Builder leadSource(LeadSource source) {
      Objects.requireNonNull(source, "source is null");
      return where("lead source " + source, d -> d.leadSource().equals(Optional.of(source)));
    }

    /**
     * Restricts the cohort to cold or warm leads.
     *
     * @param temperature cold or warm
     * @return this builder
     */
    public Builder temperature(LeadSource.Temperature temperature) {
      Objects.requireNonNull(temperature, "temperature is null");
      return where(temperature.name().toLowerCase(Locale.ROOT) + " leads",
          d -> d.leadSource().map(s -> s.temperature() == temperature).orElse(false));
    }

    /**
     * Restricts the cohort to one owner (at creation).
     *
     * @param owner the owner
     * @return this builder
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner is null");
      return where("owner " + owner, d -> d.owner().equals(Optional.of(owner)));
    }

    /**
     * Restricts the cohort to deals with an attribute value (at creation).
     *
     * @param name the attribute name
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String name, AttributeValue value) {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
      return where(name + " = " + value, d -> d.attribute(name).equals(Optional.of(value)));
    }

    /**
     * Sets the conversion of won amounts into one reporting currency (see {@link
     * CurrencyConversion}).
     *
     * @param conversion the conversion
     * @return this builder
     */
    public Builder conversion(CurrencyConversion conversion) {
      this.conversion = Objects.requireNonNull(conversion, "conversion is null");
      return this;
    }

    private Builder where(String what, Predicate<Deal> predicate) {
      filter = filter.and(predicate);
      description.add(what);
      return this;
    }

    /** {@return the funnel metric of the cohort} */
    public Metric<FunnelReport> build() {
      return new FunnelMetric(spec());
    }

    /**
     * Builds a breakdown: one funnel per key, such as {@link FunnelBreakdown#byTemperature()}.
     *
     * @param key the key of a deal as created
     * @return the breakdown metric
     */
    public Metric<FunnelBreakdown> by(Function<Deal, String> key) {
      return new FunnelMetric.Breakdown(spec(), Objects.requireNonNull(key, "key is null"));
    }

    FunnelMetric.Spec spec() {
      List<String> what = new ArrayList<>();
      if (from.isPresent()) {
        what.add("created in [" + from.get() + ", " + to.get() + ")");
      }
      what.addAll(description);
      asOf.ifPresent(a -> what.add("as of " + a));
      return new FunnelMetric.Spec(new StageIndex(definition), from, to, asOf, filter,
          what.isEmpty() ? "all deals" : String.join(", ", what), conversion);
    }
  }
}
