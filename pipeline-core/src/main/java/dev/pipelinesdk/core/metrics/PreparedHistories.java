package dev.pipelinesdk.core.metrics;

import com.google.common.collect.ImmutableList;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Histories prepared once for many metric runs: checked against their definition and grouped
 * into columns of stage entries, so {@link Metrics#compute(Metric, PreparedHistories)} can run
 * the metrics that need only stage entries (time in stage) an order of magnitude faster, without
 * touching an event object. The library chooses that path; the result is the same as over the
 * histories themselves (a property test checks it).
 *
 * <pre>{@code
 * PreparedHistories prepared = PreparedHistories.of(definition, histories);      // once
 * TimeInStageReport times = Metrics.computeParallel(Metrics.timeInStage(definition, asOf), prepared);
 * FunnelReport funnel = Metrics.compute(Metrics.funnel(definition).build(), prepared);
 * }</pre>
 *
 * <p>Two forms. {@link #of} keeps the histories too, so every metric runs on it. {@link
 * #stageEntriesOnly} keeps only the stage entries (13 bytes per entry and 8 per deal, where the
 * histories of a million deals retain about 0.75 GB), so only the metrics that need nothing else
 * run on it; the others are refused with a message saying so.
 *
 * <p>Deals keep the iteration order of the histories given. Ids are not checked for
 * uniqueness: a deal given twice counts twice, as it would over the histories. Immutable and
 * thread-safe; {@code equals} is identity.
 */
public final class PreparedHistories {
  private final StageColumns columns;
  private final Optional<List<DealHistory>> histories;

  private PreparedHistories(StageColumns columns, Optional<List<DealHistory>> histories) {
    this.columns = columns;
    this.histories = histories;
  }

  /**
   * Prepares histories for every metric, keeping them.
   *
   * @param definition the pipeline definition the histories follow
   * @param histories the histories, one per deal
   * @return the prepared histories
   * @throws NullPointerException if an argument or a history is null
   * @throws dev.pipelinesdk.core.InvalidHistoryException if a history does not fit the
   *     definition (see {@link DealHistory#checkImportedAgainst}), naming the deal, the event
   *     index and the stage
   * @throws IllegalArgumentException if the definition has more than 256 stages
   */
  public static PreparedHistories of(PipelineDefinition definition,
      Iterable<DealHistory> histories) {
    return prepare(definition, histories, true);
  }

  /**
   * Prepares histories keeping only their stage entries: the smallest form, for metrics that
   * need nothing else (time in stage).
   *
   * @param definition the pipeline definition the histories follow
   * @param histories the histories, one per deal; not retained
   * @return the prepared stage entries
   * @throws NullPointerException if an argument or a history is null
   * @throws dev.pipelinesdk.core.InvalidHistoryException if a history does not fit the
   *     definition, naming the deal, the event index and the stage
   * @throws IllegalArgumentException if the definition has more than 256 stages
   */
  public static PreparedHistories stageEntriesOnly(PipelineDefinition definition,
      Iterable<DealHistory> histories) {
    return prepare(definition, histories, false);
  }

  private static PreparedHistories prepare(PipelineDefinition definition,
      Iterable<DealHistory> histories, boolean keep) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(histories, "histories is null");
    StageColumns columns = new StageColumns(new StageIndex(definition), 16, 64);
    ImmutableList.Builder<DealHistory> kept = keep ? ImmutableList.builder() : null;
    int i = 0;
    for (DealHistory h : histories) {
      if (h == null) {
        throw new NullPointerException("history " + i + " is null");
      }
      h.checkImportedAgainst(definition);
      columns.add(h);
      if (kept != null) {
        kept.add(h);
      }
      i++;
    }
    return new PreparedHistories(columns.trimmed(),
        kept == null ? Optional.empty() : Optional.of(kept.build()));
  }

  StageColumns columns() {
    return columns;
  }

  /** {@return the pipeline definition the histories were checked against} */
  public PipelineDefinition definition() {
    return columns.ix.definition;
  }

  /** {@return the number of deals} */
  public int deals() {
    return columns.deals;
  }

  /** {@return the number of stage entries (creations and stage changes) over all deals} */
  public int stageEntries() {
    return columns.entries;
  }

  /** {@return the histories, in the order given; empty for {@link #stageEntriesOnly}} */
  public Optional<List<DealHistory>> histories() {
    return histories;
  }

  /** {@return the pipeline id, the number of deals and stage entries, and the form} */
  @Override
  public String toString() {
    return "PreparedHistories[" + definition().id() + ", " + deals() + " deals, "
        + stageEntries() + " stage entries" + (histories.isPresent() ? "" : ", entries only")
        + "]";
  }
}
