package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.internal.StageChanges;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The stage entries of many deals in primitive columns: load the histories once, then run {@link
 * StageMetric}s over them many times ({@link Metrics#compute(StageMetric, StageLog)}, {@link
 * Metrics#computeParallel(StageMetric, StageLog)}) without touching an event object.
 *
 * <p>A <em>stage entry</em> is a deal's {@link DealEvent.Created} event (the entry into the
 * deal's first stage, {@code created.deal().stage()}) or a {@link DealEvent.StageChanged} event
 * (the entry into its {@code to()} stage); every other event is not kept. Deals are numbered
 * {@code 0 .. deals() - 1} in the order they were added; a deal's entries are consecutive, in
 * the order of its history (time order), numbered {@code firstEntry(deal) .. endEntry(deal) - 1}.
 * The grouping by deal is done once, when the log is built, never at query time. Instants are
 * kept exactly (epoch seconds and nanoseconds).
 *
 * <pre>{@code
 * StageLog log = StageLog.of(definition, histories);            // once
 * TimeInStageTotals totals =
 *     Metrics.computeParallel(TimeInStage.totalsAsOf(definition, asOf), log);  // many times
 * }</pre>
 *
 * <p>Memory: per stage entry 13 bytes (an 8-byte epoch second, a 4-byte nanosecond and a 1-byte
 * stage position); per deal 8 bytes with compressed references (a 4-byte offset and a 4-byte
 * reference to its {@link DealId}), plus the {@code DealId} itself if nothing else keeps it (the
 * log keeps the histories' instances, it does not copy them); plus five array headers per log.
 * The histories are not retained.
 *
 * <p>The log does not check that deal ids are distinct: a deal added twice counts twice, as it
 * would in {@link Metrics#compute(Metric, Iterable)}. A definition may have at most {@value
 * #MAX_STAGES} stages (the stage position is one byte).
 *
 * <p>Immutable and thread-safe. Not serializable; {@code equals} is identity.
 */
public final class StageLog {
  /** The most stages a definition may have for a log: a stage position is one unsigned byte. */
  public static final int MAX_STAGES = 256;

  private final StageIndex ix;
  private final DealId[] dealIds;
  /** Per deal, then one more: the deal's first entry; {@code start[deals]} = entries. */
  final int[] start;
  /** Per entry: the stage position in {@code definition.stages()}, unsigned. */
  final byte[] stage;
  /** Per entry: epoch seconds of the entry's instant. */
  final long[] seconds;
  /** Per entry: the nanosecond of that second, {@code 0 .. 999_999_999}. */
  final int[] nanos;

  private StageLog(StageIndex ix, DealId[] dealIds, int[] start, byte[] stage, long[] seconds,
      int[] nanos) {
    this.ix = ix;
    this.dealIds = dealIds;
    this.start = start;
    this.stage = stage;
    this.seconds = seconds;
    this.nanos = nanos;
  }

  /**
   * Builds the log of some histories.
   *
   * @param definition the pipeline definition the histories follow
   * @param histories the histories, one per deal
   * @return the log, deals in iteration order
   * @throws NullPointerException if an argument or a history is null
   * @throws IllegalArgumentException if a history names a stage the definition does not have
   *     (naming the deal and the stage), or the definition has more than {@value #MAX_STAGES}
   *     stages
   */
  public static StageLog of(PipelineDefinition definition, Iterable<DealHistory> histories) {
    Builder b = builder(definition);
    b.addAll(histories);
    return b.build();
  }

  /**
   * Returns a builder that collects histories into a log.
   *
   * @param definition the pipeline definition the histories follow
   * @return an empty builder
   * @throws NullPointerException if {@code definition} is null
   * @throws IllegalArgumentException if the definition has more than {@value #MAX_STAGES} stages
   */
  public static Builder builder(PipelineDefinition definition) {
    Objects.requireNonNull(definition, "definition is null");
    StageIndex ix = StageIndex.of(definition);
    if (ix.size() > MAX_STAGES) {
      throw new IllegalArgumentException("a stage log holds at most " + MAX_STAGES
          + " stages; pipeline '" + definition.id() + "' has " + ix.size());
    }
    return new Builder(ix);
  }

  /** {@return the pipeline definition; stage positions are positions in its {@code stages()}} */
  public PipelineDefinition definition() {
    return ix.definition;
  }

  /**
   * Checks that a metric built for {@code metric}'s definition reads this log's stage positions
   * the same way, and that a deal range is inside the log.
   */
  void check(StageIndex metric, int fromDeal, int toDeal) {
    Objects.checkFromToIndex(fromDeal, toDeal, dealIds.length);
    if (metric == ix) {
      return;
    }
    List<StageId> mine = ix.stages.stream().map(s -> s.id()).collect(java.util.stream.Collectors
        .toList());
    List<StageId> theirs = metric.stages.stream().map(s -> s.id()).collect(java.util.stream
        .Collectors.toList());
    if (!mine.equals(theirs)) {
      throw new IllegalArgumentException("the stage log of pipeline '" + ix.definition.id()
          + "' has stages " + mine + "; the metric's pipeline '" + metric.definition.id()
          + "' has stages " + theirs);
    }
  }

  /** {@return the number of deals} */
  public int deals() {
    return dealIds.length;
  }

  /** {@return the number of stage entries, over all deals} */
  public int entries() {
    return stage.length;
  }

  /**
   * The id of a deal.
   *
   * @param deal the deal's number, {@code 0 .. deals() - 1}
   * @return its id
   * @throws IndexOutOfBoundsException if there is no such deal
   */
  public DealId dealId(int deal) {
    return dealIds[Objects.checkIndex(deal, dealIds.length)];
  }

  /**
   * The number of a deal's first entry (its creation). Every deal has at least one entry.
   *
   * @param deal the deal's number, {@code 0 .. deals() - 1}
   * @return the entry number
   * @throws IndexOutOfBoundsException if there is no such deal
   */
  public int firstEntry(int deal) {
    return start[Objects.checkIndex(deal, dealIds.length)];
  }

  /**
   * One past the number of a deal's last entry: its entries are {@code firstEntry(deal) ..
   * endEntry(deal) - 1}, and {@code endEntry(deal) == firstEntry(deal + 1)}.
   *
   * @param deal the deal's number, {@code 0 .. deals() - 1}
   * @return the entry number after the deal's last
   * @throws IndexOutOfBoundsException if there is no such deal
   */
  public int endEntry(int deal) {
    return start[Objects.checkIndex(deal, dealIds.length) + 1];
  }

  /**
   * The stage an entry entered.
   *
   * @param entry the entry's number, {@code 0 .. entries() - 1}
   * @return the stage id
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public StageId stage(int entry) {
    return ix.stages.get(stagePosition(entry)).id();
  }

  /**
   * The position of the stage an entry entered in {@link PipelineDefinition#stages()}.
   *
   * @param entry the entry's number, {@code 0 .. entries() - 1}
   * @return the position, {@code 0 .. definition().stages().size() - 1}
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public int stagePosition(int entry) {
    return stage[Objects.checkIndex(entry, stage.length)] & 0xFF;
  }

  /**
   * When an entry happened, exactly.
   *
   * @param entry the entry's number, {@code 0 .. entries() - 1}
   * @return the instant of the created or stage-change event
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public Instant enteredAt(int entry) {
    Objects.checkIndex(entry, stage.length);
    return Instant.ofEpochSecond(seconds[entry], nanos[entry]);
  }

  /**
   * {@link #enteredAt} without allocating: its epoch second.
   *
   * @param entry the entry's number, {@code 0 .. entries() - 1}
   * @return {@code enteredAt(entry).getEpochSecond()}
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public long enteredEpochSecond(int entry) {
    return seconds[Objects.checkIndex(entry, stage.length)];
  }

  /**
   * {@link #enteredAt} without allocating: its nanosecond of the second.
   *
   * @param entry the entry's number, {@code 0 .. entries() - 1}
   * @return {@code enteredAt(entry).getNano()}
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public int enteredNano(int entry) {
    return nanos[Objects.checkIndex(entry, stage.length)];
  }

  /** {@return the pipeline id and the number of deals and entries} */
  @Override
  public String toString() {
    return "StageLog[" + ix.definition.id() + ", " + deals() + " deals, " + entries()
        + " entries]";
  }

  /**
   * Collects histories into a {@link StageLog}, growing its columns as needed. Mutable and not
   * thread-safe: confine it to one thread. {@link #build()} copies the columns, trimmed, so the
   * builder can go on collecting afterwards.
   */
  public static final class Builder {
    private final StageIndex ix;
    private DealId[] dealIds = new DealId[16];
    private int[] start = new int[17];
    private byte[] stage = new byte[64];
    private long[] seconds = new long[64];
    private int[] nanos = new int[64];
    private int deals;
    private int entries;

    private Builder(StageIndex ix) {
      this.ix = ix;
    }

    /**
     * Adds one deal: its created event and its stage changes. If the history names an unknown
     * stage, nothing is added.
     *
     * @param history the deal's history
     * @return this builder
     * @throws NullPointerException if {@code history} is null
     * @throws IllegalArgumentException if the history names a stage the definition does not
     *     have; the message names the deal and the stage
     */
    public Builder add(DealHistory history) {
      Objects.requireNonNull(history, "history is null");
      List<DealEvent> events = history.events();
      DealEvent.Created created = history.created();
      DealId id = created.dealId();
      // Written past the committed size and committed at the end: a bad history adds nothing.
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
      return this;
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
        throw new IllegalStateException("a stage log holds fewer than 2^31 - 8 entries and deals");
      }
      return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, size + (long) (size >> 1)));
    }

    /**
     * Adds deals, in iteration order. Stops at the first bad history: the ones before it stay
     * added, it and the ones after it are not added.
     *
     * @param histories the histories, one per deal
     * @return this builder
     * @throws NullPointerException if {@code histories} or one of them is null
     * @throws IllegalArgumentException as {@link #add} does
     */
    public Builder addAll(Iterable<DealHistory> histories) {
      Objects.requireNonNull(histories, "histories is null");
      for (DealHistory h : histories) {
        add(h);
      }
      return this;
    }

    /** {@return the number of deals added so far} */
    public int deals() {
      return deals;
    }

    /** {@return the number of stage entries added so far} */
    public int entries() {
      return entries;
    }

    /** {@return a log of the deals added so far; the builder stays usable} */
    public StageLog build() {
      return new StageLog(ix, Arrays.copyOf(dealIds, deals), Arrays.copyOf(start, deals + 1),
          Arrays.copyOf(stage, entries), Arrays.copyOf(seconds, entries),
          Arrays.copyOf(nanos, entries));
    }
  }
}
