package dev.pipelinesdk.benchmarks.transition;

import dev.pipelinesdk.benchmarks.ab.AbDriver;
import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Guards;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our engine, as users call it: a shared, thread-safe {@link Pipeline} with the lead-score guard;
 * each operation creates the deal value from its input, makes four moves, and consumes every
 * outcome (the new deal and its recorded events).
 *
 * <p>The clock is {@link InstantSource#fixed fixed}, so reading the time costs nothing and does
 * not dominate; a system clock would add one {@code Instant} read (and allocation) per change.
 */
public final class Ours implements Contender {
  static final StageId QUALIFICATION = StageId.of(DealStage.QUALIFICATION.id());
  static final StageId CONSIDERATION = StageId.of(DealStage.CONSIDERATION.id());
  static final StageId DECISION = StageId.of(DealStage.DECISION.id());
  static final StageId WON = StageId.of(DealStage.WON.id());

  /** The four steps from prospecting to won, as commands (values: one list serves every deal). */
  static final List<Command> TO_WON = List.of(new Command.MoveTo(QUALIFICATION),
      new Command.MoveTo(CONSIDERATION), new Command.MoveTo(DECISION), new Command.Win());

  /** Only used outside JMH (the unit tests), where JMH's own Blackhole is not handed in. */
  private static final String BLACKHOLE_OUTSIDE_JMH =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private final Pipeline pipeline;
  private final Request request = Request.by("bench");
  private int created;

  /** Builds the pipeline with a fixed clock. */
  public Ours() {
    this(InstantSource.fixed(Instant.parse("2026-03-02T09:00:00Z")));
  }

  /**
   * Builds the pipeline.
   *
   * @param clock where change instants come from
   */
  public Ours(InstantSource clock) {
    this.pipeline = Pipeline.of(definition(), clock);
  }

  /** {@return the benchmark pipeline as our definition} */
  public static PipelineDefinition definition() {
    String p = DealStage.PROSPECTING.id();
    String q = DealStage.QUALIFICATION.id();
    String c = DealStage.CONSIDERATION.id();
    String d = DealStage.DECISION.id();
    return PipelineDefinition.builder("bench")
        .stage(Stage.open(p, "Prospecting", 0.05))
        .stage(Stage.open(q, "Qualification", 0.15))
        .stage(Stage.open(c, "Consideration", 0.35))
        .stage(Stage.open(d, "Decision", 0.6))
        .stage(Stage.won(DealStage.WON.id(), "Won"))
        .stage(Stage.lost(DealStage.LOST.id(), "Lost"))
        .transition(p, q)
        .transition(q, c, Guards.minimumLeadScore(MINIMUM_SCORE))
        .transition(c, d)
        .transition(d, DealStage.WON.id())
        .fromEveryOpenStage(DealStage.LOST.id())
        .build();
  }

  /**
   * The input a user hands in for one deal.
   *
   * @param n a number making the id unique
   * @param score the lead score
   * @return the new deal
   */
  public static NewDeal input(int n, int score) {
    return NewDeal.builder().id("D-" + n).title("Deal " + n)
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(score)).build();
  }

  /** {@return the pipeline} */
  public Pipeline pipeline() {
    return pipeline;
  }

  @Override
  public String name() {
    return "ours";
  }

  /**
   * The timed operation: create, qualify, consider, decide, win; every outcome's events go to
   * the blackhole (a user would append them to the deal's history). Written once, in {@link
   * AbDriver#driveToWon}, so {@code ab.sh} compares engine builds on exactly this operation.
   *
   * @param input the new deal
   * @param bh where the events go
   * @return the won deal
   */
  public Deal drive(NewDeal input, Blackhole bh) {
    return AbDriver.driveToWon(pipeline, input, request, bh);
  }

  /**
   * The timed operation, the batch way: create, then qualify, consider, decide and win as one
   * {@link Pipeline#executeAll} (all or nothing); both outcomes' events go to the blackhole.
   *
   * @param input the new deal
   * @param bh where the events go
   * @return the won deal
   */
  public Deal driveBatch(NewDeal input, Blackhole bh) {
    Outcome.Accepted created = pipeline.create(input, request);
    bh.consume(created.events());
    Outcome o = pipeline.executeAll(created.deal(), TO_WON, request);
    bh.consume(o.events());
    Deal won = o.orElseThrow();
    if (!won.stage().equals(WON)) {
      throw new IllegalStateException("ours: the deal ended in " + won.stage() + ", not won");
    }
    return won;
  }

  @Override
  public DealStage driveToWon(int score) {
    Deal won = drive(input(created++, score), new Blackhole(BLACKHOLE_OUTSIDE_JMH));
    return stageOf(won.stage());
  }

  @Override
  public Session start(int score) {
    Deal deal = pipeline.create(input(created++, score), request).deal();
    return new Session() {
      private Deal current = deal;

      @Override
      public DealStage stage() {
        return stageOf(current.stage());
      }

      @Override
      public boolean fire(DealTrigger trigger) {
        Outcome o;
        switch (trigger) {
          case WIN:
            o = pipeline.win(current, request);
            break;
          case LOSE:
            o = pipeline.lose(current, "benchmark", request);
            break;
          default:
            o = pipeline.move(current, trigger.target().id(), request);
        }
        current = o.deal();
        return o.isAccepted();
      }
    };
  }

  private static DealStage stageOf(StageId id) {
    for (DealStage s : DealStage.values()) {
      if (s.id().equals(id.value())) {
        return s;
      }
    }
    throw new IllegalStateException("unknown stage " + id);
  }
}
