package dev.pipelinesdk.testkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.scoring.LeadScore;
import dev.pipelinesdk.core.scoring.LeadScorer;
import dev.pipelinesdk.core.scoring.LeadScorers;
import dev.pipelinesdk.core.scoring.PointsScorer;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import dev.pipelinesdk.testkit.gen.Histories;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the points scorer over histories generated through the real engine. */
class LeadScorePropertiesTest {
  private static final long SEED = 20260315L;
  private static final Gen<DealHistory> HISTORIES = Histories
      .forDefinition(PipelineTemplates.definition("saas-b2b"))
      .withAttributes(AttributeSchema.defaults()
          .text("industry", "software", "retail", "SaaS")
          .number("employees", 1, 5000)
          .text("role", "cto", "intern", "")
          .text("content_download", "pricing-guide", "whitepaper", " ")
          .flag("event_attended"))
      .withMaxSteps(25)
      .histories();
  private static final LeadScorer POINTS = LeadScorers.named("points");

  /** An instant from the deal's creation to 120 days after its last event, by permille. */
  private static Instant instant(DealHistory h, int permille) {
    Instant from = h.created().at();
    Instant to = h.current().updatedAt().plus(Duration.ofDays(120));
    return from.plusMillis(Duration.between(from, to).toMillis() * permille / 1000);
  }

  @Test
  void thePartsAlwaysSumToTheScore() {
    Set<String> gaveSomething = new HashSet<>();
    qt().withFixedSeed(SEED).withExamples(400).forAll(HISTORIES, integers().between(0, 1000))
        .checkAssert((h, permille) -> {
          LeadScore score = POINTS.score(h, instant(h, permille));
          BigDecimal sum = BigDecimal.ZERO;
          for (LeadScore.Contribution c : score.contributions()) {
            sum = sum.add(c.points());
          }
          assertThat(sum).isEqualByComparingTo(score.value());
          assertThat(score.contributions()).hasSize(PointsScorer.defaults().fitRules().size()
              + PointsScorer.defaults().engagementRules().size());
          score.contributions().stream().filter(c -> c.points().signum() != 0)
              .forEach(c -> gaveSomething.add(c.rule()));
        });
    // the generated histories exercise fit and engagement, not only zeros
    assertThat(gaveSomething).contains("industry fit", "company size 50-999", "replies",
        "meetings booked", "declines", "content downloads", "events attended");
  }

  @Test
  void theScoreIsDeterministicAndBlindToLaterEvents() {
    qt().withFixedSeed(SEED).withExamples(300).forAll(HISTORIES, integers().between(0, 1000))
        .checkAssert((h, permille) -> {
          Instant at = instant(h, permille);
          LeadScore score = POINTS.score(h, at);
          assertThat(POINTS.score(DealHistory.of(h.events()), at)).isEqualTo(score);
          List<DealEvent> known = h.events().stream().filter(e -> !e.at().isAfter(at)).toList();
          assertThat(POINTS.score(DealHistory.of(known), at)).isEqualTo(score);
        });
  }

  @Test
  void engagementOnlyFadesOnceNothingHappens() {
    qt().withFixedSeed(SEED).withExamples(300).forAll(HISTORIES, integers().between(0, 400))
        .checkAssert((h, days) -> {
          Instant last = h.current().updatedAt();
          LeadScore now = POINTS.score(h, last);
          LeadScore later = POINTS.score(h, last.plus(Duration.ofDays(days)));
          for (int i = 0; i < now.contributions().size(); i++) {
            assertThat(later.contributions().get(i).points().abs())
                .as("%s", later.contributions().get(i))
                .isLessThanOrEqualTo(now.contributions().get(i).points().abs());
          }
        });
  }
}
