package dev.pipelinesdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.scoring.LeadScore;
import dev.pipelinesdk.core.scoring.LeadScorer;
import dev.pipelinesdk.core.scoring.LeadScorers;
import dev.pipelinesdk.core.scoring.PointsScorer;
import dev.pipelinesdk.testkit.gen.AttributeSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The scorer contract: the built-in {@code points} scorer keeps it over histories with fit
 * attributes and engagement; scorers broken on purpose (each in one way) are caught with the
 * property they break and a readable counterexample. Seeds are fixed, so the runs are the same
 * every time.
 */
class ScorerContractsTest {
  private static final long SEED = 20260315L;
  /** The attributes the default points rules read, with values that fit and values that do not. */
  static final AttributeSchema SCORING = AttributeSchema.defaults()
      .text("industry", "software", "retail", "SaaS")
      .number("employees", 1, 5000)
      .text("role", "cto", "intern", "")
      .text("content_download", "pricing-guide", "whitepaper", " ")
      .flag("event_attended");

  private static ScorerContracts contracts(LeadScorer scorer) {
    return ScorerContracts.forScorer(scorer).withAttributes(SCORING).withSeed(SEED);
  }

  @Test
  void thePointsScorerKeepsTheContract() {
    contracts(LeadScorers.named("points")).withExamples(300).verify();
  }

  @Test
  void theGeneratedSamplesExerciseFitEngagementAndLaterEvents() {
    // a contract whose inputs never give points, or never hold events after the instant,
    // could not fail: count what the samples the contract draws exercise
    Gen<ScorerContracts.Sample> samples = contracts(PointsScorer.defaults()).samples();
    Set<String> gaveSomething = new HashSet<>();
    AtomicLong withLaterEvents = new AtomicLong();
    qt().withFixedSeed(SEED).withExamples(400).forAll(samples).checkAssert(s -> {
      LeadScore score = PointsScorer.defaults().score(s.history(), s.at());
      assertThat(score.contributions()).hasSize(PointsScorer.defaults().fitRules().size()
          + PointsScorer.defaults().engagementRules().size());
      score.contributions().stream().filter(c -> c.points().signum() != 0)
          .forEach(c -> gaveSomething.add(c.rule()));
      if (s.known().size() < s.history().size()) {
        withLaterEvents.incrementAndGet();
      }
    });
    assertThat(gaveSomething).contains("industry fit", "company size 50-999", "replies",
        "meetings booked", "declines", "content downloads", "events attended");
    assertThat(withLaterEvents.get()).isGreaterThan(40); // of 400
  }

  /** Counts every touch in the history, also those after the instant: looks ahead. */
  static final class LooksAhead implements LeadScorer {
    @Override
    public String name() {
      return "looks-ahead";
    }

    @Override
    public String description() {
      return "2 points per touch, of the whole history";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      long touches = history.events().stream()
          .filter(e -> e instanceof DealEvent.TouchRecorded).count();
      return LeadScore.of(name(), at, List.of(new LeadScore.Contribution("touches",
          BigDecimal.valueOf(2 * touches), touches + " touches")));
    }
  }

  @Test
  void aScorerThatReadsLaterEventsIsCaughtWithTheEventsItSaw() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> contracts(new LooksAhead()).verify(ScorerContracts.NO_LOOK_AHEAD));
    assertThat(v.property()).isEqualTo(ScorerContracts.NO_LOOK_AHEAD);
    assertThat(v.rule()).isEqualTo("looks-ahead");
    assertThat(v.reason()).contains("the whole history gave", "without its")
        .contains("a scorer ignores events after the instant it scores at");
    // shrunk to a small history with a touch after the instant, shown event by event
    assertThat(v.counterexample()).startsWith("scored at ").contains("history of ")
        .contains("touch").contains("which replays to");
    assertThat(v.getMessage()).contains("'looks-ahead' breaks the lead scorer contract")
        .contains("seed " + SEED);
    // the other properties hold for it: only look-ahead is its fault
    contracts(new LooksAhead()).verify(ScorerContracts.TOTAL, ScorerContracts.DETERMINISTIC,
        ScorerContracts.EXPLAINS, ScorerContracts.FADES);
  }

  /** One point per day since the deal was created: grows with time alone. */
  static final class GrowsWithAge implements LeadScorer {
    @Override
    public String name() {
      return "grows-with-age";
    }

    @Override
    public String description() {
      return "1 point per day of age";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      long days = Duration.between(history.created().at(), at).toDays();
      return LeadScore.of(name(), at, List.of(new LeadScore.Contribution("age",
          BigDecimal.valueOf(days), days + " days old")));
    }
  }

  @Test
  void aScoreThatRisesWithTimeAloneIsCaught() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> contracts(new GrowsWithAge()).verify());
    assertThat(v.property()).isEqualTo(ScorerContracts.FADES);
    assertThat(v.reason()).contains("rule 'age' gave 0 points then and 1 point 1 day later")
        .contains("time alone must only fade a score");
    assertThat(v.getSuppressed()).isEmpty(); // it keeps every other property
  }

  /** Throws for a deal without an owner. */
  static final class NeedsAnOwner implements LeadScorer {
    @Override
    public String name() {
      return "needs-an-owner";
    }

    @Override
    public String description() {
      return "10 points for an owner";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      String owner = history.current().owner().orElseThrow();
      return LeadScore.of(name(), at, List.of(new LeadScore.Contribution("owner",
          BigDecimal.TEN, "owned by " + owner)));
    }
  }

  @Test
  void aScorerThatThrowsOnSomeDealsIsCaughtWithThatDeal() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> contracts(new NeedsAnOwner()).verify(ScorerContracts.TOTAL));
    assertThat(v.property()).isEqualTo(ScorerContracts.TOTAL);
    assertThat(v.reason()).startsWith("scoring threw java.util.NoSuchElementException");
    assertThat(v.counterexample()).contains("owner: -;"); // shrunk to a deal without one
  }

  /** Gives a new number each time it is asked. */
  static final class Counts implements LeadScorer {
    private final AtomicLong calls = new AtomicLong();

    @Override
    public String name() {
      return "counts";
    }

    @Override
    public String description() {
      return "the number of calls so far";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      long n = calls.incrementAndGet();
      return LeadScore.of(name(), at, List.of(new LeadScore.Contribution("calls",
          BigDecimal.valueOf(n % 7), "call " + n)));
    }
  }

  @Test
  void aScorerThatChangesItsMindIsNotDeterministic() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> contracts(new Counts()).verify(ScorerContracts.DETERMINISTIC));
    assertThat(v.property()).isEqualTo(ScorerContracts.DETERMINISTIC);
    assertThat(v.reason()).contains("scored twice at").contains("first gave 'score");
  }

  /** Says it is another scorer, at another instant. */
  static final class Misnamed implements LeadScorer {
    @Override
    public String name() {
      return "misnamed";
    }

    @Override
    public String description() {
      return "0 points, under another name";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      return LeadScore.of("points", at.plusSeconds(1), List.of(new LeadScore.Contribution(
          "nothing", BigDecimal.ZERO, "nothing counts")));
    }
  }

  @Test
  void aScoreMustNameItsScorer() {
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> contracts(new Misnamed()).verify(ScorerContracts.EXPLAINS));
    assertThat(v.reason()).isEqualTo("the score names scorer 'points', but the scorer is"
        + " 'misnamed'");
  }
}
