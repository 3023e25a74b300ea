package dev.pipelinesdk.benchmarks.ab;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
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
 * The transition benchmark's operation ({@link #driveToWon}: create, three moves and a win, every
 * outcome's events to a blackhole), and a plain loop of it for {@link EngineAb}. It uses
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
      .stage(Stage.open("prospecting", "Prospecting", 0.05))
      .stage(Stage.open("qualification", "Qualification", 0.15))
      .stage(Stage.open("consideration", "Consideration", 0.35))
      .stage(Stage.open("decision", "Decision", 0.6))
      .stage(Stage.won("won", "Won"))
      .stage(Stage.lost("lost", "Lost"))
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
   * The transition benchmark's operation, the one place it is written: creates the deal, moves it
   * to qualification, consideration and decision and wins it, handing every outcome's events to
   * the blackhole (a user would append them to the deal's history). {@code
   * TransitionBenchmark.ours} runs it through {@code Ours.drive}, {@link EngineAb} through {@link
   * #run}; it uses only API every build of core has.
   *
   * @param pipeline the benchmark pipeline (prospecting, qualification, consideration, decision,
   *     won)
   * @param input the new deal
   * @param request who drives it
   * @param bh where the events go
   * @return the won deal
   * @throws IllegalStateException if the deal does not end in won
   * @throws dev.pipelinesdk.core.engine.RejectedException if a step is refused
   */
  public static Deal driveToWon(Pipeline pipeline, NewDeal input, Request request, Blackhole bh) {
    Outcome.Accepted created = pipeline.create(input, request);
    bh.consume(created.events());
    Outcome o = pipeline.move(created.deal(), QUALIFICATION, request);
    bh.consume(o.events());
    o = pipeline.move(o.orElseThrow(), CONSIDERATION, request);
    bh.consume(o.events());
    o = pipeline.move(o.orElseThrow(), DECISION, request);
    bh.consume(o.events());
    o = pipeline.win(o.orElseThrow(), request);
    bh.consume(o.events());
    Deal won = o.orElseThrow();
    if (!won.stage().equals(WON)) {
      throw new IllegalStateException("the deal ended in " + won.stage() + ", not won");
    }
    return won;
  }

  /**
   * Drives deals from prospecting to won with {@link #driveToWon}.
   *
   * @param deals how many
   * @return how many were won (always {@code deals})
   * @throws IllegalStateException if a deal does not end in won
   */
  public static long run(int deals) {
    for (int i = 0; i < deals; i++) {
      driveToWon(PIPELINE, INPUTS[i & (INPUTS.length - 1)], REQUEST, BLACKHOLE);
    }
    return deals;
  }
}
