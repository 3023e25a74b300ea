package dev.pipelinesdk.benchmarks.memory;

import dev.pipelinesdk.benchmarks.metrics.Histories;
import dev.pipelinesdk.benchmarks.transition.DealStage;
import dev.pipelinesdk.benchmarks.transition.Ours;
import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.metrics.PreparedHistories;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.info.GraphPathRecord;
import org.openjdk.jol.info.GraphStats;
import org.openjdk.jol.vm.VM;

/**
 * Retained heap per deal snapshot and per event, measured with JOL (object graph walk with the
 * running VM's real layout: header, compressed references, alignment).
 *
 * <p>What is counted: {@code N} deals are created and driven to Won through our engine (four
 * moves, five events each) with a clock that returns a new {@link Instant} for every change, as a
 * real clock does. For a set of roots, "retained" is the bytes of every object reachable from
 * them and from nothing in the <em>excluded</em> set, computed as {@code size(roots + excluded)
 * - size(excluded) - size(the array holding the roots)}.  Excluded everywhere: the pipeline's
 * definition (stage ids, transition names and guards are shared by all deals), the deal ids
 * ({@link DealId} and its text), the attribute maps with their values, the actor's {@link
 * Request}, and the one {@link Currency} instance. Everything else reachable is counted: the
 * snapshot object, its instants, the title text, the amount ({@link Money} and its {@link
 * BigDecimal}) and the lead source.
 *
 * <ul>
 *   <li><b>deal snapshot, bare</b>: a deal with only a title (plus the excluded id and lead
 *       score). Titles are {@code "Deal <n>"}, 6 to 10 characters. Also given with the title's
 *       text excluded like the ids: what the SDK itself keeps per deal.
 *   <li><b>deal snapshot, typical</b>: title, amount and lead source, as the tour creates deals.
 *   <li><b>stage-change event</b> ({@link DealEvent.Moved}, {@link DealEvent.Won}): the event
 *       record and its instant, with no deal snapshot retained (a history store keeps events
 *       only); the bulk of every history.
 *   <li><b>created event</b>: the record plus the initial snapshot it carries.
 *   <li><b>whole history</b>: all five events of a won deal, per event.
 * </ul>
 *
 * <p>Totals come from {@link GraphStats} (the same walk as {@code GraphLayout.parseInstance(..)
 * .totalSize()} without keeping every path, so a million deals fit); the per-class breakdown of
 * one deal comes from {@link GraphLayout#toFootprint()}.
 */
public final class MemoryFootprint {
  /** The targets from the issue, in bytes. */
  public static final int DEAL_TARGET = 150;
  /** The per-event target, in bytes. */
  public static final int EVENT_TARGET = 64;

  private MemoryFootprint() {}

  /**
   * One measured quantity.
   *
   * @param what what was measured
   * @param count how many items
   * @param totalBytes bytes retained by all of them
   */
  public record Line(String what, long count, long totalBytes) {
    /** {@return bytes per item} */
    public double perItem() {
      return (double) totalBytes / count;
    }
  }

  /**
   * All results of one measurement.
   *
   * @param deals how many deals
   * @param vm the VM's layout details (JOL)
   * @param lines the measured quantities
   * @param oneDeal the class-by-class footprint of one typical deal snapshot, excluded parts
   *     included, for reading where the bytes go
   * @param oneEvent the footprint of one stage-change event, shared parts included
   */
  public record Result(int deals, String vm, List<Line> lines, String oneDeal, String oneEvent) {
    /**
     * Finds a line by its label's start.
     *
     * @param prefix the start of the label
     * @return the line
     */
    public Line line(String prefix) {
      return lines.stream().filter(l -> l.what().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no line " + prefix));
    }
  }

  /**
   * The retained heap of a {@link PreparedHistories} of the metrics benchmark's data set ({@link
   * Histories#generate}), split by what each part grows with.
   *
   * @param deals deals in the log
   * @param entries stage entries in the log
   * @param entryBytes the columns with one value per entry (stage, epoch second, nanosecond)
   * @param dealBytes the columns with one value per deal (offsets, {@code DealId} references)
   * @param idBytes the {@code DealId}s and their text, shared with the histories (not counted in
   *     the other figures; retained by the log only if nothing else keeps them)
   * @param fixedBytes the rest: the log object and its stage index (shared per definition)
   * @param footprint JOL's class-by-class footprint of the log, ids and definition excluded
   */
  public record StageLogFootprint(int deals, int entries, long entryBytes, long dealBytes,
      long idBytes, long fixedBytes, String footprint) {
    /** {@return bytes per stage entry} */
    public double perEntry() {
      return (double) entryBytes / entries;
    }

    /** {@return bytes per deal, ids excluded} */
    public double perDeal() {
      return (double) dealBytes / deals;
    }

    /** {@return bytes per deal's id, if the log is the only one keeping it} */
    public double perId() {
      return (double) idBytes / deals;
    }
  }

  /**
   * Measures a {@link PreparedHistories} built from the metrics data set with JOL ({@link GraphLayout}):
   * everything reachable from the log minus the pipeline definition and the deal ids, each object
   * attributed by the log field it hangs from.
   *
   * @param deals how many deals
   * @return the footprint
   */
  public static StageLogFootprint measureStageLog(int deals) {
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
    Histories.Dataset data = Histories.generate(deals);
    PreparedHistories log = PreparedHistories.stageEntriesOnly(Histories.definition(),
        data.histories());
    Object[] ids = new Object[log.deals()];
    for (int d = 0; d < ids.length; d++) {
      ids[d] = data.histories().get(d).dealId(); // the instances the columns keep
    }
    GraphLayout idsLayout = GraphLayout.parseInstance(ids);
    long idBytes = idsLayout.totalSize() - VM.current().sizeOf(ids);
    GraphLayout own = GraphLayout.parseInstance(log)
        .subtract(GraphLayout.parseInstance(log.definition())).subtract(idsLayout);
    long entry = 0;
    long deal = 0;
    long fixed = 0;
    int columns = 0;
    for (long address : own.addresses()) {
      GraphPathRecord r = own.record(address);
      String path = r.path();
      if (path.equals(".columns.stage") || path.equals(".columns.seconds")
          || path.equals(".columns.nanos")) {
        entry += r.size();
        columns++;
      } else if (path.equals(".columns.start") || path.equals(".columns.dealIds")) {
        deal += r.size();
        columns++;
      } else {
        fixed += r.size();
      }
    }
    if (columns != 5) {
      throw new IllegalStateException("expected the log's five columns (stage, seconds, nanos,"
          + " start, dealIds), found " + columns + "; paths: " + own.addresses().stream()
          .map(a -> own.record(a).path()).limit(20).collect(Collectors.toList()));
    }
    return new StageLogFootprint(log.deals(), log.stageEntries(), entry, deal, idBytes, fixed,
        own.toFootprint());
  }

  /** A clock that moves one millisecond per reading: every change gets its own instant. */
  private static final class TickingClock implements InstantSource {
    private Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Override
    public Instant instant() {
      now = now.plusMillis(1);
      return now;
    }
  }

  /**
   * Measures.
   *
   * @param n how many deals
   * @return the results
   */
  public static Result measure(int n) {
    // Our ids and events are records: JOL needs this to find record field offsets on JDK 17.
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
    Ours ours = new Ours(new TickingClock());
    Pipeline pipeline = ours.pipeline();
    Request request = Request.by("ana");
    Currency eur = Money.currency("EUR");

    Deal[] bare = new Deal[n];
    Deal[] typical = new Deal[n];
    List<DealEvent> stageEvents = new ArrayList<>(4 * n);
    List<DealEvent> created = new ArrayList<>(n);
    List<DealEvent> all = new ArrayList<>(5 * n);
    Object[] ids = new Object[2 * n];
    Object[] titles = new Object[n];
    Object[] attributes = new Object[2 * n];

    for (int i = 0; i < n; i++) {
      int score = 50 + i % 50;
      NewDeal bareInput = NewDeal.builder().id("B-" + i).title("Deal " + i)
          .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(score)).build();
      bare[i] = driveToWon(pipeline, bareInput, request, null);
      NewDeal typicalInput = NewDeal.builder().id("D-" + i).title("Deal " + i)
          .amount(Money.of(BigDecimal.valueOf(1000 + (i % 90_000)), eur))
          .leadSource(LeadSource.warm("webinar"))
          .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(score)).build();
      List<DealEvent> history = new ArrayList<>(5);
      typical[i] = driveToWon(pipeline, typicalInput, request, history);
      created.add(history.get(0));
      stageEvents.addAll(history.subList(1, history.size()));
      all.addAll(history);
      ids[2 * i] = bare[i].id();
      ids[2 * i + 1] = typical[i].id();
      attributes[2 * i] = bare[i].attributes();
      attributes[2 * i + 1] = typical[i].attributes();
      titles[i] = bare[i].title();
    }

    // The definition, not the pipeline: the pipeline's clock holds the latest instant, which
    // belongs to the last event.
    Object[] excluded = {pipeline.definition(), ids, attributes, request, eur};
    long excludedSize = GraphStats.parseInstance(excluded).totalSize();
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("deal snapshot, bare (title only)", n,
        retained(bare, excluded, excludedSize)));
    Object[] excludedAndTitles = {pipeline.definition(), ids, attributes, request, eur, titles};
    lines.add(new Line("deal snapshot, bare, title text excluded too", n,
        retained(bare, excludedAndTitles,
            GraphStats.parseInstance(excludedAndTitles).totalSize())));
    lines.add(new Line("deal snapshot, typical (title, amount, lead source)", n,
        retained(typical, excluded, excludedSize)));
    lines.add(new Line("stage-change event (Moved, Won)", stageEvents.size(),
        retained(stageEvents.toArray(), excluded, excludedSize)));
    lines.add(new Line("created event (carries the initial snapshot)", created.size(),
        retained(created.toArray(), excluded, excludedSize)));
    lines.add(new Line("whole history of a won deal (5 events), per event", all.size(),
        retained(all.toArray(), excluded, excludedSize)));

    String oneDeal = GraphLayout.parseInstance(typical[0]).toFootprint();
    String oneEvent = GraphLayout.parseInstance(stageEvents.get(0)).toFootprint();
    return new Result(n, VM.current().details(), lines, oneDeal, oneEvent);
  }

  private static long retained(Object[] roots, Object[] excluded, long excludedSize) {
    Object[] together = new Object[excluded.length + 1];
    System.arraycopy(excluded, 0, together, 0, excluded.length);
    together[excluded.length] = roots;
    return GraphStats.parseInstance(together).totalSize() - excludedSize
        - VM.current().sizeOf(roots);
  }

  private static Deal driveToWon(
      Pipeline pipeline, NewDeal input, Request request, List<DealEvent> history) {
    Outcome o = pipeline.create(input, request);
    List<DealEvent> events = new ArrayList<>(o.events());
    for (DealStage s : new DealStage[] {
        DealStage.QUALIFICATION, DealStage.CONSIDERATION, DealStage.DECISION}) {
      o = pipeline.move(o.orElseThrow(), StageId.of(s.id()), request);
      events.addAll(o.events());
    }
    o = pipeline.win(o.orElseThrow(), request);
    events.addAll(o.events());
    Deal won = o.orElseThrow();
    if (!won.stage().value().equals(DealStage.WON.id()) || events.size() != 5) {
      throw new IllegalStateException("expected a won deal with 5 events, got " + won.stage()
          + " with " + events.size());
    }
    if (history != null) {
      history.addAll(events);
    }
    return won;
  }

  /**
   * Formats a result as plain text.
   *
   * @param r the result
   * @return the text
   */
  public static String format(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-56s %10s %12s%n", "retained heap, " + r.deals()
        + " deals", "items", "bytes/item"));
    for (Line l : r.lines()) {
      sb.append(String.format(Locale.ROOT, "%-56s %10d %12.1f%n", l.what(), l.count(),
          l.perItem()));
    }
    return sb.toString();
  }

  /**
   * Prints the numbers.
   *
   * @param args optional: the number of deals (default 100,000; the bytes per item do not depend on it)
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
    Result r = measure(n);
    System.out.println(r.vm());
    System.out.print(format(r));
    System.out.println();
    System.out.println("One typical deal snapshot, everything reachable (id and attributes"
        + " included here):");
    System.out.println(r.oneDeal());
    System.out.println("One stage-change event, everything reachable (shared stage ids and actor"
        + " included here):");
    System.out.println(r.oneEvent());
    StageLogFootprint log = measureStageLog(n);
    System.out.printf(Locale.ROOT, "PreparedHistories (stage entries only) of %d deals, %d entries: %.1f B per entry, %.1f B"
        + " per deal (+ %.1f B per deal id if only the log keeps it), %d B fixed%n%s%n",
        log.deals(), log.entries(), log.perEntry(), log.perDeal(), log.perId(), log.fixedBytes(),
        log.footprint());
  }
}
