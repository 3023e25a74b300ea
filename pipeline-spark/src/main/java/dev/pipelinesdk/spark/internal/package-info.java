/**
 * Internals of {@code dev.pipelinesdk.spark}: the wire form of core's values, the generic
 * metric aggregator, and the steps of the forecasts and backtests (fit per pipeline or per
 * pipeline and cutoff, Monte Carlo blocks drawn across tasks, combination per pipeline). Not API.
 */
@NullMarked
package dev.pipelinesdk.spark.internal;

import org.jspecify.annotations.NullMarked;
