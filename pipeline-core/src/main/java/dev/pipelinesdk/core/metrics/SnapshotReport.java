package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The pipeline as of an instant: open deals per stage, their value, idle and stalled deals, and
 * coverage of the target. See {@link PipelineSnapshot} for the semantics. Immutable.
 *
 * @param pipeline the pipeline definition id
 * @param asOf the instant
 * @param stages the open stages in funnel order
 * @param openDeals every open deal, in funnel order then by id
 * @param target the target, if one was set
 * @param decisionStage the stage whose idle deals count as stalled
 */
public record SnapshotReport(String pipeline, Instant asOf, List<SnapshotStage> stages,
    List<OpenDeal> openDeals, Optional<Money> target, StageId decisionStage) {

  /** Creates the value. */
  public SnapshotReport {
    Objects.requireNonNull(pipeline, "pipeline is null");
    Objects.requireNonNull(asOf, "asOf is null");
    stages = List.copyOf(stages);
    openDeals = List.copyOf(openDeals);
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(decisionStage, "decisionStage is null");
  }

  /**
   * Returns one stage's row.
   *
   * @param stage an open stage
   * @return the row
   * @throws IllegalArgumentException if it is not an open stage of the pipeline
   */
  public SnapshotStage stage(StageId stage) {
    return stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("pipeline '" + pipeline + "' has no open stage '"
            + stage + "'"));
  }

  /** {@return the number of open deals} */
  public long count() {
    return openDeals.size();
  }

  /** {@return the sum of open amounts} */
  public Money total() {
    return stages.stream().map(SnapshotStage::total).reduce(Money::plus).orElseThrow();
  }

  /** {@return the sum of weighted open amounts} */
  public Money weighted() {
    return stages.stream().map(SnapshotStage::weighted).reduce(Money::plus).orElseThrow();
  }

  /** {@return deals idle beyond their stage's threshold, outside the decision stage} */
  public List<OpenDeal> idle() {
    return withStatus(OpenDeal.Status.IDLE);
  }

  /** {@return idle deals at the decision stage: get a decision one way or the other} */
  public List<OpenDeal> stalled() {
    return withStatus(OpenDeal.Status.STALLED);
  }

  /** {@return deals that would be idle or stalled but are snoozed} */
  public List<OpenDeal> snoozed() {
    return withStatus(OpenDeal.Status.SNOOZED);
  }

  private List<OpenDeal> withStatus(OpenDeal.Status status) {
    return openDeals.stream().filter(d -> d.status() == status).toList();
  }

  /**
   * Weighted open amount over the target: 1.0 means the weighted pipeline equals the target.
   *
   * @return the coverage; empty without a target or with a zero target
   * @throws IllegalArgumentException if the target's currency differs from the amounts'
   */
  public OptionalDouble coverage() {
    if (target.isEmpty() || target.get().isZero()) {
      return OptionalDouble.empty();
    }
    Money w = weighted();
    if (!w.isZero()) {
      w.requireSameCurrency(target.get());
    }
    return OptionalDouble.of(w.amount().divide(target.get().amount(), MathContext.DECIMAL64)
        .doubleValue());
  }

  /**
   * What the weighted pipeline lacks to reach the target.
   *
   * @return the gap (zero if covered); empty without a target
   * @throws IllegalArgumentException if the target's currency differs from the amounts'
   */
  public Optional<Money> gap() {
    return target.map(t -> {
      Money w = weighted();
      if (!w.isZero()) {
        w.requireSameCurrency(t);
      }
      BigDecimal g = t.amount().subtract(w.amount());
      return Money.of(g.max(BigDecimal.ZERO), t.currency());
    });
  }

  /** {@return the stages as a plain-text table, then the stalled and idle deals} */
  public String toTable() {
    TextTable t = new TextTable("Pipeline " + pipeline + " as of " + asOf + ": " + count()
        + " open deals, " + total() + ", weighted " + weighted()
        + target.map(x -> ", target " + x + ", coverage "
            + TextTable.percent(coverage().orElse(Double.NaN))).orElse(""),
        "stage", "deals", "total", "weighted", "avg age", "oldest", "idle", "manual", "learned",
        "default");
    for (SnapshotStage s : stages) {
      t.row(s.name(), s.count(), TextTable.money(s.total().amount()),
          TextTable.money(s.weighted().amount()),
          TextTable.days(s.averageAge().getSeconds() / 86_400.0),
          TextTable.days(s.oldestAge().getSeconds() / 86_400.0), s.idle(),
          s.bySource().get(ProbabilitySource.Kind.MANUAL),
          s.bySource().get(ProbabilitySource.Kind.LEARNED),
          s.bySource().get(ProbabilitySource.Kind.STAGE_DEFAULT));
    }
    StringBuilder sb = new StringBuilder(t.render());
    list(sb, "Stalled at " + decisionStage, stalled());
    list(sb, "Idle", idle());
    list(sb, "Snoozed", snoozed());
    return sb.toString();
  }

  private static void list(StringBuilder sb, String title, List<OpenDeal> deals) {
    if (deals.isEmpty()) {
      return;
    }
    sb.append(title).append(":\n");
    for (OpenDeal d : deals) {
      sb.append("  ").append(d.deal()).append(" in ").append(d.stage()).append(", idle ")
          .append(TextTable.days(d.idleFor().getSeconds() / 86_400.0))
          .append(d.snoozedUntil().map(u -> ", snoozed until " + u).orElse("")).append('\n');
    }
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "SnapshotReport[" + pipeline + " as of " + asOf + ": " + count() + " open, total "
        + total() + ", weighted " + weighted() + ", " + idle().size() + " idle, "
        + stalled().size() + " stalled" + target.map(x -> ", target " + x).orElse("") + "]";
  }
}
