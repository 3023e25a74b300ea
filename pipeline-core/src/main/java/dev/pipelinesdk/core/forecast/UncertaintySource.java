package dev.pipelinesdk.core.forecast;

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
  DEAL_LOGIT_NOISE,
  /**
   * New business, the deals not in the pipeline yet ({@code NewDeals}): how many are created
   * within the horizon (a Poisson process at the trial's arrival rate), when (uniformly over the
   * horizon), whether each is won by the horizon's end (with the share of deals won by that age)
   * and its amount (drawn from the empirical amounts). The share won by age and the amounts are
   * taken as known. Only in {@code NewBusinessDistributions}' results.
   */
  NEW_DEALS,
  /**
   * The arrival rate of new deals is an estimate too: each trial draws it from its Gamma
   * posterior given the deals counted in the lookback ({@code NewDeals}). Only in {@code
   * NewBusinessDistributions}' results, and only when at least one deal was counted (with none,
   * the posterior is the point mass at 0 and nothing is drawn).
   */
  ARRIVAL_RATE
}
