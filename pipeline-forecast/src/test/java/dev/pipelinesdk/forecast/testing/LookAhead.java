package dev.pipelinesdk.forecast.testing;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the no-look-ahead properties share: a cutoff among the histories' own instants, and the
 * histories as they stood at it, cut here independently of {@code ForecastInput}.
 */
public final class LookAhead {
  private LookAhead() {}

  /**
   * Picks one of the histories' event instants.
   *
   * @param histories the histories, at least one event in all
   * @param pick any non-negative number; the instant is the {@code pick mod n}-th in time order
   * @return the instant
   */
  public static Instant cutoff(List<DealHistory> histories, int pick) {
    List<Instant> instants = histories.stream().flatMap(h -> h.events().stream())
        .map(DealEvent::at).sorted().toList();
    return instants.get(pick % instants.size());
  }

  /**
   * The histories as they stood at an instant: the events at or before it; a deal created after
   * it is left out.
   *
   * @param histories the whole histories
   * @param cutoff the instant
   * @return the cut histories
   */
  public static List<DealHistory> asTheyStood(List<DealHistory> histories, Instant cutoff) {
    List<DealHistory> out = new ArrayList<>();
    for (DealHistory h : histories) {
      List<DealEvent> known = h.events().stream().filter(e -> !e.at().isAfter(cutoff)).toList();
      if (!known.isEmpty()) {
        out.add(DealHistory.of(known));
      }
    }
    return out;
  }
}
