package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The pipeline as of an instant ({@link Metrics#snapshot}): open deals per stage, their value,
 * idle and stalled deals, and coverage of the target. Immutable.
 *
 * <p>Each history is replayed up to the as-of instant (events after it are ignored; deals created
 * after it are not counted); deals in an open stage then are the pipeline.
 *
 * <p><b>Probability precedence</b> for the weighted amount: the deal's manual override, else the
 * learned probability of the {@link ProbabilitySource} if one was supplied and has an opinion,
 * else the stage default. Each {@link OpenDeal} says which one it used. A deal's weighted amount
 * is {@code amount * probability} rounded half-even to the currency's scale; a stage's weighted
 * total is the exact sum of {@code amount * probability} over its deals, rounded once.
 *
 * <p><b>Idle</b> ("rotting"): a deal is idle when more than its stage's idle threshold has passed
 * since its last activity (the later of its last touch and entering the stage). A deal snoozed
 * until after the as-of instant is listed as snoozed instead. Idle deals at the <b>decision
 * stage</b> (the last open stage unless named) are listed separately as stalled: do not let a
 * deal hang.
 *
 * @param pipeline the pipeline definition id
 * @param asOf the instant
 * @param stages the open stages in funnel order
 * @param openDeals every open deal, in funnel order then by id
 * @param target the target, if one was set
 * @param decisionStage the stage whose idle deals count as stalled
 */
public record SnapshotReport(String pipeline, Instant asOf, List<SnapshotReport.Row> stages,
    List<SnapshotReport.OpenDeal> openDeals, Optional<Money> target, StageId decisionStage) {

  /**
   * One open stage.
   *
   * @param stage the stage id
   * @param name the stage name
   * @param count open deals in it
   * @param withoutAmount how many of them have no amount
   * @param total the sum of their amounts; empty if none has an amount
   * @param weighted the sum of amount times probability, rounded once to the currency's scale;
   *     empty if none has an amount
   * @param averageAge the mean time in this stage, exact; empty without deals
   * @param oldestAge the longest time in this stage; empty without deals
   * @param idle deals idle or stalled (snoozed ones excluded)
   * @param bySource how many deals used each probability source
   */
  public record Row(StageId stage, String name, long count, long withoutAmount,
      Optional<Money> total, Optional<Money> weighted, Optional<Duration> averageAge,
      Optional<Duration> oldestAge, long idle, Map<ProbabilitySource.Kind, Long> bySource) {

    /**
     * Checks and copies.
     *
     * @param stage the stage id
     * @param name the stage name
     * @param count open deals in it
     * @param withoutAmount how many of them have no amount
     * @param total the sum of their amounts; empty if none has an amount
     * @param weighted the sum of amount times probability, rounded once to the currency's scale;
     *     empty if none has an amount
     * @param averageAge the mean time in this stage, exact; empty without deals
     * @param oldestAge the longest time in this stage; empty without deals
     * @param idle deals idle or stalled (snoozed ones excluded)
     * @param bySource how many deals used each probability source
     * @throws NullPointerException if any of {@code stage}, {@code name}, {@code total}, {@code
     *     weighted}, {@code averageAge} or {@code oldestAge} is null
     */
    public Row {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(total, "total is null");
      Objects.requireNonNull(weighted, "weighted is null");
      Objects.requireNonNull(averageAge, "averageAge is null");
      Objects.requireNonNull(oldestAge, "oldestAge is null");
      bySource = Map.copyOf(bySource);
    }
  }

  /**
   * One open deal, as of the snapshot's instant.
   *
   * @param deal the deal id
   * @param stage the open stage it is in
   * @param amount its amount in the reporting currency, if it has one
   * @param probability the probability used for weighting, in [0, 1]
   * @param source where that probability came from
   * @param weighted {@code amount * probability}, rounded half-even to the currency's scale;
   *     empty without an amount
   * @param ageInStage how long it has been in its stage
   * @param idleFor how long since its last activity (touch or move)
   * @param status active, idle, snoozed or stalled
   * @param snoozedUntil when its snooze ends, if it is snoozed at the instant
   */
  public record OpenDeal(DealId deal, StageId stage, Optional<Money> amount, double probability,
      ProbabilitySource.Kind source, Optional<Money> weighted, Duration ageInStage,
      Duration idleFor, Status status, Optional<Instant> snoozedUntil) {

    /** Whether an open deal needs attention. */
    public enum Status {
      /** Worked recently enough. */
      ACTIVE,
      /** Idle beyond its stage's threshold. */
      IDLE,
      /** Would be idle or stalled, but snoozed. */
      SNOOZED,
      /** Idle at the decision stage: do not let it hang. */
      STALLED
    }

    /**
     * Checks the references.
     *
     * @param deal the deal id
     * @param stage the open stage it is in
     * @param amount its amount in the reporting currency, if it has one
     * @param probability the probability used for weighting, in [0, 1]
     * @param source where that probability came from
     * @param weighted {@code amount * probability}, rounded half-even to the currency's scale;
     *     empty without an amount
     * @param ageInStage how long it has been in its stage
     * @param idleFor how long since its last activity (touch or move)
     * @param status active, idle, snoozed or stalled
     * @param snoozedUntil when its snooze ends, if it is snoozed at the instant
     * @throws NullPointerException if any of {@code deal}, {@code stage}, {@code amount}, {@code
     *     source}, {@code weighted}, {@code ageInStage}, {@code idleFor}, {@code status} or {@code
     *     snoozedUntil} is null
     */
    public OpenDeal {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(amount, "amount is null");
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(weighted, "weighted is null");
      Objects.requireNonNull(ageInStage, "ageInStage is null");
      Objects.requireNonNull(idleFor, "idleFor is null");
      Objects.requireNonNull(status, "status is null");
      Objects.requireNonNull(snoozedUntil, "snoozedUntil is null");
    }
  }

  /**
   * Creates the value.
   *
   * @param pipeline the pipeline definition id
   * @param asOf the instant
   * @param stages the open stages in funnel order
   * @param openDeals every open deal, in funnel order then by id
   * @param target the target, if one was set
   * @param decisionStage the stage whose idle deals count as stalled
   * @throws NullPointerException if any of {@code pipeline}, {@code asOf}, {@code target} or {@code
   *     decisionStage} is null
   */
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
  public Row stage(StageId stage) {
    return TextTable.row(stages, Row::stage, pipeline, stage);
  }

  /** {@return the number of open deals} */
  public long count() {
    return openDeals.size();
  }

  /** {@return the sum of open amounts; empty if no open deal has an amount} */
  public Optional<Money> total() {
    return stages.stream().map(Row::total).flatMap(Optional::stream).reduce(Money::plus);
  }

  /** {@return the sum of the stages' weighted amounts; empty if no open deal has an amount} */
  public Optional<Money> weighted() {
    return stages.stream().map(Row::weighted).flatMap(Optional::stream).reduce(Money::plus);
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
   * Weighted open amount over the target: 1.0 means the weighted pipeline equals the target; 0
   * when no open deal has an amount.
   *
   * @return the coverage; empty without a target or with a zero target
   * @throws IllegalArgumentException if the target's currency differs from the amounts'
   */
  public OptionalDouble coverage() {
    if (target.isEmpty() || target.get().isZero()) {
      return OptionalDouble.empty();
    }
    BigDecimal w = weightedIn(target.get());
    return OptionalDouble.of(w.divide(target.get().amount(), MathContext.DECIMAL64)
        .doubleValue());
  }

  /**
   * What the weighted pipeline lacks to reach the target.
   *
   * @return the gap (zero if covered); empty without a target
   * @throws IllegalArgumentException if the target's currency differs from the amounts'
   */
  public Optional<Money> gap() {
    return target.map(t -> Money.of(t.amount().subtract(weightedIn(t)).max(BigDecimal.ZERO),
        t.currency()));
  }

  private BigDecimal weightedIn(Money target) {
    Optional<Money> w = weighted();
    w.ifPresent(x -> x.requireSameCurrency(target));
    return w.map(Money::amount).orElse(BigDecimal.ZERO);
  }

  /** {@return the stages as a plain-text table, then the stalled and idle deals} */
  public String toTable() {
    TextTable t = new TextTable("Pipeline " + pipeline + " as of " + asOf + ": " + count()
        + " open deals, " + total().map(Object::toString).orElse("no amounts") + ", weighted "
        + weighted().map(Object::toString).orElse("-")
        + target.map(x -> ", target " + x + ", coverage " + TextTable.percent(coverage()))
            .orElse(""),
        "stage", "deals", "total", "weighted", "avg age", "oldest", "idle", "manual", "learned",
        "default");
    for (Row s : stages) {
      t.row(s.name(), s.count(), TextTable.money(s.total()), TextTable.money(s.weighted()),
          TextTable.days(s.averageAge()), TextTable.days(s.oldestAge()), s.idle(),
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
          .append(TextTable.days(d.idleFor()))
          .append(d.snoozedUntil().map(u -> ", snoozed until " + u).orElse("")).append('\n');
    }
  }

  /** {@return a one-line summary} */
  @Override
  public String toString() {
    return "SnapshotReport[" + pipeline + " as of " + asOf + ": " + count() + " open, total "
        + total().map(Object::toString).orElse("-") + ", weighted "
        + weighted().map(Object::toString).orElse("-") + ", " + idle().size() + " idle, "
        + stalled().size() + " stalled" + target.map(x -> ", target " + x).orElse("") + "]";
  }
}
