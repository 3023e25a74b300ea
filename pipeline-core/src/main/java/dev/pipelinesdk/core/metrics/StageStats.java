package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.util.Optional;

/**
 * Time and flow of one open stage; see {@link StageStatistics} for the semantics. Durations are
 * in days (fractional); NaN where there is no sample.
 *
 * @param stage the stage id
 * @param name the stage name
 * @param samples deals whose dwell time is counted (were in the stage, are not in it now)
 * @param meanDays mean dwell time
 * @param p50Days median dwell time
 * @param p90Days 90th percentile dwell time
 * @param won deals ever in this stage, won at the instant
 * @param lost deals ever in this stage, lost at the instant
 * @param winRate {@code won / (won + lost)}; NaN if both are zero
 * @param open deals in this stage at the instant
 * @param velocityPerDay {@code open * winRate * average won amount / average cycle days}; empty
 *     without a win rate or a cycle
 */
public record StageStats(StageId stage, String name, long samples, double meanDays,
    double p50Days, double p90Days, long won, long lost, double winRate, long open,
    Optional<Money> velocityPerDay) {}
