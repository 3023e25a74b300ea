package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.internal.StageChanges;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Deals' stage entries in primitive columns, grouped by deal: what {@link PreparedHistories}
 * keeps and what the columnar metrics read. Also the scratch form one history is turned into on
 * the history path, so both paths run the same code.
 *
 * <p>A <em>stage entry</em> is a deal's {@link DealEvent.Created} event (the entry into its first
 * stage) or a stage-change event (the entry into its {@code to()} stage); other events are not
 * kept. Deal {@code d}'s entries are {@code start[d] .. start[d + 1] - 1}, in history (time)
 * order. Per entry 13 bytes: epoch second, nanosecond, stage position (unsigned byte).
 *
 * <p>Mutable while being built ({@link #add}); {@link #trimmed()} returns an exact-size copy
 * that is never changed again and may be shared.
 */
final class StageColumns {
  /** The most stages a definition may have here: a stage position is one unsigned byte. */
  static final int MAX_STAGES = 256;

  final StageIndex ix;
  DealId[] dealIds;
  /** Per deal, then one more: the deal's first entry; {@code start[deals]} = entries. */
  int[] start;
  byte[] stage;
  long[] seconds;
  int[] nanos;
  int deals;
  int entries;

  StageColumns(StageIndex ix, int dealCapacity, int entryCapacity) {
    if (ix.size() > MAX_STAGES) {
      throw new IllegalArgumentException("prepared histories hold at most " + MAX_STAGES
          + " stages; pipeline '" + ix.definition.id() + "' has " + ix.size());
    }
    this.ix = ix;
    dealIds = new DealId[dealCapacity];
    start = new int[dealCapacity + 1];
    stage = new byte[entryCapacity];
    seconds = new long[entryCapacity];
    nanos = new int[entryCapacity];
  }

  /** Forgets every deal, keeping the arrays (the history path's scratch). */
  void clear() {
    deals = 0;
    entries = 0;
  }

  /**
   * Appends one deal's stage entries. The history must already be checked against the
   * definition (every stage exists).
   */
  void add(DealHistory history) {
    List<DealEvent> events = history.events();
    DealEvent.Created created = history.created();
    DealId id = created.dealId();
    int n = entries;
    n = put(n, ix.of(created.deal().stage(), id), created.at());
    for (int i = 1; i < events.size(); i++) {
      DealEvent e = events.get(i);
      StageId to = StageChanges.to(e);
      if (to != null) {
        n = put(n, ix.of(to, id), e.at());
      }
    }
    if (deals == dealIds.length) {
      dealIds = Arrays.copyOf(dealIds, grow(deals));
      start = Arrays.copyOf(start, dealIds.length + 1);
    }
    dealIds[deals] = id;
    start[deals] = entries;
    deals++;
    entries = n;
    start[deals] = entries;
  }

  private int put(int n, int stagePosition, Instant at) {
    if (n == stage.length) {
      int capacity = grow(n);
      stage = Arrays.copyOf(stage, capacity);
      seconds = Arrays.copyOf(seconds, capacity);
      nanos = Arrays.copyOf(nanos, capacity);
    }
    stage[n] = (byte) stagePosition;
    seconds[n] = at.getEpochSecond();
    nanos[n] = at.getNano();
    return n + 1;
  }

  private static int grow(int size) {
    if (size >= Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("prepared histories hold fewer than 2^31 - 8 entries and"
          + " deals");
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, size + (long) (size >> 1)));
  }

  /** {@return an exact-size copy} */
  StageColumns trimmed() {
    StageColumns c = new StageColumns(ix, 0, 0);
    c.dealIds = Arrays.copyOf(dealIds, deals);
    c.start = Arrays.copyOf(start, deals + 1);
    c.stage = Arrays.copyOf(stage, entries);
    c.seconds = Arrays.copyOf(seconds, entries);
    c.nanos = Arrays.copyOf(nanos, entries);
    c.deals = deals;
    c.entries = entries;
    return c;
  }
}
