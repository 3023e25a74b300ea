package dev.pipelinesdk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class PointsScorerTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final Pipeline SAAS = Pipeline.of(PipelineTemplates.definition("saas-b2b"),
      InstantSource.fixed(T0));
  static final Touch REPLY = Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED);
  static final Touch MEETING = Touch.outbound(Touch.Channel.CALL, Touch.Result.NEXT_STEP_AGREED);

  static final PointsScorer SCORER = PointsScorer.builder("test")
      .fit(FitRule.attributeIn("industry fit", "industry", 15, "software", "saas"))
      .fit(FitRule.numberBetween("mid-market", "employees", 50, 1000, 10))
      .fit(FitRule.attributeIs("decision maker", "decision_maker", AttributeValue.of(true), 5))
      .engagement(EngagementRule.touches("replies", 8, Duration.ofDays(10))
          .withResults(Touch.Result.REPLIED).withCap(12))
      .engagement(EngagementRule.attributeEvents("downloads", "content_download", 4,
          Duration.ofDays(20)))
      .build();

  static Request at(int day) {
    return Request.by("ana").at(T0.plus(Duration.ofDays(day)));
  }

  static Instant day(int day) {
    return T0.plus(Duration.ofDays(day));
  }

  /** Software, 120 employees; replies on days 0, 10 and 20, a meeting on 15, a download on 10. */
  static DealHistory history() {
    DealHistory h = SAAS.create(NewDeal.builder().id("D-1").title("Acme")
        .putAttribute("industry", AttributeValue.of("Software"))
        .putAttribute("employees", AttributeValue.of(120)).build(), at(0)).historyOrThrow();
    h = SAAS.recordTouch(h, REPLY, at(0)).historyOrThrow();
    h = SAAS.recordTouch(h, REPLY, at(10)).historyOrThrow();
    h = SAAS.setAttribute(h, "content_download", AttributeValue.of("pricing-guide"), at(10))
        .historyOrThrow();
    h = SAAS.recordTouch(h, MEETING, at(15)).historyOrThrow();
    h = SAAS.recordTouch(h, REPLY, at(20)).historyOrThrow();
    return SAAS.recordTouch(h, REPLY, at(25)).historyOrThrow(); // after the scoring instant
  }

  @Test
  void aHandCheckedScoreWithDecayAndACap() {
    // Scored on day 20:
    //   industry fit: "Software" is one of [software, saas] (case ignored)       15
    //   mid-market: 120 in [50, 1000)                                              10
    //   decision maker: not set                                                     0
    //   replies: ages 20, 10, 0 days, half-life 10: 8 x (0.25 + 0.5 + 1) = 14,
    //            capped at 12 (the reply of day 25 is after the instant: ignored)  12
    //   downloads: age 10 days, half-life 20: 4 x 0.5^0.5 = 2.828... -> 2.83      2.83
    //   total                                                                      39.83
    LeadScore score = SCORER.score(history(), day(20));
    assertThat(score.value()).isEqualByComparingTo("39.83");
    assertThat(score.contributions()).extracting(LeadScore.Contribution::rule, c -> c.points()
        .toPlainString()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("industry fit", "15.00"),
            org.assertj.core.groups.Tuple.tuple("mid-market", "10.00"),
            org.assertj.core.groups.Tuple.tuple("decision maker", "0.00"),
            org.assertj.core.groups.Tuple.tuple("replies", "12.00"),
            org.assertj.core.groups.Tuple.tuple("downloads", "2.83"));
    assertThat(score.contributions().get(3).reason()).isEqualTo("3 touches (replied) x 8, latest"
        + " 0 days ago, decayed to 14.00 (half-life 10 days), capped at 12");
    assertThat(score.contributions().get(0).reason())
        .isEqualTo("industry is Software, one of [software, saas]");
    assertThat(score.contributions().get(2).reason())
        .isEqualTo("no decision_maker (needs equal to true)");
    assertThat(score.scorer()).isEqualTo("test");
    assertThat(score.at()).isEqualTo(day(20));
    assertThat(score.top(2)).extracting(LeadScore.Contribution::rule)
        .containsExactly("industry fit", "replies");
    assertThat(score.explanation()).startsWith("score 39.83 by 'test' at 2026-03-21T00:00:00Z:"
        + " industry fit +15 (industry is Software, one of [software, saas]); mid-market +10");
  }

  @Test
  void fitIsReadAsTheAttributesStoodAtTheInstant() {
    DealHistory h = SAAS.setAttribute(history(), "industry", AttributeValue.of("retail"), at(30))
        .historyOrThrow();
    assertThat(SCORER.score(h, day(20)).contributions().get(0).points())
        .isEqualByComparingTo("15");
    assertThat(SCORER.score(h, day(30)).contributions().get(0)).satisfies(c -> {
      assertThat(c.points()).isEqualByComparingTo("0");
      assertThat(c.reason()).isEqualTo("industry is retail, not one of [software, saas]");
    });
  }

  @Test
  void decayHalvesTheScoreAtTheHalfLife() {
    PointsScorer oneReply = PointsScorer.builder("one").engagement(
        EngagementRule.touches("replies", 8, Duration.ofDays(10))).build();
    DealHistory h = SAAS.recordTouch(SAAS.create(NewDeal.builder().id("D-2").title("Globex")
        .build(), at(0)).historyOrThrow(), REPLY, at(0)).historyOrThrow();
    assertThat(oneReply.score(h, day(0)).value()).isEqualByComparingTo("8");
    assertThat(oneReply.score(h, day(10)).value()).isEqualByComparingTo("4");
    assertThat(oneReply.score(h, day(20)).value()).isEqualByComparingTo("2");
    assertThat(oneReply.score(h, day(30)).value()).isEqualByComparingTo("1");
  }

  @Test
  void theDecayFactorHalvesOverEveryHalfLife() {
    qt().forAll(integers().between(1, 1_000), doubles().between(0, 5_000),
        doubles().between(1, 1_000)).checkAssert((halfLifeHours, ageHours, points) -> {
          EngagementRule r = EngagementRule.touches("r", points, Duration.ofHours(halfLifeHours));
          Duration age = Duration.ofSeconds((long) (ageHours * 3600));
          double now = r.decay(age);
          double later = r.decay(age.plusHours(halfLifeHours));
          assertThat(later).isCloseTo(now / 2, org.assertj.core.data.Offset.offset(1e-12));
          assertThat(now).isBetween(0.0, 1.0);
        });
  }

  @Test
  void theSameHistoryAndInstantGiveAnEqualScore() {
    DealHistory h = history();
    LeadScore first = SCORER.score(h, day(22));
    assertThat(SCORER.score(h, day(22))).isEqualTo(first);
    assertThat(SCORER.score(DealHistory.of(h.events()), day(22))).isEqualTo(first);
    assertThat(PointsScorer.defaults().score(h, day(22)))
        .isEqualTo(PointsScorer.defaults().score(DealHistory.of(h.events()), day(22)));
  }

  @Test
  void theDefaultRulesScoreEngagementAndFit() {
    DealHistory h = SAAS.setAttribute(history(), "role", AttributeValue.of("CTO"), at(25))
        .historyOrThrow();
    LeadScore score = PointsScorer.defaults().score(h, day(25));
    assertThat(score.scorer()).isEqualTo("points");
    assertThat(score.contributions()).extracting(LeadScore.Contribution::rule).containsExactly(
        "industry fit", "company size 50-999", "company size 1000+", "company size 10-49",
        "decision-making role", "replies", "meetings booked", "declines", "content downloads",
        "events attended");
    assertThat(score.value()).isEqualByComparingTo(score.contributions().stream()
        .map(LeadScore.Contribution::points).reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(score.value()).isGreaterThan(new BigDecimal("50"));
  }

  @Test
  void badInputIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> SCORER.score(history(), day(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot score deal 'D-1' at 2026-02-28T00:00:00Z: it was created later, at"
            + " 2026-03-01T00:00:00Z");
    assertThatThrownBy(() -> EngagementRule.touches("r", 1, Duration.ZERO))
        .hasMessage("engagement rule 'r' needs a positive half-life, not PT0S");
    assertThatThrownBy(() -> EngagementRule.touches("r", Double.NaN, Duration.ofDays(1)))
        .hasMessage("points of engagement rule 'r' must be finite, not NaN");
    assertThatThrownBy(() -> EngagementRule.touches("r", 1, Duration.ofDays(1)).withCap(0))
        .hasMessage("cap of engagement rule 'r' must be positive and finite, not 0.0");
    assertThatThrownBy(() -> FitRule.numberBetween("size", "employees", 10, 10, 1))
        .hasMessage("fit rule 'size' needs min < max, got [10.0, 10.0)");
    assertThatThrownBy(() -> EngagementRule.attributeEvents("d", "x", 1, Duration.ofDays(1))
        .withResults(Touch.Result.REPLIED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engagement rule 'd' counts events of attribute 'x', not touches");
    assertThatThrownBy(() -> PointsScorer.builder("s").fit(FitRule.attributeIn("a", "x", 1, "y"))
        .fit(FitRule.attributeIn("a", "z", 1, "y")))
        .hasMessage("scorer 's' already has a rule named 'a'");
    assertThatThrownBy(() -> PointsScorer.builder("s").build())
        .hasMessage("scorer 's' has no rules");
    assertThatThrownBy(() -> new LeadScore("s", T0, BigDecimal.ONE, java.util.List.of(
        new LeadScore.Contribution("a", BigDecimal.TEN, "because"))))
        .hasMessage("lead score 1 is not the sum of its contributions, 10: [a +10 (because)]");
  }

  @Test
  void theReadmeExamplePrintsWhatTheReadmeSays() {
    PointsScorer scorer = PointsScorer.builder("my-points")
        .fit(FitRule.attributeIn("industry fit", "industry", 15, "software", "saas"))
        .fit(FitRule.numberBetween("mid-market", "employees", 50, 1000, 15))
        .engagement(EngagementRule.touches("replies", 5, Duration.ofDays(30))
            .withResults(Touch.Result.REPLIED).withCap(20))
        .build();
    Request ana = Request.by("ana").at(Instant.parse("2026-03-02T09:00:00Z"));
    DealHistory lead = SAAS.create(NewDeal.builder().id("D-2").title("Globex")
        .putAttribute("industry", AttributeValue.of("software")).build(), ana).historyOrThrow();
    lead = SAAS.recordTouch(lead, Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED), ana)
        .historyOrThrow();
    LeadScore score = scorer.score(lead, Instant.parse("2026-04-01T09:00:00Z"));
    assertThat(score.value() + " " + score.top(2)).isEqualTo("17.50 [industry fit +15 (industry"
        + " is software, one of [software, saas]), replies +2.5 (1 touch (replied) x 5, latest"
        + " 30 days ago, decayed to 2.50 (half-life 30 days))]");
  }
}
