/**
 * Backtests and self-calibration: a model's forecasts at past cutoffs, made with only what was
 * known then, against what happened ({@link dev.pipelinesdk.forecast.backtest.Backtest}), and the
 * correction of a model's bias and interval width from its errors on rolling origins before the
 * as-of instant ({@link dev.pipelinesdk.forecast.backtest.Calibration}).
 */
@NullMarked
package dev.pipelinesdk.forecast.backtest;

import org.jspecify.annotations.NullMarked;
