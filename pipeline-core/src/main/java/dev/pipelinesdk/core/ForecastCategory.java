package dev.pipelinesdk.core;

/**
 * Forecast categories as Salesforce and HubSpot use them: how confident the team is that the
 * deals in a stage close in the forecast period.
 */
public enum ForecastCategory {
  /** Open, early: counted in the pipeline, not in the forecast. */
  PIPELINE,
  /** Could close in the period if things go well. */
  BEST_CASE,
  /** The owner commits to closing it in the period. */
  COMMIT,
  /** Closed won. */
  CLOSED,
  /** Left out of the forecast: lost or dormant. */
  OMITTED
}
