/**
 * Backtests: a model's forecasts at past cutoffs, made with only what was known then, against
 * what happened ({@link dev.pipelinesdk.forecast.backtest.Backtest}).
 */
@NullMarked
package dev.pipelinesdk.forecast.backtest;

import org.jspecify.annotations.NullMarked;
