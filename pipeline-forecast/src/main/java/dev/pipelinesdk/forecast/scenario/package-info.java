/**
 * What-if scenarios and "where to invest": {@link dev.pipelinesdk.forecast.scenario.Scenarios}
 * forecasts the open pipeline as a {@link dev.pipelinesdk.forecast.scenario.Scenario} changes it
 * (a stage's conversion or dwell, deals added or dropped, close dates shifted), with any forecast
 * model, and compares the distributions on common random numbers ({@link
 * dev.pipelinesdk.forecast.scenario.WhatIf#compare}); {@link
 * dev.pipelinesdk.forecast.scenario.Sensitivity} ranks the open stages by what a point of
 * conversion and a day of dwell are worth, next to the leak finder's verdict.
 *
 * <p>Every type here is immutable and safe to share between threads. Nothing is null and no
 * result is NaN: what cannot be computed is an empty {@code Optional}.
 */
@NullMarked
package dev.pipelinesdk.forecast.scenario;

import org.jspecify.annotations.NullMarked;
