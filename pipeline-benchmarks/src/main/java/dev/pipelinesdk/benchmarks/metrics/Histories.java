package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Transition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data set of the metrics benchmark: deal histories of the {@code saas-b2b} template from a
 * fixed seed, and the same stage entries laid out as primitive arrays.
 *
 * <p>Each deal is created in {@code prospecting} at a random whole second of a 365-day window and
 * then walks the template's <em>declared</em> transitions (a Markov chain: forward, back-moves,
 * lost and dormant from every open stage, revival from dormant into qualification, consideration
 * or decision, reopening of lost deals), one change every 1 hour to 30 days (whole seconds, so
 * every deal's entries are strictly increasing in time), until it is won, stays lost, stops
 * (an open or dormant deal with no further change) or the next change would fall after {@link
 * #AS_OF_SECONDS}. About 5 stage entries per deal (the created event counts as the entry into
 * prospecting).
 *
 * <p>The events are the ones the engine records for those transitions (same event type per
 * transition kind, the transition's name, the actor {@code "system"}, no lost reason) and every
 * history is validated by {@link DealHistory#of}. The guards are
 * not run: the deals carry an amount but no attributes, as a history store holds them.
 */
public final class Histories {
  /** The as-of instant of every answer, epoch seconds: 2026-02-05T00:00:00Z. No event is later. */
  public static final long AS_OF_SECONDS = Instant.parse("2026-02-05T00:00:00Z").getEpochSecond();
  /** The as-of instant. */
  public static final Instant AS_OF = Instant.ofEpochSecond(AS_OF_SECONDS);
  /** The start of the creation window (365 days, ending 35 days before {@link #AS_OF}). */
  static final long START_SECONDS = AS_OF_SECONDS - 400L * 86_400;
  /** The seed of every data set. */
  public static final long SEED = 6;

  private static final PipelineDefinition DEFINITION = PipelineTemplates.definition("saas-b2b");

  private Histories() {}

  /** {@return the pipeline definition the histories belong to ({@code saas-b2b})} */
  public static PipelineDefinition definition() {
    return DEFINITION;
  }

  /**
   * The generated data.
   *
   * @param histories one history per deal, deal {@code i} at index {@code i}
   * @param deal per stage entry: the deal's index
   * @param stage per stage entry: the stage's position in {@link PipelineDefinition#stages()}
   * @param at per stage entry: epoch seconds; entries sorted by deal, then time
   * @param asOf the as-of instant in epoch seconds
   */
  public record Dataset(List<DealHistory> histories, int[] deal, byte[] stage, long[] at,
      long asOf) {
    /** {@return the number of deals} */
    public int deals() {
      return histories.size();
    }

    /** {@return the number of stage entries (created events and stage changes)} */
    public int entries() {
      return deal.length;
    }
  }

  /** Stage-to-stage choice weights of the Markov chain (index: stage position; "stop" last). */
  private static final Map<String, Object[]> CHAIN = new HashMap<>();

  static {
    // {target stage ids..., weights...}; the weights' remainder to 1.0 is "no further change".
    CHAIN.put("prospecting", new Object[] {new String[] {"qualification", "lost", "dormant"},
        new double[] {0.76, 0.11, 0.10}});
    CHAIN.put("qualification", new Object[] {new String[] {"consideration", "lost", "dormant"},
        new double[] {0.72, 0.13, 0.12}});
    CHAIN.put("consideration", new Object[] {
        new String[] {"decision", "qualification", "lost", "dormant"},
        new double[] {0.56, 0.22, 0.11, 0.09}});
    CHAIN.put("decision", new Object[] {new String[] {"won", "consideration", "lost", "dormant"},
        new double[] {0.46, 0.26, 0.14, 0.12}});
    CHAIN.put("dormant", new Object[] {
        new String[] {"qualification", "consideration", "decision", "lost"},
        new double[] {0.34, 0.22, 0.14, 0.22}});
    CHAIN.put("lost", new Object[] {new String[] {"qualification"}, new double[] {0.10}});
    CHAIN.put("won", new Object[] {new String[0], new double[0]});
  }

  /**
   * Generates the data set: the same for the same number of deals.
   *
   * @param deals how many deals
   * @return the histories and the primitive arrays
   * @throws IllegalStateException if the chain takes an undeclared transition (a bug here)
   */
  public static Dataset generate(int deals) {
    List<Stage> stages = DEFINITION.stages();
    Map<StageId, Integer> position = new HashMap<>();
    for (int i = 0; i < stages.size(); i++) {
      position.put(stages.get(i).id(), i);
    }
    StageId first = DEFINITION.entryStages().iterator().next();
    Currency eur = Money.currency("EUR");
    SplittableRandom random = new SplittableRandom(SEED);
    List<DealHistory> histories = new ArrayList<>(deals);
    IntArray deal = new IntArray(deals * 6);
    IntArray stage = new IntArray(deals * 6);
    LongArray at = new LongArray(deals * 6);
    List<DealEvent> events = new ArrayList<>();
    for (int d = 0; d < deals; d++) {
      events.clear();
      DealId id = DealId.of("D-" + d);
      long t = START_SECONDS + random.nextLong(365L * 86_400);
      Instant created = Instant.ofEpochSecond(t);
      Deal initial = Deal.builder().id(id).title("Deal " + d).stage(first).createdAt(created)
          .amount(Money.of(BigDecimal.valueOf(1_000 + random.nextInt(99_000)), eur)).build();
      events.add(new DealEvent.Created(id, created, "system", initial));
      StageId current = first;
      deal.add(d);
      stage.add(position.get(first));
      at.add(t);
      while (true) {
        StageId next = next(current, random);
        if (next == null) {
          break;
        }
        long when = t + 3_600 + random.nextLong(30L * 86_400 - 3_600);
        if (when > AS_OF_SECONDS) {
          break;
        }
        StageId from = current;
        Transition transition = DEFINITION.transition(from, next).orElseThrow(
            () -> new IllegalStateException("not declared: " + from + " -> " + next));
        t = when;
        events.add(event(id, Instant.ofEpochSecond(t), transition));
        current = next;
        deal.add(d);
        stage.add(position.get(next));
        at.add(t);
      }
      histories.add(DealHistory.of(events));
    }
    byte[] stageBytes = new byte[stage.size];
    for (int i = 0; i < stage.size; i++) {
      stageBytes[i] = (byte) stage.values[i];
    }
    return new Dataset(List.copyOf(histories), deal.trimmed(), stageBytes, at.trimmed(),
        AS_OF_SECONDS);
  }

  private static StageId next(StageId from, SplittableRandom random) {
    Object[] choice = CHAIN.get(from.value());
    String[] targets = (String[]) choice[0];
    double[] weights = (double[]) choice[1];
    double x = random.nextDouble();
    for (int i = 0; i < targets.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return StageId.of(targets[i]);
      }
    }
    return null;
  }

  /** The event the engine records for a transition (see {@code Pipeline}). */
  private static DealEvent event(DealId id, Instant at, Transition t) {
    switch (t.kind()) {
      case WIN:
        return new DealEvent.Won(id, at, "system", t.from(), t.to());
      case LOSE:
        return new DealEvent.Lost(id, at, "system", t.from(), t.to(), Optional.empty());
      case DORMANCY:
        return new DealEvent.WentDormant(id, at, "system", t.from(), t.to());
      case REVIVAL:
      case REOPEN:
        return new DealEvent.Reopened(id, at, "system", t.from(), t.to());
      default:
        return new DealEvent.Moved(id, at, "system", t.from(), t.to());
    }
  }

  private static final class IntArray {
    int[] values;
    int size;

    IntArray(int capacity) {
      values = new int[Math.max(16, capacity)];
    }

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] trimmed() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  private static final class LongArray {
    long[] values;
    int size;

    LongArray(int capacity) {
      values = new long[Math.max(16, capacity)];
    }

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] trimmed() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
