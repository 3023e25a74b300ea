package dev.pipelinesdk.benchmarks.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JOL measurement runs and counts what it says it counts (no target is asserted here). */
class MemoryFootprintTest {

  @Test
  void measuresEveryLineOverTheDealsAndTheirEvents() {
    MemoryFootprint.Result r = MemoryFootprint.measure(200);
    assertEquals(200, r.line("deal snapshot, bare (title only)").count());
    assertEquals(800, r.line("stage-change event").count());
    assertEquals(1000, r.line("whole history").count());
    double bare = r.line("deal snapshot, bare (title only)").perItem();
    double own = r.line("deal snapshot, bare, title text excluded").perItem();
    double typical = r.line("deal snapshot, typical").perItem();
    double event = r.line("stage-change event").perItem();
    // Orderings that hold on any layout: the title adds bytes, amount and source add more; an
    // event is at least a header and its references.
    assertTrue(own > 0 && own < bare && bare < typical, r.lines().toString());
    assertTrue(event >= 24, r.lines().toString());
    assertTrue(r.oneDeal().contains("dev.pipelinesdk.core.Deal"), r.oneDeal());
  }
}
