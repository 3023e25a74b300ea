/**
 * Forecasting's values and service interface: a {@link dev.pipelinesdk.core.forecast.ForecastModel}
 * gives each deal open at an instant the probability of being won within a horizon, from what was
 * known at that instant ({@link dev.pipelinesdk.core.forecast.ForecastInput} holds only that).
 * Models are found by name through {@link java.util.ServiceLoader} ({@link
 * dev.pipelinesdk.core.forecast.ForecastModels}), so a vendor ships one against core alone. The
 * results are core's too: the forecast ({@link dev.pipelinesdk.core.forecast.Forecast}) and the
 * distributions of what it wins ({@link dev.pipelinesdk.core.forecast.CountDistribution}, {@link
 * dev.pipelinesdk.core.forecast.AmountDistribution}, with what they include, {@link
 * dev.pipelinesdk.core.forecast.UncertaintySource}, and the {@link
 * dev.pipelinesdk.core.forecast.Simulation} settings they were drawn with). The built-in models,
 * the distribution engine that computes them, calibration and backtests live in {@code
 * pipeline-forecast}.
 */
@NullMarked
package dev.pipelinesdk.core.forecast;

import org.jspecify.annotations.NullMarked;
