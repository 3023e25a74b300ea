package dev.pipelinesdk.core.forecast;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The settings of a Monte Carlo run: how many trials, the seed, and how much model uncertainty to
 * add to the deals' probabilities.
 *
 * <p><b>Model uncertainty.</b> In each trial, deal i is won with probability logistic(logit(p_i) +
 * Z + E_i), where Z ~ N(0, sharedLogitSd^2) is drawn once per trial and shared by every deal and
 * E_i ~ N(0, dealLogitSd^2) is drawn per trial and per deal, all independent. Deals with p_i = 0
 * or 1 stay certain. With both standard deviations 0 every deal is won with exactly p_i: the
 * independent case, which the exact distributions compute. With noise, a deal's expected win
 * probability moves towards 1/2 (the logit-normal mean; p = 1/2 itself stays), so the expected
 * amount moves too; no correction is applied, because the noise is meant as uncertainty about
 * p_i on the scale where models estimate it.
 *
 * @param trials the number of trials, at least 1
 * @param seed the seed; the same seed and settings give the same result whatever the parallelism
 * @param sharedLogitSd sigma, the standard deviation of the shift shared by every deal in a trial,
 *     on the log-odds scale; finite and at least 0
 * @param dealLogitSd tau, the standard deviation of each deal's own noise in a trial, on the
 *     log-odds scale; finite and at least 0
 */
public record Simulation(int trials, long seed, double sharedLogitSd, double dealLogitSd) {

  /**
   * Checks the settings.
   *
   * @param trials the number of trials, at least 1
   * @param seed the seed
   * @param sharedLogitSd sigma, finite and at least 0
   * @param dealLogitSd tau, finite and at least 0
   * @throws IllegalArgumentException naming the value, if trials is below 1 or a standard
   *     deviation is negative, infinite or NaN
   */
  public Simulation {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1, was " + trials);
    }
    requireSd("sharedLogitSd", sharedLogitSd);
    requireSd("dealLogitSd", dealLogitSd);
  }

  private static void requireSd(String name, double sd) {
    if (!(sd >= 0.0 && sd < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(name + " must be finite and at least 0, was " + sd);
    }
  }

  /**
   * Returns settings without model uncertainty: deals independent, with their given probabilities.
   *
   * @param trials the number of trials, at least 1
   * @param seed the seed
   * @return the settings
   * @throws IllegalArgumentException if trials is below 1
   */
  public static Simulation of(int trials, long seed) {
    return new Simulation(trials, seed, 0.0, 0.0);
  }

  /**
   * Returns these settings with model uncertainty.
   *
   * @param sharedLogitSd sigma, the standard deviation of the shared log-odds shift per trial
   * @param dealLogitSd tau, the standard deviation of each deal's log-odds noise per trial
   * @return the new settings
   * @throws IllegalArgumentException if a standard deviation is negative, infinite or NaN
   */
  public Simulation withModelUncertainty(double sharedLogitSd, double dealLogitSd) {
    return new Simulation(trials, seed, sharedLogitSd, dealLogitSd);
  }

  /**
   * Returns the sources of uncertainty a run with these settings includes.
   *
   * @return {@link UncertaintySource#DEAL_OUTCOMES}, plus the shared shift if sigma &gt; 0 and the
   *     per-deal noise if tau &gt; 0; an unmodifiable set
   */
  public Set<UncertaintySource> includes() {
    EnumSet<UncertaintySource> sources = EnumSet.of(UncertaintySource.DEAL_OUTCOMES);
    if (sharedLogitSd > 0) {
      sources.add(UncertaintySource.SHARED_LOGIT_SHIFT);
    }
    if (dealLogitSd > 0) {
      sources.add(UncertaintySource.DEAL_LOGIT_NOISE);
    }
    return Collections.unmodifiableSet(sources);
  }
}
