/**
 * Lead scoring: a {@link dev.pipelinesdk.core.scoring.LeadScorer} turns a deal's history into a
 * {@link dev.pipelinesdk.core.scoring.LeadScore} at an instant the caller passes, with the
 * contribution of every rule (the parts sum exactly to the score). Scorers are found by name
 * through {@link java.util.ServiceLoader} ({@link dev.pipelinesdk.core.scoring.LeadScorers});
 * core provides {@code points}, the default {@link dev.pipelinesdk.core.scoring.PointsScorer}
 * (fit rules over attributes, engagement rules over touches and attribute events, each
 * engagement decaying with its half-life). {@link dev.pipelinesdk.core.scoring.Qualification}
 * turns scores and the qualifying conversation into transition guards (MQL and SQL).
 *
 * <p>Every type here is immutable and thread-safe; nothing reads the wall clock.
 */
@NullMarked
package dev.pipelinesdk.core.scoring;

import org.jspecify.annotations.NullMarked;
