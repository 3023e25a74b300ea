package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline, the snapshot view: where every open deal is as of an instant, what the pipeline
 * is worth, which deals rot, and whether the target is covered. Entry point for {@link
 * SnapshotReport} metrics.
 *
 * <pre>{@code
 * SnapshotReport now = Metrics.compute(
 *     PipelineSnapshot.asOf(definition, clock.instant()).target(Money.of("500000", "EUR")).build(),
 *     histories);
 * }</pre>
 *
 * <p>Each history is replayed up to the as-of instant (events after it are ignored; deals created
 * after it are not counted); deals in an {@linkplain dev.pipelinesdk.core.StageKind#OPEN open}
 * stage then are the pipeline.
 *
 * <p><b>Probability precedence</b> for the weighted amount: the deal's manual override ({@link
 * dev.pipelinesdk.core.Deal#manualProbability()}), else the learned probability of the {@link
 * ProbabilitySource} if one is supplied and has an opinion, else the stage default. Each {@link
 * OpenDeal} says which one it used.
 *
 * <p><b>Idle</b> ("rotting"): a deal is idle when more than its stage's {@link
 * dev.pipelinesdk.core.Stage#idleAfter()} has passed since its last activity ({@link
 * dev.pipelinesdk.core.Deal#lastActivityAt()}: the later of its last touch and entering the
 * stage). A deal snoozed until after the as-of instant is listed as snoozed instead. Idle deals
 * at the <b>decision stage</b> (the last open stage unless named) are listed separately as
 * stalled: do not let a deal hang.
 */
public final class PipelineSnapshot {
  private PipelineSnapshot() {}

  /**
   * Starts a snapshot.
   *
   * @param definition the pipeline definition
   * @param asOf the instant; events at or before it count
   * @return a builder
   */
  public static Builder asOf(PipelineDefinition definition, Instant asOf) {
    return new Builder(Objects.requireNonNull(definition, "definition is null"),
        Objects.requireNonNull(asOf, "asOf is null"));
  }

  /** Configures a snapshot. Not thread-safe; the metric it builds is. */
  public static final class Builder {
    private final PipelineDefinition definition;
    private final Instant asOf;
    private ProbabilitySource learned = ProbabilitySource.none();
    private Map<DealId, Instant> snoozed = Map.of();
    private Optional<StageId> decision = Optional.empty();
    private Optional<Duration> stalledAfter = Optional.empty();
    private Optional<Money> target = Optional.empty();
    private CurrencyConversion conversion = CurrencyConversion.none();

    Builder(PipelineDefinition definition, Instant asOf) {
      this.definition = definition;
      this.asOf = asOf;
    }

    /**
     * Supplies learned probabilities (second in precedence, after a manual override).
     *
     * @param source the source
     * @return this builder
     */
    public Builder probabilities(ProbabilitySource source) {
      this.learned = Objects.requireNonNull(source, "source is null");
      return this;
    }

    /**
     * Snoozes idle detection per deal until an instant.
     *
     * @param snoozedUntil for each snoozed deal, the instant the snooze ends
     * @return this builder
     */
    public Builder snoozed(Map<DealId, Instant> snoozedUntil) {
      this.snoozed = Map.copyOf(snoozedUntil);
      return this;
    }

    /**
     * Names the decision stage whose idle deals are listed as stalled; the default is the last
     * open stage.
     *
     * @param stage an open stage
     * @return this builder
     * @throws IllegalArgumentException if the stage is not an open stage of the definition
     */
    public Builder decisionStage(StageId stage) {
      Objects.requireNonNull(stage, "stage is null");
      if (definition.funnelIndex(stage).isEmpty()) {
        throw new IllegalArgumentException("decision stage '" + stage
            + "' is not an open stage of pipeline '" + definition.id() + "'");
      }
      this.decision = Optional.of(stage);
      return this;
    }

    /**
     * Sets how long a deal may sit at the decision stage without activity before it is stalled;
     * the default is the stage's idle threshold, else its expected duration.
     *
     * @param threshold a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder stalledAfter(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold is null");
      if (threshold.isZero() || threshold.isNegative()) {
        throw new IllegalArgumentException("stall threshold must be positive, not " + threshold);
      }
      this.stalledAfter = Optional.of(threshold);
      return this;
    }

    /**
     * Sets the target to compute coverage against.
     *
     * @param target the target, in the reporting currency
     * @return this builder
     */
    public Builder target(Money target) {
      this.target = Optional.of(Objects.requireNonNull(target, "target is null"));
      return this;
    }

    /**
     * Sets the conversion of amounts into one reporting currency.
     *
     * @param conversion the conversion
     * @return this builder
     */
    public Builder conversion(CurrencyConversion conversion) {
      this.conversion = Objects.requireNonNull(conversion, "conversion is null");
      return this;
    }

    /** {@return the snapshot metric} */
    public Metric<SnapshotReport> build() {
      StageIndex ix = new StageIndex(definition);
      if (ix.openSize() == 0) {
        throw new IllegalArgumentException("pipeline '" + definition.id() + "' has no open stage");
      }
      StageId decisionStage = decision.orElse(ix.open.get(ix.openSize() - 1).id());
      Optional<Duration> stall = stalledAfter.or(() -> {
        var s = definition.requireStage(decisionStage);
        return s.idleAfter().or(s::expectedDuration);
      });
      return new SnapshotMetric(ix, asOf, learned, snoozed, ix.require(decisionStage), stall,
          target, conversion);
    }
  }
}
