package dev.pipelinesdk.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.DealHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadScorersTest {
  /** A scorer that gives nothing, under any name. */
  static final class Nothing implements LeadScorer {
    private final String name;

    Nothing(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "gives nothing";
    }

    @Override
    public LeadScore score(DealHistory history, Instant at) {
      return LeadScore.of(name, at, List.of());
    }
  }

  @Test
  void theServiceLoaderFindsThePointsScorer() {
    assertThat(LeadScorers.load()).containsKey("points");
    LeadScorer points = LeadScorers.named("points");
    assertThat(points.name()).isEqualTo(PointsScorer.NAME);
    LeadScore score = points.score(PointsScorerTest.history(), PointsScorerTest.day(20));
    assertThat(score).isEqualTo(PointsScorer.defaults().score(PointsScorerTest.history(),
        PointsScorerTest.day(20)));
  }

  @Test
  void anUnknownNameListsTheKnownScorers() {
    assertThatThrownBy(() -> LeadScorers.named("pints"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no lead scorer named 'pints'; known scorers: [points]");
  }

  @Test
  void twoScorersWithOneNameAreRefusedNamingBoth() {
    assertThatThrownBy(() -> LeadScorers.byName(List.of(new Nothing("a"),
        PointsScorer.defaults(), new Nothing("points"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two lead scorers are named 'points': dev.pipelinesdk.core.scoring.PointsScorer"
            + " and dev.pipelinesdk.core.scoring.LeadScorersTest$Nothing");
    assertThat(LeadScorers.byName(List.of(new Nothing("b"), new Nothing("a"))).keySet())
        .containsExactly("a", "b");
  }
}
