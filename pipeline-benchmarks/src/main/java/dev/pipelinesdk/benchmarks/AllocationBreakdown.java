package dev.pipelinesdk.benchmarks;

import dev.pipelinesdk.benchmarks.transition.Ours;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jol.vm.VM;

/**
 * Bytes allocated per call of each step of our timed operation, counted by the JVM's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) over a
 * million calls after warm-up. Not a timing: it says where the bytes that {@code -prof gc}
 * reports per deal come from. Each step runs in its own loop, so escape analysis may differ a
 * little from the benchmark, where the steps are inlined together.
 */
public final class AllocationBreakdown {
  private static final int CALLS = 1_000_000;
  private static volatile Object sink;

  private AllocationBreakdown() {}

  /** {@return bytes per call, by step} */
  public static Map<String, Long> measure() {
    Pipeline p = new Ours().pipeline();
    Request r = Request.by("bench");
    NewDeal input = Ours.input(1, 60);
    StageId qualification = StageId.of("qualification");
    StageId consideration = StageId.of("consideration");
    StageId decision = StageId.of("decision");
    Deal prospecting = p.create(input, r).deal();
    Deal qualified = p.move(prospecting, qualification, r).orElseThrow();
    Deal considered = p.move(qualified, consideration, r).orElseThrow();
    Deal decided = p.move(considered, decision, r).orElseThrow();
    DealEvent.Moved moved = new DealEvent.Moved(qualified.id(),
        Instant.parse("2026-03-02T09:00:00Z"), "bench", qualified.stage(), consideration);

    Map<String, Supplier<Object>> steps = new LinkedHashMap<>();
    steps.put("`create(NewDeal)`", () -> p.create(input, r));
    steps.put("`move` qualification -> consideration (guarded)",
        () -> p.move(qualified, consideration, r));
    steps.put("`move` consideration -> decision", () -> p.move(considered, decision, r));
    steps.put("`win` from decision", () -> p.win(decided, r));
    steps.put("of which `Deal.apply(Moved)` (the fold: the new deal value)",
        () -> qualified.apply(moved));
    steps.put("of which one `DealEvent.Moved`", () -> new DealEvent.Moved(qualified.id(),
        moved.at(), "bench", qualified.stage(), consideration));

    Map<String, Long> bytes = new LinkedHashMap<>();
    for (int round = 0; round < 3; round++) {
      for (Map.Entry<String, Supplier<Object>> e : steps.entrySet()) {
        bytes.put(e.getKey(), perCall(e.getValue()));
      }
    }
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
    bytes.put("for scale: one `Deal` object, shallow (JOL)", VM.current().sizeOf(qualified));
    return bytes;
  }

  private static long perCall(Supplier<Object> step) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(thread);
    for (int i = 0; i < CALLS; i++) {
      sink = step.get();
    }
    return Math.round((double) (mx.getThreadAllocatedBytes(thread) - before) / CALLS);
  }

  /**
   * Prints the breakdown.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    measure().forEach((k, v) -> System.out.printf(Locale.ROOT, "%6d B  %s%n", v, k));
  }
}
