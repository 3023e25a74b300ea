/**
 * The distribution of what the open pipeline will bring: how many deals are won ({@link
 * dev.pipelinesdk.core.forecast.CountDistribution}) and how much money
 * ({@link dev.pipelinesdk.core.forecast.AmountDistribution}), from each open deal's win
 * probability and amount ({@link dev.pipelinesdk.forecast.distribution.OpenDeals}). The entry
 * point is {@link dev.pipelinesdk.forecast.distribution.Distributions}. New business, the deals not
 * in the pipeline yet ({@link dev.pipelinesdk.forecast.distribution.NewDeals}), alone or added to
 * the open deals trial by trial: {@link
 * dev.pipelinesdk.forecast.distribution.NewBusinessDistributions}. The result types and the
 * simulation settings ({@code AmountDistribution}, {@code CountDistribution}, {@code
 * UncertaintySource}, {@code Simulation}) are core's ({@code dev.pipelinesdk.core.forecast}), so
 * code against core alone can read and pass them; this package computes them.
 *
 * <p><b>Quantiles.</b> One definition throughout: the q-quantile is the smallest value x with
 * P(X &le; x) &ge; q (the inverse of the distribution function; R's {@code quantile(type = 1)} on a
 * sample). For Monte Carlo it is applied to the sample, for the exact results to the computed
 * distribution, with a slack of {@value
 * dev.pipelinesdk.core.forecast.CountDistribution#QUANTILE_SLACK} on q so that round-off
 * cannot move a quantile across an exact tie (one fair coin: P50 is 0).
 *
 * <p>Every type here is an immutable value, safe to share between threads. Nothing is null and no
 * result is NaN: a result with no deals is the point mass at zero.
 */
@NullMarked
package dev.pipelinesdk.forecast.distribution;

import org.jspecify.annotations.NullMarked;
