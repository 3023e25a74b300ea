package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One shared pipeline, several threads, disjoint deals: the result equals a sequential run, and
 * a thread-safe listener sees every accepted event exactly once.
 */
class ConcurrencyTest {
  private static final int THREADS = 4;
  private static final int DEALS_PER_THREAD = 40;
  private static final int STEPS = 80;
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z"));

  /** A deal's script depends only on its number, so it is the same in every run. */
  private static List<Integer> script(int deal) {
    Random random = new Random(deal * 7919L);
    List<Integer> steps = new ArrayList<>(STEPS);
    for (int i = 0; i < STEPS; i++) {
      steps.add(random.nextInt(100_000));
    }
    return steps;
  }

  /** Drives one deal; returns its accepted events (the created event first). */
  private static List<DealEvent> drive(Pipeline pipeline, int number) {
    Outcome.Accepted created = pipeline.create(Scripts.newDeal("D-" + number, number),
        Request.by("ana"));
    List<DealEvent> events = new ArrayList<>(created.events());
    Deal deal = created.deal();
    for (int step : script(number)) {
      Outcome outcome = pipeline.execute(deal,
          Scripts.command(pipeline.definition(), deal, step), Scripts.request(step));
      events.addAll(outcome.events());
      deal = outcome.deal();
    }
    assertThat(DealHistory.of(events).current()).isEqualTo(deal);
    return events;
  }

  @Test
  void sharedPipelineGivesTheSameResultAsASequentialRun() throws Exception {
    PipelineDefinition definition = PipelineTemplates.definition("saas-b2b");

    Map<Integer, List<DealEvent>> sequential = new TreeMap<>();
    Pipeline alone = Pipeline.of(definition, CLOCK);
    for (int d = 0; d < THREADS * DEALS_PER_THREAD; d++) {
      sequential.put(d, drive(alone, d));
    }

    Set<DealEvent> heard = Collections.newSetFromMap(new IdentityHashMap<>());
    ConcurrentLinkedQueue<DealEvent> heardQueue = new ConcurrentLinkedQueue<>();
    Map<String, Set<Long>> threadsPerDeal = new ConcurrentHashMap<>();
    Pipeline shared = Pipeline.builder(definition).clock(CLOCK)
        .listener((outcome, request) -> {
          heardQueue.addAll(outcome.events());
          threadsPerDeal.computeIfAbsent(outcome.deal().id().value(),
              k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getId());
        })
        .build();

    Map<Integer, List<DealEvent>> concurrent = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(() -> {
          start.await(10, TimeUnit.SECONDS); // all threads start together
          for (int d = thread; d < THREADS * DEALS_PER_THREAD; d += THREADS) {
            concurrent.put(d, drive(shared, d));
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get(); // rethrows any assertion error of a worker
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(concurrent).hasSize(THREADS * DEALS_PER_THREAD);
    assertThat(new TreeMap<>(concurrent)).isEqualTo(sequential);
    for (Map.Entry<Integer, List<DealEvent>> e : concurrent.entrySet()) {
      assertThat(DealHistory.of(e.getValue()).replay())
          .isEqualTo(DealHistory.of(sequential.get(e.getKey())).current());
    }
    // The scripts did real work, not only rejections.
    assertThat(concurrent.values().stream().mapToInt(List::size).sum())
        .isGreaterThan(THREADS * DEALS_PER_THREAD * 10);

    // Every accepted event was heard exactly once (by identity: equal events may repeat).
    List<DealEvent> all = concurrent.values().stream().flatMap(List::stream).toList();
    assertThat(heardQueue).hasSize(all.size());
    heard.addAll(heardQueue);
    assertThat(heard).hasSize(all.size());
    for (DealEvent e : all) {
      assertThat(heard.contains(e)).as("heard %s", e).isTrue();
    }
    // Listeners run on the caller's thread: each deal was driven by exactly one thread.
    assertThat(threadsPerDeal).hasSize(THREADS * DEALS_PER_THREAD);
    assertThat(threadsPerDeal.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
  }
}
