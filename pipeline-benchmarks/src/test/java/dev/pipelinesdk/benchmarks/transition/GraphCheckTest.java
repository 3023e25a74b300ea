package dev.pipelinesdk.benchmarks.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmarks' setup checks, without timing anything: every implementation encodes the same
 * graph and its timed path ends in Won, deal after deal.
 */
class GraphCheckTest {

  static Stream<Contender> contenders() {
    return Stream.of(new Ours(), new Stateless4j.Shared(), new Stateless4j.PerDeal(),
        new Spring.PerDeal(), new Spring.Reused(), new Squirrel(), new HandWritten());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void encodesTheBenchmarkPipeline(Contender contender) {
    GraphCheck.verify(contender);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void timedPathKeepsMovingDealAfterDeal(Contender contender) {
    for (int score : TransitionBenchmark.scores()) {
      assertEquals(DealStage.WON, contender.driveToWon(score), contender.name());
    }
  }

  @Test
  void keptAliveBaselineReachesWon() {
    int[] scores = TransitionBenchmark.scores();
    assertTrue(scores.length > 0);
    for (int score : scores) {
      assertEquals(DealStage.WON, HandWritten.drive(0, score).stage());
    }
  }

  @Test
  void springReuseWithEndStatesSilentlyStops() {
    // The trap the issue warns about: the first deal reaches Won, every later one stays in
    // Prospecting. The setup check refuses it, so it can never be timed.
    Spring.Reused trap = new Spring.Reused(true);
    assertEquals(DealStage.WON, trap.driveToWon(60));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> trap.driveToWon(60));
    assertTrue(e.getMessage().contains("PROSPECTING"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> GraphCheck.verify(new Spring.Reused(true)));
  }

  @Test
  void theCheckCatchesAWrongGraph() {
    // A baseline whose guard is off by one: the check must refuse it.
    Contender offByOne = new Contender() {
      private final HandWritten delegate = new HandWritten();

      @Override
      public String name() {
        return "off by one";
      }

      @Override
      public Session start(int score) {
        return delegate.start(score + 1);
      }

      @Override
      public DealStage driveToWon(int score) {
        return delegate.driveToWon(score);
      }
    };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> GraphCheck.verify(offByOne));
    assertTrue(e.getMessage().contains("score 49"), e.getMessage());
  }

  @Test
  void scoresAreFixedAndPassTheGuard() {
    int[] a = TransitionBenchmark.scores();
    assertEquals(List.of(a[0], a[1], a[2]), List.of(TransitionBenchmark.scores()[0],
        TransitionBenchmark.scores()[1], TransitionBenchmark.scores()[2]));
    for (int s : a) {
      assertTrue(s >= Contender.MINIMUM_SCORE && s < 100, "score " + s);
    }
  }
}
