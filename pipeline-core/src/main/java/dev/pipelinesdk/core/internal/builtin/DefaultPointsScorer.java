package dev.pipelinesdk.core.internal.builtin;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.scoring.LeadScore;
import dev.pipelinesdk.core.scoring.LeadScorer;
import dev.pipelinesdk.core.scoring.PointsScorer;
import java.time.Instant;

/**
 * The {@link LeadScorer} service {@value PointsScorer#NAME}: {@link PointsScorer#defaults()}
 * (a service provider needs a public no-argument constructor, which the scorer does not have).
 */
public final class DefaultPointsScorer implements LeadScorer {
  private final PointsScorer scorer = PointsScorer.defaults();

  /** Creates the provider. */
  public DefaultPointsScorer() {}

  @Override
  public String name() {
    return scorer.name();
  }

  @Override
  public String description() {
    return scorer.description();
  }

  @Override
  public LeadScore score(DealHistory history, Instant at) {
    return scorer.score(history, at);
  }

  @Override
  public String toString() {
    return scorer.toString();
  }
}
