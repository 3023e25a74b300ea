package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.DealEvent;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/** An unmodifiable view of the first {@code n} events of an array nobody else holds. */
final class EventList extends AbstractList<DealEvent> implements RandomAccess {
  private final DealEvent[] events;
  private final int n;

  EventList(DealEvent[] events, int n) {
    this.events = events;
    this.n = n;
  }

  @Override
  public DealEvent get(int index) {
    Objects.checkIndex(index, n);
    return events[index];
  }

  @Override
  public int size() {
    return n;
  }
}
