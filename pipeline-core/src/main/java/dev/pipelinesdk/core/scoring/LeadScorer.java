package dev.pipelinesdk.core.scoring;

import dev.pipelinesdk.core.DealHistory;
import java.time.Instant;

/**
 * A lead-scoring algorithm (or a manual process read from the deal): a deal's history at an
 * instant gives a {@link LeadScore} that explains itself rule by rule. Implementations are found
 * by {@link #name()} through {@link java.util.ServiceLoader} ({@link LeadScorers}); register them
 * with {@code provides dev.pipelinesdk.core.scoring.LeadScorer with ...} in {@code
 * module-info.java} and in {@code META-INF/services/dev.pipelinesdk.core.scoring.LeadScorer}.
 *
 * <p>Contract: deterministic (the same history and instant give an equal score), free of side
 * effects, safe to call from many threads, and blind to what happened after the instant (events
 * later than {@code at} are ignored); time is read only from {@code at}, never from the wall
 * clock. The score's contributions sum exactly to its value ({@link LeadScore} checks it).
 */
public interface LeadScorer {

  /** {@return the unique name the scorer is found by, such as {@code "points"}} */
  String name();

  /** {@return one line saying what the scorer counts, for diagnostics and documentation} */
  String description();

  /**
   * Scores a deal as it stood at an instant.
   *
   * @param history the deal's history; events after {@code at} are ignored
   * @param at the scoring instant: ages (for decay) are measured up to it
   * @return the score with every rule's contribution
   * @throws IllegalArgumentException naming both instants if {@code at} is before the deal was
   *     created
   * @throws NullPointerException if {@code history} or {@code at} is null
   */
  LeadScore score(DealHistory history, Instant at);
}
