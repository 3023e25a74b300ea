/**
 * Forecasting's values and service interface: a {@link dev.pipelinesdk.core.forecast.ForecastModel}
 * gives each deal open at an instant the probability of being won within a horizon, from what was
 * known at that instant ({@link dev.pipelinesdk.core.forecast.ForecastInput} holds only that).
 * Models are found by name through {@link java.util.ServiceLoader} ({@link
 * dev.pipelinesdk.core.forecast.ForecastModels}), so a vendor ships one against core alone; the
 * built-in models, distributions and backtests live in {@code pipeline-forecast}.
 */
@NullMarked
package dev.pipelinesdk.core.forecast;

import org.jspecify.annotations.NullMarked;
