package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Time in stage for one deal, with HubSpot's semantics, as of an instant. Immutable.
 *
 * <p>Every stage the deal was in counts, closed ones included: a won deal keeps "being in" won
 * until the as-of instant. So the cumulative times of all stages always add up to the deal's
 * lifetime, {@code asOf - createdAt} ({@link #lifetime()}); {@link #openTime()} is the part spent
 * in open stages.
 *
 * @param deal the deal id
 * @param createdAt when the deal was created
 * @param asOf the instant; events after it are ignored
 * @param stages one entry per stage the deal was in, in the definition's stage order
 */
public record StageTimes(DealId deal, Instant createdAt, Instant asOf, List<StageTime> stages) {

  /**
   * The time one deal spent in one stage.
   *
   * @param stage the stage
   * @param kind the stage's kind
   * @param firstEntered when the deal first entered it
   * @param lastExited when it last left it; empty if it never left or is in it at the instant
   * @param latest the duration of the latest visit (up to the instant if it is still there)
   * @param cumulative the total over all visits (a deal that comes back accumulates)
   * @param visits how many times it entered the stage
   * @param current whether the deal is in this stage at the instant
   */
  public record StageTime(StageId stage, StageKind kind, Instant firstEntered, Optional<Instant> lastExited,
      Duration latest, Duration cumulative, int visits, boolean current) {}

  /**
   * Creates the value.
   *
   * @param deal the deal id
   * @param createdAt when the deal was created
   * @param asOf the instant; events after it are ignored
   * @param stages one entry per stage the deal was in, in the definition's stage order
   * @throws NullPointerException if {@code deal} is null
   */
  public StageTimes {
    Objects.requireNonNull(deal, "deal is null");
    stages = List.copyOf(stages);
  }

  /**
   * Computes the time in stage of one deal.
   *
   * @param definition the pipeline definition (for stage order and validation)
   * @param history the deal's history
   * @param asOf the instant; events after it are ignored, an open visit counts up to it
   * @return the times
   * @throws IllegalArgumentException if the deal was created after {@code asOf} or the history
   *     names a stage the definition does not have
   */
  public static StageTimes of(PipelineDefinition definition, DealHistory history, Instant asOf) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(history, "history is null");
    history.checkImportedAgainst(definition);
    return of(new StageIndex(definition), history, asOf);
  }

  /** The times of a history already checked against the index's definition. */

  static StageTimes of(StageIndex ix, DealHistory history, Instant asOf) {
    Objects.requireNonNull(history, "history is null");
    Objects.requireNonNull(asOf, "asOf is null");
    DealEvent.Created created = history.created();
    DealId id = created.dealId();
    if (created.at().isAfter(asOf)) {
      throw new IllegalArgumentException("deal '" + id + "' was created at " + created.at()
          + ", after the as-of instant " + asOf);
    }
    StageColumns c = new StageColumns(ix, 1, history.size());
    c.add(history);
    // visits, cumulative time and the current stage: the one time-in-stage pass
    int n = ix.size();
    TimeInStageMetric.Acc acc = new TimeInStageMetric.Acc(n, false);
    TimeInStageMetric.addDeals(acc, c, 0, 1, asOf.getEpochSecond(), asOf.getNano());
    // what only a single deal has: first entry, last exit and the latest visit of each stage
    Instant[] first = new Instant[n];
    Instant[] lastExit = new Instant[n];
    Duration[] latest = new Duration[n];
    int stage = -1;
    Instant entered = null;
    for (int i = 0; i < c.entries; i++) {
      Instant at = Instant.ofEpochSecond(c.seconds[i], c.nanos[i]);
      if (at.isAfter(asOf)) {
        break;
      }
      if (stage >= 0) {
        latest[stage] = Duration.between(entered, at);
        lastExit[stage] = at;
      }
      stage = c.stage[i] & 0xFF;
      entered = at;
      if (first[stage] == null) {
        first[stage] = at;
      }
    }
    latest[stage] = Duration.between(entered, asOf);
    List<StageTime> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (first[s] != null) {
        out.add(new StageTime(ix.stages.get(s).id(), ix.kind(s), first[s],
            s == stage ? Optional.empty() : Optional.ofNullable(lastExit[s]), latest[s],
            Duration.ofSeconds(acc.seconds[s], acc.nanos[s]), (int) acc.visits[s],
            acc.open[s] == 1));
      }
    }
    return new StageTimes(id, created.at(), asOf, out);
  }

  /**
   * Returns the time in one stage.
   *
   * @param stage the stage
   * @return the time, or empty if the deal never was in it
   */
  public Optional<StageTime> stage(StageId stage) {
    return stages.stream().filter(t -> t.stage().equals(stage)).findFirst();
  }

  /** {@return {@code asOf - createdAt}: always the sum of every stage's cumulative time} */
  public Duration lifetime() {
    return Duration.between(createdAt, asOf);
  }

  /** {@return the sum of the cumulative times of every stage} */
  public Duration total() {
    return stages.stream().map(StageTime::cumulative).reduce(Duration.ZERO, Duration::plus);
  }

  /** {@return the part of the lifetime spent in open stages} */
  public Duration openTime() {
    return stages.stream().filter(t -> t.kind() == StageKind.OPEN).map(StageTime::cumulative)
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** {@return one line per stage: first entered, last exited, latest, cumulative, visits} */
  public String toTable() {
    TextTable t = new TextTable("Time in stage of " + deal + " as of " + asOf, "stage",
        "first entered", "last exited", "latest", "cumulative", "visits");
    for (StageTime s : stages) {
      t.row(s.stage(), s.firstEntered(), s.current() ? "(in stage)"
          : s.lastExited().map(Object::toString).orElse("-"),
          TextTable.days(s.latest()),
          TextTable.days(s.cumulative()), s.visits());
    }
    return t.render();
  }
}
