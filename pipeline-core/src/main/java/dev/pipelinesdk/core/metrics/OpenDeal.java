package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One open deal of a {@link SnapshotReport}, as of the snapshot's instant.
 *
 * @param deal the deal id
 * @param stage the open stage it is in
 * @param amount its amount in the reporting currency, if it has one
 * @param probability the probability used for weighting, in [0, 1]
 * @param source where that probability came from
 * @param weighted {@code amount * probability}, exact; empty without an amount
 * @param ageInStage how long it has been in its stage
 * @param idleFor how long since its last activity (touch or move)
 * @param status active, idle, snoozed or stalled
 * @param snoozedUntil when its snooze ends, if it is snoozed at the instant
 */
public record OpenDeal(DealId deal, StageId stage, Optional<Money> amount, double probability,
    ProbabilitySource.Kind source, Optional<Money> weighted, Duration ageInStage, Duration idleFor,
    Status status, Optional<Instant> snoozedUntil) {

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

  /** Creates the value. */
  public OpenDeal {
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(status, "status is null");
  }
}
