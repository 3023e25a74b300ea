package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One open stage of a {@link SnapshotReport}.
 *
 * @param stage the stage id
 * @param name the stage name
 * @param count open deals in it
 * @param withoutAmount how many of them have no amount (they count zero in the sums)
 * @param total the sum of their amounts
 * @param weighted the sum of amount times probability, exact
 * @param averageAge the mean time in this stage, to the second; zero without deals
 * @param oldestAge the longest time in this stage, to the second; zero without deals
 * @param idle deals idle or stalled (snoozed ones excluded)
 * @param bySource how many deals used each probability source
 */
public record SnapshotStage(StageId stage, String name, long count, long withoutAmount,
    Money total, Money weighted, Duration averageAge, Duration oldestAge, long idle,
    Map<ProbabilitySource.Kind, Long> bySource) {

  /** Creates the value. */
  public SnapshotStage {
    Objects.requireNonNull(stage, "stage is null");
    bySource = Map.copyOf(bySource);
  }
}
