package dev.pipelinesdk.forecast.distribution;

/**
 * A source of uncertainty a distribution includes ({@link AmountDistribution#includes()}). The
 * error of the computation itself (binning, sampling) is not a source of uncertainty about the
 * pipeline; it is stated by the result's error bound or standard errors.
 */
public enum UncertaintySource {
  /**
   * Outcome noise: each deal is won or lost independently, with its probability taken as known.
   * Every distribution includes it.
   */
  DEAL_OUTCOMES,
  /**
   * Correlated model error: one shift per trial, normal with standard deviation {@link
   * Simulation#sharedLogitSd()}, added to every deal's log-odds (deals move together, as in a
   * quarter's budget freeze). Only in Monte Carlo results with a positive shared standard
   * deviation.
   */
  SHARED_LOGIT_SHIFT,
  /**
   * Independent model error: per trial and per deal, normal noise with standard deviation {@link
   * Simulation#dealLogitSd()} on the deal's log-odds (each probability is itself an estimate).
   * Only in Monte Carlo results with a positive per-deal standard deviation.
   */
  DEAL_LOGIT_NOISE
}
