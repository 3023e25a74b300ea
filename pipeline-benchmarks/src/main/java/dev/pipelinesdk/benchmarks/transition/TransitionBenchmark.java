package dev.pipelinesdk.benchmarks.transition;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.NewDeal;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Transition throughput: one operation drives one deal from Prospecting to Won (four moves, the
 * guarded Qualification -> Consideration among them), as a user drives many deals. Scores are
 * drawn once, with a fixed seed, from [50, 100), so the guard runs on varying values and always
 * passes; each implementation's {@code @Setup} first proves with {@link GraphCheck} that it
 * encodes the same graph, and every operation fails unless its deal ends in Won.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per deal.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransitionBenchmark {
  static final int INPUTS = 1024;

  /** The same scores for every implementation. */
  static int[] scores() {
    SplittableRandom random = new SplittableRandom(6);
    int[] scores = new int[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      scores[i] = random.nextInt(Contender.MINIMUM_SCORE, 100);
    }
    return scores;
  }

  /** Rotates through the inputs. */
  @State(Scope.Thread)
  public abstract static class Inputs {
    final int[] scores = scores();
    int next;

    final int nextIndex() {
      int i = next;
      next = (i + 1) & (INPUTS - 1);
      return i;
    }

    final int nextScore() {
      return scores[nextIndex()];
    }
  }

  /** Our engine and the deal inputs (made once: parsing user input is not timed). */
  @State(Scope.Thread)
  public static class OursState extends Inputs {
    final Ours ours = new Ours();
    final NewDeal[] deals = new NewDeal[INPUTS];

    /** Builds the inputs and checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(new Ours());
      for (int i = 0; i < INPUTS; i++) {
        deals[i] = Ours.input(i, scores[i]);
      }
    }
  }

  /** stateless4j, one shared config. */
  @State(Scope.Thread)
  public static class Stateless4jSharedState extends Inputs {
    final Stateless4j.Shared contender = new Stateless4j.Shared();

    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(contender);
    }
  }

  /** stateless4j, a config per deal. */
  @State(Scope.Thread)
  public static class Stateless4jPerDealState extends Inputs {
    final Stateless4j.PerDeal contender = new Stateless4j.PerDeal();

    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(contender);
    }
  }

  /** Spring Statemachine, a new machine per deal. */
  @State(Scope.Thread)
  public static class SpringPerDealState extends Inputs {
    final Spring.PerDeal contender = new Spring.PerDeal();

    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(contender);
    }
  }

  /** Spring Statemachine, one machine reset per deal. */
  @State(Scope.Thread)
  public static class SpringReusedState extends Inputs {
    final Spring.Reused contender = new Spring.Reused();

    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(contender);
    }
  }

  /** squirrel-foundation. */
  @State(Scope.Thread)
  public static class SquirrelState extends Inputs {
    final Squirrel contender = new Squirrel();

    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(contender);
    }
  }

  /** The hand-written baseline. */
  @State(Scope.Thread)
  public static class HandWrittenState extends Inputs {
    /** Checks the graph. */
    @Setup(Level.Trial)
    public void setUp() {
      GraphCheck.verify(new HandWritten());
    }
  }

  /**
   * Ours: create, three moves and a win through the shared engine, with the guard, recording
   * events; every outcome consumed.
   */
  @Benchmark
  public Deal ours(OursState s, Blackhole bh) {
    return s.ours.drive(s.deals[s.nextIndex()], bh);
  }

  /**
   * Ours, the batch way: {@code create}, then the four steps as one {@code executeAll} (all or
   * nothing, one outcome with the four events).
   */
  @Benchmark
  public Deal oursBatch(OursState s, Blackhole bh) {
    return s.ours.driveBatch(s.deals[s.nextIndex()], bh);
  }

  /** stateless4j: shared config, new machine per deal, score in a holder (not thread-safe). */
  @Benchmark
  public DealStage stateless4jSharedConfig(Stateless4jSharedState s) {
    return s.contender.driveToWon(s.nextScore());
  }

  /** stateless4j: a config and a machine per deal (thread-safe). */
  @Benchmark
  public DealStage stateless4jConfigPerDeal(Stateless4jPerDealState s) {
    return s.contender.driveToWon(s.nextScore());
  }

  /** Spring Statemachine: a new machine per deal from a factory. */
  @Benchmark
  public DealStage springMachinePerDeal(SpringPerDealState s) {
    return s.contender.driveToWon(s.nextScore());
  }

  /** Spring Statemachine: one machine, stop-reset-start per deal. */
  @Benchmark
  public DealStage springResetAndReuse(SpringReusedState s) {
    return s.contender.driveToWon(s.nextScore());
  }

  /** squirrel-foundation: shared builder, new machine per deal. */
  @Benchmark
  public DealStage squirrel(SquirrelState s) {
    return s.contender.driveToWon(s.nextScore());
  }

  /** Hand-written record and switch, as the JIT may optimise it. */
  @Benchmark
  public HandWritten.Deal handWritten(HandWrittenState s) {
    int i = s.nextIndex();
    return HandWritten.drive(i, s.scores[i]);
  }

  /** Hand-written record and switch, every intermediate deal kept alive. */
  @Benchmark
  public HandWritten.Deal handWrittenKeptAlive(HandWrittenState s, Blackhole bh) {
    int i = s.nextIndex();
    return HandWritten.driveKeptAlive(i, s.scores[i], bh);
  }

  @Benchmark
  public HandWritten.Deal handWrittenWithEvents(HandWrittenState s, Blackhole bh) {
    int i = s.nextIndex();
    return HandWritten.driveWithEvents(i, s.scores[i], 1_772_442_000_000L, bh);
  }
}
