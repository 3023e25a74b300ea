package dev.pipelinesdk.forecast.model;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import dev.pipelinesdk.core.metrics.ProbabilitySource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Learned stage probabilities: P(eventually won | current stage) from the stage changes the
 * histories show, as an absorbing Markov chain.
 *
 * <p>The chain's states are the definition's stages plus two absorbing ones, <em>won for good</em>
 * and <em>lost for good</em>. From an open or dormant stage {@code s}, the chance of moving to
 * {@code t} is the share of the observed exits of {@code s} that went to {@code t} (back-moves,
 * skips, going dark and revivals included; deals still in {@code s} at the as-of instant are
 * censored: they have not left yet, so they count in no exit). From a won or lost stage, the
 * share of its entries that were reopened (to each stage) is a transition, the rest is absorbed
 * for good; so reopens are part of the chain. Absorption probabilities solve {@code (I - Q) x =
 * r} (LU decomposition, Commons Math).
 *
 * <p>Smoothing: a stage with few exits says little, so each stage's learned probability is
 * shrunk towards its default: {@code (n x + k d) / (n + k)} with {@code n} the stage's observed
 * exits, {@code x} the chain's probability, {@code d} the stage's default and {@code k} the prior
 * weight ({@value #PRIOR_WEIGHT} pseudo-exits by default). A stage with no exit at all keeps its
 * default, and so does every stage if the chain cannot be solved (a loop with no way out).
 *
 * <p>Assumptions: Markov (where a deal goes next depends only on its stage, not on how long it
 * has been there or where it was before); the past's transition shares hold for the open deals;
 * timing and the horizon are ignored, as in the {@linkplain WeightedModel weighted pipeline},
 * whose precedence applies (a manual override wins over the learned probability).
 */
public final class MarkovModel implements ForecastModel {
  /** The name this model is found by. */
  public static final String NAME = "markov";
  /** The default prior weight, in pseudo-exits: {@value}. */
  public static final double PRIOR_WEIGHT = 5;

  private final double priorWeight;

  /** The model with the default prior weight. */
  public MarkovModel() {
    this(PRIOR_WEIGHT);
  }

  /**
   * The model with a prior weight.
   *
   * @param priorWeight pseudo-exits of the stage default in each stage's estimate, at least 0
   * @throws IllegalArgumentException if the weight is negative or not a number
   */
  public MarkovModel(double priorWeight) {
    if (!(priorWeight >= 0) || Double.isInfinite(priorWeight)) {
      throw new IllegalArgumentException("prior weight must be a finite number >= 0, not "
          + priorWeight);
    }
    this.priorWeight = priorWeight;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String assumptions() {
    return "P(eventually won | stage) from an absorbing Markov chain over the stage changes seen"
        + " (back-moves, dormancy and reopens included, open deals censored), shrunk towards the"
        + " stage default with " + priorWeight + " pseudo-exits; timing and the horizon are"
        + " ignored; a manual override wins";
  }

  @Override
  public Forecast forecast(ForecastInput input) {
    Fitted fitted = fit(input.definition(), input.histories());
    return new WeightedModel(fitted, NAME).forecast(input, NAME, false);
  }

  /**
   * Fits the chain on histories (which must hold only what is known: use {@link
   * ForecastInput#histories()}).
   *
   * @param definition the definition
   * @param histories the histories
   * @return the learned probability per stage
   */
  public Fitted fit(PipelineDefinition definition, List<DealHistory> histories) {
    List<Stage> stages = definition.stages();
    int n = stages.size();
    Map<StageId, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(stages.get(i).id(), i);
    }
    long[][] moves = new long[n][n];
    long[] entries = new long[n]; // into won and lost stages
    for (DealHistory h : histories) {
      Deal created = h.created().deal();
      int first = index.get(created.stage());
      entries[first]++;
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.StageChanged c) {
          int from = index.get(c.from());
          int to = index.get(c.to());
          moves[from][to]++;
          entries[to]++;
        }
      }
    }
    long[] exits = new long[n];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        exits[s] += moves[s][t];
      }
    }
    // x = Q x + r over every stage; won/lost stages absorb what is not reopened.
    RealMatrix a = new Array2DRowRealMatrix(n, n);
    RealVector r = new ArrayRealVector(n);
    for (int s = 0; s < n; s++) {
      a.setEntry(s, s, 1);
      StageKind kind = stages.get(s).kind();
      long out = kind.isTerminal() ? entries[s] : exits[s];
      if (out == 0) {
        r.setEntry(s, kind.isTerminal() ? (kind == StageKind.WON ? 1 : 0)
            : stages.get(s).defaultProbability()); // no data: the prior, fixed
        continue;
      }
      for (int t = 0; t < n; t++) {
        if (moves[s][t] > 0) {
          a.addToEntry(s, t, -(double) moves[s][t] / out);
        }
      }
      if (kind == StageKind.WON) {
        r.setEntry(s, (double) (entries[s] - exits[s]) / out); // won for good
      }
    }
    double[] x;
    boolean solved = true;
    try {
      x = new LUDecomposition(a).getSolver().solve(r).toArray();
    } catch (SingularMatrixException e) {
      x = new double[n];
      solved = false;
    }
    Map<StageId, Double> learned = new LinkedHashMap<>();
    Map<StageId, Long> observed = new LinkedHashMap<>();
    for (int s = 0; s < n; s++) {
      Stage stage = stages.get(s);
      if (stage.kind().isTerminal()) {
        continue;
      }
      double d = stage.defaultProbability();
      double chain = solved ? Math.min(1, Math.max(0, x[s])) : d;
      long k = solved ? exits[s] : 0;
      learned.put(stage.id(), k + priorWeight == 0 ? d : (k * chain + priorWeight * d)
          / (k + priorWeight));
      observed.put(stage.id(), k);
    }
    return new Fitted(Collections.unmodifiableMap(learned),
        Collections.unmodifiableMap(observed), priorWeight, solved);
  }

  /**
   * The learned probabilities: a {@link ProbabilitySource} by the deal's stage.
   *
   * @param byStage P(eventually won) per open and dormant stage, after smoothing
   * @param exits the observed exits per stage the estimate rests on
   * @param priorWeight the prior's weight, in pseudo-exits
   * @param solved whether the chain could be solved (else every stage has its default)
   */
  public record Fitted(Map<StageId, Double> byStage, Map<StageId, Long> exits,
      double priorWeight, boolean solved) implements ProbabilitySource {
    @Override
    public OptionalDouble probability(Deal deal, DealHistory history, java.time.Instant asOf) {
      Double p = byStage.get(deal.stage());
      return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
    }
  }
}
