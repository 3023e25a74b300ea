package dev.pipelinesdk.benchmarks.transition;

import java.util.ArrayList;
import java.util.List;

/**
 * Proves that a contender encodes the benchmark pipeline: the happy path reaches Won, the guard
 * blocks at 49 and passes at 50, Lost is reachable from every open stage, and won and lost deals
 * move no further. Runs in every benchmark's {@code @Setup} (before anything is timed) and in the
 * unit tests.
 */
public final class GraphCheck {
  private static final DealTrigger[] HAPPY_PATH = {
      DealTrigger.QUALIFY, DealTrigger.CONSIDER, DealTrigger.DECIDE, DealTrigger.WIN};

  private GraphCheck() {}

  /**
   * Checks a contender.
   *
   * @param contender the implementation
   * @throws IllegalStateException listing every difference from the expected graph
   */
  public static void verify(Contender contender) {
    List<String> problems = new ArrayList<>();
    String name = contender.name();

    // Happy path, at the guard's boundary value.
    Contender.Session s = contender.start(Contender.MINIMUM_SCORE);
    expect(problems, "start", s.stage(), DealStage.PROSPECTING);
    for (DealTrigger t : HAPPY_PATH) {
      boolean moved = s.fire(t);
      if (!moved || s.stage() != t.target()) {
        problems.add("happy path at score 50: " + t + " gave moved=" + moved + ", stage "
            + s.stage() + " (expected " + t.target() + ")");
        break;
      }
    }
    expect(problems, "after the happy path", s.stage(), DealStage.WON);
    for (DealTrigger t : DealTrigger.values()) {
      if (s.fire(t) || s.stage() != DealStage.WON) {
        problems.add("a won deal moved on " + t + " to " + s.stage());
      }
    }

    // The guard blocks at 49 and the deal stays where it is.
    Contender.Session low = contender.start(Contender.MINIMUM_SCORE - 1);
    if (!low.fire(DealTrigger.QUALIFY)) {
      problems.add("score 49: prospecting -> qualification refused");
    }
    if (low.fire(DealTrigger.CONSIDER) || low.stage() != DealStage.QUALIFICATION) {
      problems.add("score 49: the guard let the deal into " + low.stage());
    }
    // ... and skipping is not a way round it.
    if (low.fire(DealTrigger.DECIDE) || low.fire(DealTrigger.WIN)
        || low.stage() != DealStage.QUALIFICATION) {
      problems.add("score 49: skipped past the guard to " + low.stage());
    }

    // Lost from every open stage; a lost deal moves no further.
    for (DealStage open : DealStage.values()) {
      if (!open.isOpen()) {
        continue;
      }
      Contender.Session d = contender.start(Contender.MINIMUM_SCORE);
      for (DealTrigger t : HAPPY_PATH) {
        if (d.stage() == open) {
          break;
        }
        d.fire(t);
      }
      expect(problems, "reaching " + open, d.stage(), open);
      if (!d.fire(DealTrigger.LOSE) || d.stage() != DealStage.LOST) {
        problems.add("lost is not reachable from " + open + " (stage " + d.stage() + ")");
      }
      if (d.fire(DealTrigger.QUALIFY) || d.fire(DealTrigger.WIN) || d.stage() != DealStage.LOST) {
        problems.add("a deal lost from " + open + " moved on to " + d.stage());
      }
    }

    // The timed path itself, twice: machines that are reused must keep moving.
    for (int i = 0; i < 3; i++) {
      try {
        Contender.requireWon(name, contender.driveToWon(Contender.MINIMUM_SCORE + i));
      } catch (RuntimeException e) {
        problems.add("timed path, deal " + i + ": " + e);
      }
    }

    if (!problems.isEmpty()) {
      throw new IllegalStateException(name + " does not encode the benchmark pipeline:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  private static void expect(List<String> problems, String when, DealStage actual,
      DealStage expected) {
    if (actual != expected) {
      problems.add(when + ": stage " + actual + ", expected " + expected);
    }
  }
}
