package dev.pipelinesdk.benchmarks.transition;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Diagnostic, not a contender: the cost of each engine call of {@link TransitionBenchmark#ours}
 * on its own (average time per call), to see where a deal's time goes. Each call starts from a
 * prepared deal, so no call depends on another.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineStepsBenchmark {

  /** Prepared deals one step before each call. */
  @State(Scope.Thread)
  public static class Prepared {
    final Ours ours = new Ours();
    final Pipeline pipeline = ours.pipeline();
    final Request request = Request.by("bench");
    NewDeal input;
    Deal prospecting;
    Deal qualification;
    Deal consideration;
    Deal decision;
    DealEvent.Moved toDecision;

    /** Drives one deal through every stage, keeping each step's deal. */
    @Setup(Level.Trial)
    public void setUp() {
      input = Ours.input(1, 70);
      prospecting = pipeline.create(input, request).deal();
      qualification = pipeline.move(prospecting, Ours.QUALIFICATION, request).orElseThrow();
      consideration = pipeline.move(qualification, Ours.CONSIDERATION, request).orElseThrow();
      Outcome o = pipeline.move(consideration, Ours.DECISION, request);
      decision = o.orElseThrow();
      toDecision = (DealEvent.Moved) o.events().get(0);
    }
  }

  /** {@code create(NewDeal)}. */
  @Benchmark
  public Outcome create(Prepared p) {
    return p.pipeline.create(p.input, p.request);
  }

  /** An unguarded move (prospecting to qualification). */
  @Benchmark
  public Outcome moveUnguarded(Prepared p) {
    return p.pipeline.move(p.prospecting, Ours.QUALIFICATION, p.request);
  }

  /** The guarded move (qualification to consideration, lead score 70). */
  @Benchmark
  public Outcome moveGuarded(Prepared p) {
    return p.pipeline.move(p.qualification, Ours.CONSIDERATION, p.request);
  }

  /** {@code win} from decision. */
  @Benchmark
  public Outcome win(Prepared p) {
    return p.pipeline.win(p.decision, p.request);
  }

  /** The fold alone: {@code Deal.apply} of a prepared move event. */
  @Benchmark
  public Deal applyOnly(Prepared p) {
    return p.consideration.apply(p.toDecision);
  }

  /** One stage-change event alone. */
  @Benchmark
  public DealEvent eventOnly(Prepared p) {
    return new DealEvent.Moved(p.consideration.id(), p.toDecision.at(), "bench",
        p.consideration.stage(), Ours.DECISION);
  }
}
