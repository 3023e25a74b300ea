package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.DealEvent;
import java.util.AbstractList;
import java.util.RandomAccess;

/** An unmodifiable view of an array of events nobody else holds (a batch's outcome). */
final class EventList extends AbstractList<DealEvent> implements RandomAccess {
  private final DealEvent[] events;

  EventList(DealEvent[] events) {
    this.events = events;
  }

  @Override
  public DealEvent get(int index) {
    return events[index];
  }

  @Override
  public int size() {
    return events.length;
  }
}
