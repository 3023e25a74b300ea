package dev.pipelinesdk.forecast.model;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Attributes on top of timing, in the spirit of Odoo's predictive lead scoring: the {@linkplain
 * CompetingRisksModel competing-risks} probability P(won within the horizon | stage, days in it),
 * its odds multiplied by naive-Bayes likelihood ratios of the deal's attributes:
 *
 * <pre>{@code
 * logit p = logit p_base + sum over attributes j of log(P(value_j | won) / P(value_j | lost))
 * }</pre>
 *
 * <p><b>What is learned, per stage.</b> The sample of a stage is every deal closed (in a won or
 * lost stage) at the as-of instant whose history passed through that stage, each as it stood when
 * it last entered the stage (so a value set on the way out of the stage, such as a fact recorded
 * just before moving on, does not leak the outcome into the sample); the open deal is read the
 * same way, as it stood when it entered its current stage. The attributes are the lead source,
 * the owner, the amount band and every other attribute of the deals with at most {@value
 * #MAX_VALUES} distinct values in the stage's sample. The amount band is the quartile of the
 * amount among the sample's amounts (in the definition's currency, or else in the currency of
 * the sample's first amount): {@code Q1} up to the first quartile, {@code Q2} up to the median,
 * {@code Q3} up to the third quartile, {@code Q4} above, quartiles by the library's one
 * definition (linear interpolation between closest ranks, R's type 7). With Laplace smoothing of
 * weight {@code alpha} ({@value #ALPHA} by default), {@code P(v | won) = (won deals with v +
 * alpha) / (won deals with a value + alpha K)} with {@code K} the attribute's distinct values in
 * the sample, and the same for lost.
 *
 * <p><b>What counts.</b> A value seen in fewer than {@code minCount} deals of the sample ({@value
 * #MIN_COUNT} by default) contributes nothing, nor does an absent value (no owner, no amount, an
 * amount in another currency), nor any attribute of a stage whose sample has no win or no loss.
 * A base probability of 0 or 1 stays as it is (no finite odds to multiply), and a manual override
 * wins, as in every model. Each deal's {@link DealForecast#basis()} is the base's, followed by the
 * factor by which each counted value multiplied the odds and the probability before and after.
 *
 * <p><b>Assumptions.</b> The attributes are independent of each other given the outcome, and of
 * the time spent in the stage (naive Bayes); a likelihood ratio learned from eventual wins and
 * losses applies to wins within the horizon; the base model's timing holds (see its
 * assumptions); deals that went dark and never closed are like the closed ones; an absent value
 * says nothing. Deterministic and thread-safe: it holds no state but its settings.
 */
public final class NaiveBayesModel implements ForecastModel {
  /** The name this model is found by. */
  public static final String NAME = "naive-bayes";
  /** The default weight of the Laplace smoothing, in pseudo-deals per value: {@value}. */
  public static final double ALPHA = 1;
  /** The default number of deals of a stage's sample a value needs to count: {@value}. */
  public static final int MIN_COUNT = 10;
  /** At most this many distinct values in a stage's sample make an attribute categorical. */
  public static final int MAX_VALUES = 10;
  /** The attribute name of the lead source in {@link StageLikelihoods#ratios()}. */
  public static final String LEAD_SOURCE = "lead source";
  /** The attribute name of the owner in {@link StageLikelihoods#ratios()}. */
  public static final String OWNER = "owner";
  /** The attribute name of the amount band in {@link StageLikelihoods#ratios()}. */
  public static final String AMOUNT_BAND = "amount band";
  /** The prefix of a deal attribute's name in {@link StageLikelihoods#ratios()}. */
  public static final String ATTRIBUTE = "attribute ";

  private final CompetingRisksModel base = new CompetingRisksModel();
  private final double alpha;
  private final int minCount;

  /** The model with the default smoothing ({@value #ALPHA}) and minimum count ({@value #MIN_COUNT}). */
  public NaiveBayesModel() {
    this(ALPHA, MIN_COUNT);
  }

  /**
   * The model with its own smoothing and minimum count.
   *
   * @param alpha the Laplace smoothing weight, a finite number above 0
   * @param minCount how many deals of a stage's sample a value needs to count, at least 1
   * @throws IllegalArgumentException naming the value if {@code alpha} is not a finite number
   *     above 0 or {@code minCount} is below 1
   */
  public NaiveBayesModel(double alpha, int minCount) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be a finite number above 0, not " + alpha);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1, not " + minCount);
    }
    this.alpha = alpha;
    this.minCount = minCount;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String assumptions() {
    return "the competing-risks P(won within the horizon | stage, days in it), its assumptions"
        + " included (the past's timing holds for the open deals), with its odds multiplied by"
        + " naive-Bayes likelihood ratios of lead source, owner, amount quartile band and other"
        + " attributes with at most " + MAX_VALUES + " values, learned from the deals closed by"
        + " the as-of instant that passed through the deal's stage, as they stood when they"
        + " entered it; attributes independent of each other and of the time in stage given the"
        + " outcome; ratios of eventual wins and losses hold for wins within the horizon; Laplace"
        + " smoothing alpha " + alpha + "; a value seen in fewer than " + minCount + " closed"
        + " deals, or absent, says nothing; a base of 0 or 1 and a manual override stay";
  }

  /**
   * What was learned for one stage.
   *
   * @param stage the stage
   * @param won the deals of the sample that were won
   * @param lost the deals of the sample that were lost
   * @param amountBands the quartiles the amount bands are cut at; empty if the sample has no
   *     amount
   * @param ratios per attribute ({@value #LEAD_SOURCE}, {@value #OWNER}, {@value #AMOUNT_BAND},
   *     or {@value #ATTRIBUTE} followed by a deal attribute's name) and value (a lead source's
   *     {@code toString()}, the owner, {@code Q1} to {@code Q4}, an attribute value's {@code
   *     toString()}), the likelihood ratio {@code P(value | won) / P(value | lost)} of each value
   *     that counts; attributes in that order, deal attributes by name
   */
  public record StageLikelihoods(StageId stage, int won, int lost,
      Optional<AmountBands> amountBands, Map<String, Map<String, Double>> ratios) {
    /**
     * Checks and copies the value.
     *
     * @param stage the stage
     * @param won won deals
     * @param lost lost deals
     * @param amountBands the amount quartiles, if any
     * @param ratios the likelihood ratios
     * @throws NullPointerException if an argument is null
     */
    public StageLikelihoods {
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(amountBands, "amountBands is null");
      Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
      ratios.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
      ratios = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * The quartiles of a stage's sample's amounts, which cut the amount bands: {@code Q1} up to
   * {@code q1} (included), {@code Q2} up to {@code q2}, {@code Q3} up to {@code q3}, {@code Q4}
   * above. The quartiles are kept without trailing zeros (and at a scale of at least 0), so equal
   * values make equal bands whatever their scale.
   *
   * @param currency the currency of the amounts banded; amounts in another are not banded
   * @param q1 the first quartile
   * @param q2 the median
   * @param q3 the third quartile
   */
  public record AmountBands(Currency currency, BigDecimal q1, BigDecimal q2, BigDecimal q3) {
    /**
     * Checks and normalises the value.
     *
     * @param currency the currency
     * @param q1 the first quartile
     * @param q2 the median
     * @param q3 the third quartile
     * @throws IllegalArgumentException if the quartiles are not in order, naming them
     * @throws NullPointerException if an argument is null
     */
    public AmountBands {
      Objects.requireNonNull(currency, "currency is null");
      q1 = canonical(Objects.requireNonNull(q1, "q1 is null"));
      q2 = canonical(Objects.requireNonNull(q2, "q2 is null"));
      q3 = canonical(Objects.requireNonNull(q3, "q3 is null"));
      if (q1.compareTo(q2) > 0 || q2.compareTo(q3) > 0) {
        throw new IllegalArgumentException("quartiles must be in order, not " + q1 + ", " + q2
            + ", " + q3);
      }
    }

    private static BigDecimal canonical(BigDecimal d) {
      BigDecimal s = d.stripTrailingZeros();
      return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * The band of an amount.
     *
     * @param amount the amount
     * @return {@code Q1} to {@code Q4}; empty if the amount is in another currency
     */
    public Optional<String> band(Money amount) {
      if (!amount.currency().equals(currency)) {
        return Optional.empty();
      }
      BigDecimal a = amount.amount();
      return Optional.of(a.compareTo(q1) <= 0 ? "Q1" : a.compareTo(q2) <= 0 ? "Q2"
          : a.compareTo(q3) <= 0 ? "Q3" : "Q4");
    }

    /** {@return a band in words, such as {@code Q2 (275 to 450 EUR)}} */
    String describe(String band) {
      String c = " " + currency.getCurrencyCode();
      switch (band) {
        case "Q1":
          return "Q1 (up to " + q1.toPlainString() + c + ")";
        case "Q2":
          return "Q2 (" + q1.toPlainString() + " to " + q2.toPlainString() + c + ")";
        case "Q3":
          return "Q3 (" + q2.toPlainString() + " to " + q3.toPlainString() + c + ")";
        default:
          return "Q4 (over " + q3.toPlainString() + c + ")";
      }
    }

    private static String plain(BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
  }

  /** A deal of a stage's sample: how it ended and how it stood when it entered the stage. */
  private record Sample(boolean won, Deal atEntry) {}

  /**
   * Learns the likelihood ratios of every stage that is neither won nor lost and that a closed
   * deal passed through.
   *
   * @param definition the definition
   * @param histories the histories known at the as-of instant (use {@link
   *     ForecastInput#histories()}: a history that reaches past the as-of instant would look
   *     ahead)
   * @return the likelihoods per stage, in the definition's order
   * @throws IllegalArgumentException naming the stage if a history is in a stage the definition
   *     does not have
   */
  public Map<StageId, StageLikelihoods> fit(PipelineDefinition definition,
      List<DealHistory> histories) {
    Map<StageId, List<Sample>> samples = new HashMap<>();
    for (DealHistory h : histories) {
      StageKind kind = definition.requireStage(h.current().stage()).kind();
      if (kind != StageKind.WON && kind != StageKind.LOST) {
        continue;
      }
      lastEntries(h).forEach((stage, deal) -> {
        if (!definition.requireStage(stage).kind().isTerminal()) {
          samples.computeIfAbsent(stage, s -> new ArrayList<>())
              .add(new Sample(kind == StageKind.WON, deal));
        }
      });
    }
    Map<StageId, StageLikelihoods> out = new LinkedHashMap<>();
    for (Stage stage : definition.stages()) {
      List<Sample> sample = samples.get(stage.id());
      if (sample != null) {
        out.put(stage.id(), likelihoods(definition, stage.id(), sample));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private StageLikelihoods likelihoods(PipelineDefinition definition, StageId stage,
      List<Sample> sample) {
    int won = 0;
    for (Sample s : sample) {
      won += s.won() ? 1 : 0;
    }
    int lost = sample.size() - won;
    Optional<AmountBands> bands = bands(definition, sample);
    Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
    if (won == 0 || lost == 0) {
      return new StageLikelihoods(stage, won, lost, bands, ratios);
    }
    Set<String> attributes = new TreeSet<>();
    for (Sample s : sample) {
      attributes.addAll(s.atEntry().attributes().keySet());
    }
    List<String> features = new ArrayList<>(List.of(LEAD_SOURCE, OWNER, AMOUNT_BAND));
    attributes.forEach(a -> features.add(ATTRIBUTE + a));
    for (String feature : features) {
      Map<String, int[]> counts = new TreeMap<>(); // value -> {won, lost}
      int[] present = new int[2];
      for (Sample s : sample) {
        Optional<String> v = value(feature, s.atEntry(), bands);
        if (v.isPresent()) {
          int side = s.won() ? 0 : 1;
          counts.computeIfAbsent(v.get(), k -> new int[2])[side]++;
          present[side]++;
        }
      }
      if (present[0] == 0 || present[1] == 0
          || feature.startsWith(ATTRIBUTE) && counts.size() > MAX_VALUES) {
        continue; // nothing to compare, or an attribute that is not categorical
      }
      double k = counts.size();
      Map<String, Double> byValue = new LinkedHashMap<>();
      counts.forEach((value, c) -> {
        if (c[0] + c[1] >= minCount) {
          double givenWon = (c[0] + alpha) / (present[0] + alpha * k);
          double givenLost = (c[1] + alpha) / (present[1] + alpha * k);
          byValue.put(value, givenWon / givenLost);
        }
      });
      if (!byValue.isEmpty()) {
        ratios.put(feature, byValue);
      }
    }
    return new StageLikelihoods(stage, won, lost, bands, ratios);
  }

  /** The amount quartiles of a sample, in the definition's currency or the first amount's. */
  private static Optional<AmountBands> bands(PipelineDefinition definition, List<Sample> sample) {
    Currency currency = definition.currency().orElse(null);
    List<BigDecimal> amounts = new ArrayList<>();
    for (Sample s : sample) {
      Optional<Money> m = s.atEntry().amount();
      if (m.isEmpty()) {
        continue;
      }
      if (currency == null) {
        currency = m.get().currency();
      }
      if (m.get().currency().equals(currency)) {
        amounts.add(m.get().amount());
      }
    }
    if (amounts.isEmpty()) {
      return Optional.empty();
    }
    Collections.sort(amounts);
    return Optional.of(new AmountBands(currency, quartile(amounts, 1), quartile(amounts, 2),
        quartile(amounts, 3)));
  }

  /**
   * The {@code k}-th quartile of sorted amounts by the library's one quantile definition (linear
   * interpolation between closest ranks, R's type 7: {@code h = k/4 (n - 1)}, {@code x[floor h]
   * + (h - floor h)(x[floor h + 1] - x[floor h])}), exact in decimal arithmetic.
   */
  static BigDecimal quartile(List<BigDecimal> sorted, int k) {
    int n = sorted.size();
    int num = k * (n - 1); // h = num / 4
    int j = num / 4;
    int rest = num % 4;
    BigDecimal low = sorted.get(j);
    if (rest == 0) {
      return low;
    }
    return low.add(sorted.get(j + 1).subtract(low).multiply(BigDecimal.valueOf(rest))
        .divide(BigDecimal.valueOf(4)));
  }

  /** A deal's value of a feature, as a string; empty if absent. */
  private static Optional<String> value(String feature, Deal deal, Optional<AmountBands> bands) {
    switch (feature) {
      case LEAD_SOURCE:
        return deal.leadSource().map(Object::toString);
      case OWNER:
        return deal.owner();
      case AMOUNT_BAND:
        return bands.isEmpty() || deal.amount().isEmpty() ? Optional.empty()
            : bands.get().band(deal.amount().get());
      default:
        return deal.attribute(feature.substring(ATTRIBUTE.length())).map(AttributeValue::toString);
    }
  }

  /** How a counted value reads in a basis: {@code owner ana}, {@code need=true}. */
  private static String describe(String feature, String value, Optional<AmountBands> bands) {
    if (feature.equals(AMOUNT_BAND)) {
      return "amount " + bands.orElseThrow().describe(value);
    }
    if (feature.startsWith(ATTRIBUTE)) {
      return feature.substring(ATTRIBUTE.length()) + "=" + value;
    }
    return feature + " " + value;
  }

  /** The deal as it stood right after it last entered each stage it was in. */
  private static Map<StageId, Deal> lastEntries(DealHistory h) {
    Map<StageId, Deal> out = new HashMap<>();
    List<DealEvent> events = h.events();
    Deal deal = h.created().deal();
    out.put(deal.stage(), deal);
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      deal = deal.apply(e);
      if (e instanceof DealEvent.StageChanged) {
        out.put(deal.stage(), deal);
      }
    }
    return out;
  }

  /** The deal as it stood right after it entered the stage it is in at the end of the history. */
  private static Deal atCurrentEntry(DealHistory h) {
    List<DealEvent> events = h.events();
    Deal deal = h.created().deal();
    Deal entered = deal;
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      deal = deal.apply(e);
      if (e instanceof DealEvent.StageChanged) {
        entered = deal;
      }
    }
    return entered;
  }

  @Override
  public Forecast forecast(ForecastInput input) {
    Forecast baseForecast = base.forecast(input);
    Map<StageId, StageLikelihoods> fitted = fit(input.definition(), input.histories());
    List<DealHistory> open = input.open();
    List<DealForecast> out = new ArrayList<>(open.size());
    for (int i = 0; i < open.size(); i++) {
      DealHistory history = open.get(i);
      DealForecast b = baseForecast.deals().get(i);
      if (!b.deal().equals(history.dealId())) {
        throw new IllegalStateException("the base model forecast deal '" + b.deal()
            + "' where deal '" + history.dealId() + "' was expected: it broke its contract");
      }
      out.add(history.current().manualProbability().isPresent() ? b
          : update(b, history, fitted.get(b.stage()), input.definition()));
    }
    return new Forecast(NAME, input.asOf(), input.horizon(), out);
  }

  private DealForecast update(DealForecast b, DealHistory history,
      StageLikelihoods likelihoods, PipelineDefinition definition) {
    String stageName = definition.requireStage(b.stage()).name();
    double p = b.probability();
    if (likelihoods == null) {
      return with(b, p, "; naive Bayes: no deal closed through " + stageName + " yet, base kept");
    }
    String sample = String.format(Locale.ROOT, "; naive Bayes over %d closed deals through %s"
        + " (%d won)", likelihoods.won() + likelihoods.lost(), stageName, likelihoods.won());
    if (p == 0 || p == 1) {
      return with(b, p, sample + ": a base of " + (p == 0 ? "0" : "1") + " stays");
    }
    Deal atEntry = atCurrentEntry(history);
    double logit = Math.log(p / (1 - p));
    StringBuilder moved = new StringBuilder();
    for (Map.Entry<String, Map<String, Double>> f : likelihoods.ratios().entrySet()) {
      Optional<String> v = value(f.getKey(), atEntry, likelihoods.amountBands());
      Double ratio = v.map(f.getValue()::get).orElse(null);
      if (ratio != null) {
        logit += Math.log(ratio);
        moved.append(moved.length() == 0 ? ": " : ", ")
            .append(describe(f.getKey(), v.get(), likelihoods.amountBands()))
            .append(String.format(Locale.ROOT, " odds x%.2f", ratio));
      }
    }
    if (moved.length() == 0) {
      return with(b, p, sample + ": no value of this deal seen in " + minCount
          + " of them or more, base kept");
    }
    double q = logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    return with(b, q, sample + moved + String.format(Locale.ROOT, "; %.3f -> %.3f", p, q));
  }

  private static DealForecast with(DealForecast b, double p, String more) {
    return new DealForecast(b.deal(), b.stage(), b.amount(), p, b.basis() + more);
  }
}
