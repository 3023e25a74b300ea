package dev.pipelinesdk.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import dev.pipelinesdk.core.forecast.ForecastModels;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The naive-Bayes attribute model: hand-checked, and on data where an attribute does or does not
 * tell wins from losses. */
class NaiveBayesModelTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PipelineDefinition ONE = PipelineDefinition.builder("one")
      .currency("EUR").stage(Stage.open("e", "Engaging", 0.5)).stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost")).path("e", "won").fromEveryOpenStage("lost").build();

  private static Instant day(double d) {
    return T0.plus(Duration.ofMillis(Math.round(d * 86_400_000.0)));
  }

  /** A deal created on day {@code created}, closed ({@code end} won or lost) on {@code endDay}. */
  private static DealHistory deal(String id, UnaryOperator<NewDeal.Builder> values,
      double created, String end, double endDay) {
    Pipeline p = Pipeline.of(ONE, () -> T0);
    Request r = Request.by("import");
    DealHistory h = p.importDeal(values.apply(NewDeal.builder().id(id).title(id)).build(),
        r.at(day(created))).historyOrThrow();
    if (end != null) {
      h = p.importFact(h, new Command.MoveTo(StageId.of(end)), r.at(day(endDay)))
          .historyOrThrow();
    }
    return h;
  }

  private static UnaryOperator<NewDeal.Builder> values(String source, String owner,
      String amount, Boolean trial) {
    return b -> {
      if (source != null) {
        b.leadSource(source.equals("web") ? LeadSource.warm(source) : LeadSource.cold(source));
      }
      if (owner != null) {
        b.owner(owner);
      }
      if (amount != null) {
        b.amount(Money.of(amount, "EUR"));
      }
      if (trial != null) {
        b.putAttribute("trial", AttributeValue.of(trial));
      }
      return b;
    };
  }

  /**
   * Eight deals closed after 10 days each (created on days 0 to 7): D1 to D5 won except D4.
   *
   * <pre>
   *        source  owner  amount  trial  outcome
   *   D1   web     ana    100     true   won
   *   D2   web     ana    200     false  won
   *   D3   web     ana    300     false  won
   *   D4   web     ana    400     false  lost
   *   D5   call    ana    500     true   won
   *   D6   call    ana    600     true   lost
   *   D7   call    ben    700     true   lost
   *   D8   call    ben    800     false  lost
   * </pre>
   *
   * <p>4 won, 4 lost; alpha 1, a value needs 3 deals. Lead source (K = 2): P(web | won) = (3 +
   * 1) / (4 + 2) = 4/6, P(web | lost) = (1 + 1) / 6 = 2/6: ratio 2; call: (1 + 1)/6 over (3 +
   * 1)/6: 1/2. Owner (K = 2): ana is in 4 won and 2 lost deals, P(ana | won) = 5/6, P(ana | lost)
   * = 3/6: ratio 5/3; ben (2 deals) is below 3 and counts nothing. Trial: true in 2 won and 2
   * lost, so 3/6 over 3/6 either way: ratio 1, a flag that says nothing. Amount quartiles (R's
   * type 7 over 100 to 800): h = 7/4 gives 200 + 0.75 x 100 = 275, the median 450, h = 21/4 gives
   * 625; each band holds 2 deals, below 3: no band counts.
   *
   * <p>Base (competing risks): O1 to O3 entered on day 29 and O4 on day 0; as of day 30, the 12
   * visits: O1 to O3 censored at 1 day, then at 10 days 4 wins and 4 losses among the 9 at risk:
   * F_won = 4/9, S = 1/9; O4 censored at 30. A deal 1 day in, horizon 30: 4/9 (odds 4/5). O4, 30
   * days in: no win after 10 days, so 0.
   *
   * <p>O1 (web, ana, 150, trial): odds 4/5 x 2 x 5/3 x 1 = 8/3, p = 8/11. O2 (call, ben, 650):
   * 4/5 x 1/2 = 2/5, p = 2/7 (ben and the band count nothing). O3 (no source, owner, amount):
   * 4/9. O4 (web, ana): its base of 0 stays.
   */
  @Test
  void likelihoodRatiosAndTheUpdateByHand() {
    List<DealHistory> h = List.of(
        deal("D1", values("web", "ana", "100", true), 0, "won", 10),
        deal("D2", values("web", "ana", "200", false), 1, "won", 11),
        deal("D3", values("web", "ana", "300", false), 2, "won", 12),
        deal("D4", values("web", "ana", "400", false), 3, "lost", 13),
        deal("D5", values("call", "ana", "500", true), 4, "won", 14),
        deal("D6", values("call", "ana", "600", true), 5, "lost", 15),
        deal("D7", values("call", "ben", "700", true), 6, "lost", 16),
        deal("D8", values("call", "ben", "800", false), 7, "lost", 17),
        deal("O1", values("web", "ana", "150", true), 29, null, 0),
        deal("O2", values("call", "ben", "650", null), 29, null, 0),
        deal("O3", values(null, null, null, null), 29, null, 0),
        deal("O4", values("web", "ana", "100", null), 0, null, 0));
    NaiveBayesModel model = new NaiveBayesModel(1, 3);
    ForecastInput input = ForecastInput.of(ONE, h, day(30), Duration.ofDays(30));

    NaiveBayesModel.StageLikelihoods e = model.fit(ONE, input.histories()).get(StageId.of("e"));
    assertThat(e.won()).isEqualTo(4);
    assertThat(e.lost()).isEqualTo(4);
    assertThat(e.amountBands()).contains(new NaiveBayesModel.AmountBands(Money.currency("EUR"),
        new BigDecimal("275"), new BigDecimal("450"), new BigDecimal("625")));
    assertThat(e.ratios()).containsOnlyKeys("lead source", "owner", "attribute trial");
    assertThat(e.ratios().get("lead source").get("warm:web")).isCloseTo(2, within(1e-12));
    assertThat(e.ratios().get("lead source").get("cold:call")).isCloseTo(0.5, within(1e-12));
    assertThat(e.ratios().get("owner")).containsOnlyKeys("ana");
    assertThat(e.ratios().get("owner").get("ana")).isCloseTo(5.0 / 3, within(1e-12));
    assertThat(e.ratios().get("attribute trial")).containsExactly(Map.entry("false", 1.0),
        Map.entry("true", 1.0));

    Forecast f = model.forecast(input);
    assertThat(f.model()).isEqualTo("naive-bayes");
    assertThat(f.deals()).extracting(d -> d.deal().value())
        .containsExactly("O1", "O2", "O3", "O4");
    assertThat(f.deals()).extracting(DealForecast::probability).satisfiesExactly(
        p -> assertThat(p).isCloseTo(8.0 / 11, within(1e-12)),
        p -> assertThat(p).isCloseTo(2.0 / 7, within(1e-12)),
        p -> assertThat(p).isCloseTo(4.0 / 9, within(1e-12)),
        p -> assertThat(p).isZero());
    assertThat(f.deals().get(0).basis()).isEqualTo("Engaging, 1 day in stage (12 of 12 visits stayed 1 day or"
        + " more);"
        + " naive Bayes over 8 closed deals through Engaging (4 won): lead source warm:web odds"
        + " x2.00, owner ana odds x1.67, trial=true odds x1.00; 0.444 -> 0.727");
    assertThat(f.deals().get(1).basis()).endsWith("(4 won): lead source cold:call odds x0.50;"
        + " 0.444 -> 0.286");
    assertThat(f.deals().get(2).basis()).endsWith("(4 won): no value of this deal seen in 3 of"
        + " them or more, base kept");
    assertThat(f.deals().get(3).basis()).endsWith("(4 won): a base of 0 stays");
  }

  @Test
  void theDefaultMinimumCountKeepsTheSmallExampleAtItsBase() {
    List<DealHistory> h = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      h.add(deal("D" + i, values(i < 4 ? "web" : "call", "ana", "100", null), i,
          i < 3 || i == 4 ? "won" : "lost", i + 10));
    }
    h.add(deal("O", values("web", "ana", "100", null), 29, null, 0));
    ForecastInput input = ForecastInput.of(ONE, h, day(30), Duration.ofDays(30));
    DealForecast base = new CompetingRisksModel().forecast(input).deals().get(0);
    DealForecast nb = new NaiveBayesModel().forecast(input).deals().get(0);
    assertThat(nb.probability()).isEqualTo(base.probability());
    assertThat(nb.basis()).endsWith("no value of this deal seen in 10 of them or more, base"
        + " kept");
  }

  @Test
  void aManualOverrideWinsAndAStageNoClosedDealPassedThroughKeepsItsBase() {
    Pipeline p = Pipeline.of(ONE, () -> T0);
    DealHistory manual = p.execute(deal("M", values("web", "ana", "100", null), 1, null, 0),
        new Command.OverrideProbability(java.util.OptionalDouble.of(0.9)),
        Request.by("ana").at(day(2))).historyOrThrow();
    DealHistory other = deal("N", values("web", "ana", "100", null), 1, null, 0);
    Forecast f = new NaiveBayesModel().forecast(ForecastInput.of(ONE, List.of(manual, other),
        day(3), Duration.ofDays(30)));
    assertThat(f.deals().get(0).probability()).isEqualTo(0.9);
    assertThat(f.deals().get(0).basis()).isEqualTo("manual override");
    assertThat(f.deals().get(1).basis()).endsWith("; naive Bayes: no deal closed through"
        + " Engaging yet, base kept");
  }

  /**
   * Many deals through one stage, each with a segment (a or b, even odds) and a colour (red or
   * blue, even odds, drawn independently of everything). A deal of segment a is won with 0.7, of
   * b with 0.3, so P(a | won) = 0.7 and P(a | lost) = 0.3: the true ratio of a is 7/3, of b 3/7;
   * the colour's ratio is 1. The closing time (exponential, mean 10 days) does not depend on
   * either, so the closed deals are a fair sample. The standard error of a log ratio {@code
   * log(p_w / p_l)}, with {@code p_w} estimated from {@code n_w} won deals and {@code p_l} from
   * {@code n_l} lost ones, is {@code sqrt((1 - p_w) / (p_w n_w) + (1 - p_l) / (p_l n_l))} (delta
   * method); tolerances are 4 of them.
   */
  @Test
  void anInformativeAttributeMovesTheOddsItsWayAndANoiseAttributeBarelyMovesThem() {
    Random random = new Random(14L);
    List<DealHistory> h = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      boolean a = random.nextBoolean();
      boolean red = random.nextBoolean();
      boolean won = random.nextDouble() < (a ? 0.7 : 0.3);
      double created = i * 0.15; // 300 days
      double closed = created - 10 * Math.log(1 - random.nextDouble());
      h.add(deal(String.format("D%04d", i), segment(a ? "a" : "b", red ? "red" : "blue"),
          created, won ? "won" : "lost", closed));
    }
    h.add(deal("OA", segment("a", null), 349.5, null, 0));
    h.add(deal("OB", segment("b", null), 349.5, null, 0));
    h.add(deal("ORED", segment(null, "red"), 349.5, null, 0));
    h.add(deal("OBLUE", segment(null, "blue"), 349.5, null, 0));
    ForecastInput input = ForecastInput.of(ONE, h, day(350), Duration.ofDays(30));
    NaiveBayesModel model = new NaiveBayesModel();
    NaiveBayesModel.StageLikelihoods e = model.fit(ONE, input.histories()).get(StageId.of("e"));
    assertThat(e.won() + e.lost()).isGreaterThan(1900); // nearly every deal closed by day 350

    double seSegment = logRatioSe(0.7, 0.3, e);
    double seColour = logRatioSe(0.5, 0.5, e);
    Map<String, Double> segment = e.ratios().get("attribute segment");
    assertThat(Math.log(segment.get("a"))).isCloseTo(Math.log(7.0 / 3), within(4 * seSegment));
    assertThat(Math.log(segment.get("b"))).isCloseTo(Math.log(3.0 / 7), within(4 * seSegment));
    Map<String, Double> colour = e.ratios().get("attribute colour");
    assertThat(Math.log(colour.get("red"))).isCloseTo(0, within(4 * seColour));
    assertThat(Math.log(colour.get("blue"))).isCloseTo(0, within(4 * seColour));
    assertThat(4 * seColour).isLessThan(Math.log(7.0 / 3) / 3); // far tighter than a real signal

    // the four deals made open (a deal closing after day 350 is open then too, and left out)
    List<String> ids = List.of("OA", "OB", "ORED", "OBLUE");
    List<DealForecast> base = only(ids, new CompetingRisksModel().forecast(input));
    List<DealForecast> nb = only(ids, model.forecast(input));
    assertThat(base.get(0).probability()).isBetween(0.1, 0.9); // room to move either way
    assertThat(nb.get(0).probability()).isGreaterThan(base.get(0).probability());
    assertThat(nb.get(1).probability()).isLessThan(base.get(1).probability());
    assertThat(logit(nb.get(0).probability()) - logit(base.get(0).probability()))
        .isCloseTo(Math.log(7.0 / 3), within(4 * seSegment));
    assertThat(logit(nb.get(1).probability()) - logit(base.get(1).probability()))
        .isCloseTo(Math.log(3.0 / 7), within(4 * seSegment));
    for (int i = 2; i < 4; i++) {
      assertThat(logit(nb.get(i).probability()) - logit(base.get(i).probability()))
          .as(ids.get(i)).isCloseTo(0, within(4 * seColour));
    }
    assertThat(nb.get(0).basis()).contains("segment=a odds x");
  }

  private static List<DealForecast> only(List<String> ids, Forecast f) {
    List<DealForecast> out = new ArrayList<>();
    for (String id : ids) {
      out.add(f.deals().stream().filter(d -> d.deal().value().equals(id)).findFirst()
          .orElseThrow());
    }
    return out;
  }

  private static UnaryOperator<NewDeal.Builder> segment(String segment, String colour) {
    return b -> {
      if (segment != null) {
        b.putAttribute("segment", AttributeValue.of(segment));
      }
      if (colour != null) {
        b.putAttribute("colour", AttributeValue.of(colour));
      }
      return b;
    };
  }

  private static double logRatioSe(double pWon, double pLost,
      NaiveBayesModel.StageLikelihoods e) {
    return Math.sqrt((1 - pWon) / (pWon * e.won()) + (1 - pLost) / (pLost * e.lost()));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void badSettingsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new NaiveBayesModel(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alpha must be a finite number above 0, not 0.0");
    assertThatThrownBy(() -> new NaiveBayesModel(Double.NaN, 10))
        .hasMessage("alpha must be a finite number above 0, not NaN");
    assertThatThrownBy(() -> new NaiveBayesModel(1, 0))
        .hasMessage("minCount must be at least 1, not 0");
  }

  @Test
  void isFoundByNameAndStatesItsAssumptions() {
    assertThat(ForecastModels.named("naive-bayes")).isInstanceOf(NaiveBayesModel.class);
    assertThat(new NaiveBayesModel().assumptions()).contains("independent", "competing-risks",
        "alpha 1.0", "fewer than 10");
  }

  @Test
  void quartilesFollowRsType7() {
    List<BigDecimal> four = List.of(new BigDecimal("1"), new BigDecimal("2"),
        new BigDecimal("3"), new BigDecimal("4"));
    // R: quantile(1:4) gives 1.75, 2.5, 3.25
    assertThat(NaiveBayesModel.quartile(four, 1)).isEqualByComparingTo("1.75");
    assertThat(NaiveBayesModel.quartile(four, 2)).isEqualByComparingTo("2.5");
    assertThat(NaiveBayesModel.quartile(four, 3)).isEqualByComparingTo("3.25");
    assertThat(NaiveBayesModel.quartile(List.of(new BigDecimal("7")), 3))
        .isEqualByComparingTo("7");
  }
}
