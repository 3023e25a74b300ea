package dev.pipelinesdk.forecast.testing;

import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Synthetic histories from a known process, so that a test can check that a model recovers the
 * truth.
 *
 * <p><b>The process.</b> A linear pipeline of open stages {@code s1 -> s2 -> ... -> sn -> won},
 * with a lost stage {@code lost} and a dormant stage {@code dark} reachable from every open stage.
 * Deals arrive as a Poisson process of rate {@link Parameters#dealsPerDay()} over {@link
 * Parameters#creationDays()} days from {@link Parameters#start()}, all in {@code s1}, each with an
 * amount drawn uniformly from 1,000, 2,000, ... 10,000 EUR (independent of everything else). A
 * visit to stage {@code k} lasts an exponential time of rate {@link StageRates#ratePerDay()} (mean
 * {@code 1 / rate} days); with probability {@link Parameters#staleShare()} the visit is
 * <em>stale</em> and its rate is divided by {@link Parameters#staleSlowdown()} (it sits that many
 * times longer on average). When the visit ends the deal moves forward (to the next stage, or is
 * won from the last), is lost, or goes dark, with probabilities {@link StageRates#forward()},
 * {@link StageRates#lost()}, {@link StageRates#dark()}, drawn independently of how long the visit
 * lasted. A deal that goes dark stays dark for good. So the cause-specific hazards of a non-stale
 * visit are {@code rate x forward}, {@code rate x lost} and {@code rate x dark}.
 *
 * <p><b>The truth that follows.</b> {@link #wonEventually(int)}: P(eventually won | in stage k) is
 * the product of the forward probabilities of stages k to n. {@link #lastStageWonWithin}: a deal
 * that has sat {@code u} days in the last stage is won within the next {@code h} days with {@code
 * forward x (S(u) - S(u + h)) / S(u)}, where {@code S(t) = (1 - staleShare) exp(-rate t) +
 * staleShare exp(-rate t / staleSlowdown)} is the probability that a visit lasts longer than
 * {@code t}; without stale visits and dark deals, at {@code u = 0}, this is the textbook {@code
 * lambda_w / (lambda_w + lambda_l) (1 - exp(-(lambda_w + lambda_l) h))}.
 *
 * <p><b>Use.</b>
 *
 * <pre>{@code
 * KnownProcess process = new KnownProcess(new KnownProcess.Parameters(
 *     List.of(new KnownProcess.StageRates(0.6, 0.3, 0.1, 1 / 10.0),
 *             new KnownProcess.StageRates(0.5, 0.4, 0.1, 1 / 20.0)),
 *     8, 365, 0.1, 8, KnownProcess.DEFAULT_START));
 * List<DealHistory> histories = process.histories(42);          // every deal to its end
 * ForecastInput input = ForecastInput.of(process.definition(), histories, asOf, horizon);
 * }</pre>
 *
 * <p>The histories are built with the engine's import path ({@link Pipeline#importDeal}, {@link
 * Pipeline#importFact}), so they pass {@link DealHistory#checkAgainst}. They run to each deal's
 * end (won, lost or dark), well past the creation period; {@link
 * dev.pipelinesdk.core.forecast.ForecastInput} or {@link
 * dev.pipelinesdk.forecast.backtest.Backtest} cut them at the as-of instant or cutoffs, and the
 * uncut histories are what really happened after it. The same parameters and seed give the same
 * histories. Immutable and thread-safe.
 */
public final class KnownProcess {
  /** The default start of the creation period: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  /**
   * One open stage's law: how a visit ends and how fast.
   *
   * @param forward P(the visit ends by moving forward: to the next stage, or won from the last)
   * @param lost P(the visit ends lost)
   * @param dark P(the visit ends gone dark, for good)
   * @param ratePerDay the rate of the exponential dwell of a non-stale visit, per day (its mean
   *     is {@code 1 / ratePerDay} days)
   */
  public record StageRates(double forward, double lost, double dark, double ratePerDay) {
    /**
     * Checks the law.
     *
     * @param forward P(forward)
     * @param lost P(lost)
     * @param dark P(dark)
     * @param ratePerDay the dwell rate per day
     * @throws IllegalArgumentException naming the value if a probability is not in [0, 1], they
     *     do not add up to 1 (within 1e-9), or the rate is not a finite number above 0
     */
    public StageRates {
      for (double p : new double[] {forward, lost, dark}) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("a stage's probabilities must be in [0, 1], not "
              + p);
        }
      }
      if (Math.abs(forward + lost + dark - 1) > 1e-9) {
        throw new IllegalArgumentException("forward + lost + dark must be 1, not " + forward
            + " + " + lost + " + " + dark);
      }
      if (!(ratePerDay > 0) || Double.isInfinite(ratePerDay)) {
        throw new IllegalArgumentException("the dwell rate must be a finite number of visits"
            + " ending per day above 0, not " + ratePerDay);
      }
    }
  }

  /**
   * The process's parameters.
   *
   * @param stages the open stages in funnel order, at least one
   * @param dealsPerDay the rate of new deals per day, above 0
   * @param creationDays how many days deals are created for, above 0
   * @param staleShare the probability that a visit is stale, in [0, 1)
   * @param staleSlowdown how many times longer a stale visit lasts on average, at least 1
   * @param start when the creation period begins
   */
  public record Parameters(List<StageRates> stages, double dealsPerDay, double creationDays,
      double staleShare, double staleSlowdown, Instant start) {
    /**
     * Checks and copies the parameters.
     *
     * @param stages the open stages
     * @param dealsPerDay deals per day
     * @param creationDays days of creation
     * @param staleShare share of stale visits
     * @param staleSlowdown slowdown of stale visits
     * @param start the start
     * @throws IllegalArgumentException naming the value if one is out of range
     * @throws NullPointerException if {@code stages} or {@code start} is null
     */
    public Parameters {
      stages = List.copyOf(stages);
      Objects.requireNonNull(start, "start is null");
      if (stages.isEmpty()) {
        throw new IllegalArgumentException("a process needs at least one open stage");
      }
      if (!(dealsPerDay > 0) || Double.isInfinite(dealsPerDay)) {
        throw new IllegalArgumentException("dealsPerDay must be a finite number above 0, not "
            + dealsPerDay);
      }
      if (!(creationDays > 0) || Double.isInfinite(creationDays)) {
        throw new IllegalArgumentException("creationDays must be a finite number above 0, not "
            + creationDays);
      }
      if (!(staleShare >= 0 && staleShare < 1)) {
        throw new IllegalArgumentException("staleShare must be in [0, 1), not " + staleShare);
      }
      if (!(staleSlowdown >= 1) || Double.isInfinite(staleSlowdown)) {
        throw new IllegalArgumentException("staleSlowdown must be a finite number of at least 1,"
            + " not " + staleSlowdown);
      }
    }
  }

  private final Parameters parameters;
  private final PipelineDefinition definition;

  /**
   * The process.
   *
   * @param parameters its parameters
   */
  public KnownProcess(Parameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters is null");
    PipelineDefinition.Builder b = PipelineDefinition.builder("known").currency("EUR");
    int n = parameters.stages().size();
    String[] path = new String[n + 1];
    for (int k = 1; k <= n; k++) {
      // default probabilities rise along the funnel; no model under test should use them
      b.stage(Stage.open(id(k), "Stage " + k, (double) k / (n + 1)));
      path[k - 1] = id(k);
    }
    path[n] = "won";
    b.stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .stage(Stage.dormant("dark", "Gone dark"));
    // dark -> lost is declared because a definition needs every stage to reach an end; the
    // process never takes it (a dark deal stays dark)
    this.definition = b.path(path).fromEveryOpenStage("lost").fromEveryOpenStage("dark")
        .transition("dark", "lost", "give up").build();
  }

  /** {@return the parameters} */
  public Parameters parameters() {
    return parameters;
  }

  /**
   * {@return the definition: open stages {@code s1} to {@code sn} (display names {@code Stage 1}
   * ...), {@code won}, {@code lost} and the dormant {@code dark} (with a declared move to lost
   * that the process never takes); currency EUR}
   */
  public PipelineDefinition definition() {
    return definition;
  }

  /**
   * {@return the id of the k-th open stage, {@code s<k>}}
   *
   * @param k from 1 to the number of stages
   */
  public static StageId stage(int k) {
    return StageId.of(id(k));
  }

  private static String id(int k) {
    return "s" + k;
  }

  /**
   * {@return the true P(eventually won | in stage k): the product of the forward probabilities of
   * stages k to n}
   *
   * @param k from 1 to the number of stages
   */
  public double wonEventually(int k) {
    double p = 1;
    for (int i = k - 1; i < parameters.stages().size(); i++) {
      p *= parameters.stages().get(i).forward();
    }
    return p;
  }

  /**
   * The true probability that a visit to stage {@code k} lasts longer than {@code t} days: {@code
   * (1 - staleShare) exp(-rate t) + staleShare exp(-rate t / staleSlowdown)}.
   *
   * @param k from 1 to the number of stages
   * @param t days, at least 0
   * @return the probability
   */
  public double visitLastsLonger(int k, double t) {
    double rate = parameters.stages().get(k - 1).ratePerDay();
    return (1 - parameters.staleShare()) * Math.exp(-rate * t)
        + parameters.staleShare() * Math.exp(-rate * t / parameters.staleSlowdown());
  }

  /**
   * The true P(won in (u, u + h] | in the last stage for u days, no outcome yet): {@code forward x
   * (S(u) - S(u + h)) / S(u)} (see the class comment).
   *
   * @param u days already in the last stage, at least 0
   * @param h the horizon in days, at least 0
   * @return the probability
   */
  public double lastStageWonWithin(double u, double h) {
    int n = parameters.stages().size();
    double s = visitLastsLonger(n, u);
    return parameters.stages().get(n - 1).forward() * (s - visitLastsLonger(n, u + h)) / s;
  }

  /**
   * Generates the histories of every deal created in the creation period, each to its end.
   *
   * @param seed the seed: the same parameters and seed give the same histories
   * @return the histories, in order of creation
   */
  public List<DealHistory> histories(long seed) {
    return histories(seed, 0, 30);
  }

  /**
   * Generates the histories with shocks shared by the deals of a period, as a budget freeze or a
   * good quarter hits many deals at once: the calendar is cut into periods of {@code periodDays}
   * from the start, each draws {@code Z ~ N(0, shockSd^2)} once, and a visit to the last stage
   * that ends in that period is won with {@code logistic(logit(forward) + Z)} instead of {@code
   * forward} (lost and dark keep their ratio). With {@code shockSd} 0 this is {@link
   * #histories(long)}. The truths above ignore the shocks.
   *
   * @param seed the seed: the same parameters, seed and shocks give the same histories
   * @param shockSd the standard deviation of a period's log-odds shock, at least 0
   * @param periodDays the length of a period in days, above 0
   * @return the histories, in order of creation
   */
  public List<DealHistory> histories(long seed, double shockSd, double periodDays) {
    Random random = new Random(seed);
    Random shocks = new Random(seed ^ 0x5DEECE66DL);
    java.util.Map<Long, Double> shock = new java.util.HashMap<>();
    Pipeline pipeline = Pipeline.of(definition, () -> parameters.start());
    Request request = Request.by("known-process");
    List<DealHistory> out = new ArrayList<>();
    double day = exponential(random, parameters.dealsPerDay());
    while (day < parameters.creationDays()) {
      String id = String.format("K-%06d", out.size() + 1);
      Money amount = Money.of(Integer.toString(1000 * (1 + random.nextInt(10))), "EUR");
      DealHistory h = pipeline.importDeal(NewDeal.builder().id(id).title(id).stage(stage(1))
          .amount(amount).build(), request.at(at(day))).historyOrThrow();
      double t = day;
      int n = parameters.stages().size();
      for (int k = 1; k <= n; k++) {
        StageRates law = parameters.stages().get(k - 1);
        boolean stale = random.nextDouble() < parameters.staleShare();
        t += exponential(random, stale ? law.ratePerDay() / parameters.staleSlowdown()
            : law.ratePerDay());
        double r = random.nextDouble();
        double forward = law.forward();
        double lost = law.lost();
        if (k == n && shockSd > 0 && forward > 0 && forward < 1) {
          long period = (long) Math.floor(t / periodDays);
          double z = shock.computeIfAbsent(period, x -> shocks.nextGaussian() * shockSd);
          double shocked = 1 / (1 + Math.exp(-(Math.log(forward / (1 - forward)) + z)));
          lost = law.lost() + law.dark() == 0 ? 1 - shocked
              : (1 - shocked) * law.lost() / (law.lost() + law.dark());
          forward = shocked;
        }
        String to = r < forward ? (k == n ? "won" : id(k + 1))
            : r < forward + lost ? "lost" : "dark";
        h = pipeline.importFact(h, new Command.MoveTo(StageId.of(to)), request.at(at(t)))
            .historyOrThrow();
        if (!to.equals(id(k + 1))) {
          break;
        }
      }
      out.add(h);
      day += exponential(random, parameters.dealsPerDay());
    }
    return out;
  }

  private Instant at(double day) {
    return parameters.start().plus(Duration.ofMillis(Math.round(day * 86_400_000.0)));
  }

  private static double exponential(Random random, double rate) {
    return -Math.log(1 - random.nextDouble()) / rate;
  }
}
