package dev.pipelinesdk.forecast.backtest;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What happened to deals after a cutoff: the wins in a window, read from whole histories. */
final class Outcomes {
  private final Map<String, DealHistory> byDeal = new HashMap<>();
  private Instant last = Instant.MIN;

  Outcomes(List<DealHistory> histories) {
    for (DealHistory h : histories) {
      byDeal.put(h.dealId().value(), h);
      Instant end = h.events().get(h.size() - 1).at();
      last = end.isAfter(last) ? end : last;
    }
  }

  /** {@return the instant of the last event of any history} */
  Instant last() {
    return last;
  }

  /** A win within a window, with the deal's amount when it was won. */
  record Won(Optional<Money> amount) {}

  /**
   * The win of a deal in (from, to], or null if it was not won then.
   *
   * @param deal the deal's id
   * @param from the window's start, exclusive
   * @param to its end, inclusive
   */
  @Nullable Won wonWithin(String deal, Instant from, Instant to) {
    DealHistory h = byDeal.get(deal);
    if (h == null) {
      return null;
    }
    List<DealEvent> events = h.events();
    for (int i = 0; i < events.size(); i++) {
      DealEvent e = events.get(i);
      if (e instanceof DealEvent.Won && e.at().isAfter(from) && !e.at().isAfter(to)) {
        return new Won(DealHistory.of(events.subList(0, i + 1)).current().amount());
      }
    }
    return null;
  }
}
