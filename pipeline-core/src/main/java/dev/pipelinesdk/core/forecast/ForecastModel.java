package dev.pipelinesdk.core.forecast;

/**
 * A forecast model: given what was known at an instant ({@link ForecastInput}: the histories cut
 * at the as-of instant, the horizon), the probability that each deal open then is won within the
 * horizon. Implementations are found by {@link #name()} through {@link java.util.ServiceLoader}
 * ({@link ForecastModels}); they must be thread-safe and deterministic (the same input gives the
 * same forecast), and document their assumptions in {@link #assumptions()}.
 *
 * <p>No look-ahead by construction: the input holds no event after the as-of instant, so nothing
 * that happened later can change a forecast.
 */
public interface ForecastModel {
  /** {@return the unique name the model is found by, such as {@code "weighted"}} */
  String name();

  /** {@return what the model assumes, in words, for the report and the documentation} */
  String assumptions();

  /**
   * Forecasts every deal open at the input's as-of instant.
   *
   * @param input what was known at the as-of instant
   * @return one {@link DealForecast} per deal of {@link ForecastInput#open()}, in that order
   * @throws IllegalArgumentException if the model cannot forecast this input, saying why (such as
   *     no closed deals to learn from)
   */
  Forecast forecast(ForecastInput input);
}
