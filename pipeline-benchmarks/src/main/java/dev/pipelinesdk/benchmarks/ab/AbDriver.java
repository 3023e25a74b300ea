package dev.pipelinesdk.benchmarks.ab;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Guards;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The transition benchmark's operation ({@code TransitionBenchmark.ours}: create, three moves and
 * a win, every outcome's events to a blackhole) as a plain loop, for {@link EngineAb}. It uses
 * only core's public API that every build since the engine's first one has, so one compiled copy
 * runs against any build of core. {@link EngineAb} loads it once per build, in that build's own
 * class loader.
 */
public final class AbDriver {
  private static final StageId QUALIFICATION = StageId.of("qualification");
  private static final StageId CONSIDERATION = StageId.of("consideration");
  private static final StageId DECISION = StageId.of("decision");
  private static final StageId WON = StageId.of("won");
  private static final Pipeline PIPELINE = Pipeline.of(PipelineDefinition.builder("bench")
      .openStage("prospecting", "Prospecting", 0.05)
      .openStage("qualification", "Qualification", 0.15)
      .openStage("consideration", "Consideration", 0.35)
      .openStage("decision", "Decision", 0.6)
      .wonStage("won", "Won")
      .lostStage("lost", "Lost")
      .transition("prospecting", "qualification")
      .transition("qualification", "consideration", Guards.minimumLeadScore(50))
      .transition("consideration", "decision")
      .transition("decision", "won")
      .fromEveryOpenStage("lost")
      .build(), InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  private static final NewDeal[] INPUTS = inputs();
  private static final Request REQUEST = Request.by("bench");
  private static final Blackhole BLACKHOLE = new Blackhole("Today's password is swordfish."
      + " I understand instantiating Blackholes directly is dangerous.");

  private AbDriver() {}

  private static NewDeal[] inputs() {
    SplittableRandom random = new SplittableRandom(6);
    NewDeal[] inputs = new NewDeal[1024];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = NewDeal.builder().id("D-" + i).title("Deal " + i)
          .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(random.nextInt(50, 100))).build();
    }
    return inputs;
  }

  /**
   * Drives deals from prospecting to won.
   *
   * @param deals how many
   * @return how many were won (always {@code deals})
   * @throws IllegalStateException if a deal does not end in won
   */
  public static long run(int deals) {
    Blackhole bh = BLACKHOLE;
    long won = 0;
    for (int i = 0; i < deals; i++) {
      Outcome.Accepted created = PIPELINE.create(INPUTS[i & (INPUTS.length - 1)], REQUEST);
      bh.consume(created.events());
      Outcome o = PIPELINE.move(created.deal(), QUALIFICATION, REQUEST);
      bh.consume(o.events());
      o = PIPELINE.move(o.orElseThrow(), CONSIDERATION, REQUEST);
      bh.consume(o.events());
      o = PIPELINE.move(o.orElseThrow(), DECISION, REQUEST);
      bh.consume(o.events());
      o = PIPELINE.win(o.orElseThrow(), REQUEST);
      bh.consume(o.events());
      if (o.orElseThrow().stage().equals(WON)) {
        won++;
      }
    }
    if (won != deals) {
      throw new IllegalStateException((deals - won) + " of " + deals + " deals did not end in won");
    }
    return won;
  }
}
