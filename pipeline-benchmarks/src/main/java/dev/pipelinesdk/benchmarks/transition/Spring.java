package dev.pipelinesdk.benchmarks.transition;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.guard.Guard;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * Spring Statemachine 4.0.x as its reference documentation shows it: {@link StateMachineBuilder}
 * outside a Spring context, Won and Lost declared as end states, a {@link Guard} reading the score
 * from the machine's extended state, and the reactive API ({@code startReactively}, {@code
 * sendEvent(Mono)}) that replaces the deprecated blocking one. Two ways to drive many deals:
 *
 * <ul>
 *   <li>{@link PerDeal}: a {@link StateMachineFactory} built once; a new machine per deal. Won
 *       and Lost are declared as end states, as the docs show.
 *   <li>{@link Reused}: one machine, stopped, reset to Prospecting (what a {@code
 *       StateMachinePersister} restore does) and started again for each deal. This path only
 *       works when Won and Lost are <em>not</em> declared as end states: with them, the first deal
 *       reaches Won, and after the reset every later deal stays in Prospecting while the first
 *       event is even reported ACCEPTED (measured with 4.0.2; see {@code
 *       GraphCheckTest#springReuseWithEndStatesSilentlyStops}). Without end states, Won and Lost
 *       simply have no outgoing transitions: the same graph, proven by {@link GraphCheck}.
 * </ul>
 *
 * <p>Every timed operation ends with {@link Contender#requireWon}, so a machine that silently
 * stopped moving fails the benchmark instead of timing nothing.
 *
 * <p>Machines are not thread-safe; each JMH thread has its own.
 */
public final class Spring {
  /** The extended-state variable the guard reads. */
  static final String SCORE = "score";

  private static final Guard<DealStage, DealTrigger> SCORE_GUARD = context -> {
    Integer score = context.getExtendedState().get(SCORE, Integer.class);
    return score != null && score >= Contender.MINIMUM_SCORE;
  };

  /** Prebuilt event messages, one per trigger (messages are immutable and reusable). */
  private static final Map<DealTrigger, Mono<Message<DealTrigger>>> EVENTS =
      new EnumMap<>(DealTrigger.class);

  static {
    for (DealTrigger t : DealTrigger.values()) {
      EVENTS.put(t, Mono.just(MessageBuilder.withPayload(t).build()));
    }
  }

  private Spring() {}

  static StateMachineBuilder.Builder<DealStage, DealTrigger> builder(boolean endStates) {
    try {
      StateMachineBuilder.Builder<DealStage, DealTrigger> b = StateMachineBuilder.builder();
      b.configureConfiguration().withConfiguration().autoStartup(false);
      var states = b.configureStates().withStates()
          .initial(DealStage.PROSPECTING)
          .states(EnumSet.allOf(DealStage.class));
      if (endStates) {
        states.end(DealStage.WON).end(DealStage.LOST);
      }
      var t = b.configureTransitions();
      t.withExternal().source(DealStage.PROSPECTING).target(DealStage.QUALIFICATION)
          .event(DealTrigger.QUALIFY)
          .and().withExternal().source(DealStage.QUALIFICATION).target(DealStage.CONSIDERATION)
          .event(DealTrigger.CONSIDER).guard(SCORE_GUARD)
          .and().withExternal().source(DealStage.CONSIDERATION).target(DealStage.DECISION)
          .event(DealTrigger.DECIDE)
          .and().withExternal().source(DealStage.DECISION).target(DealStage.WON)
          .event(DealTrigger.WIN);
      for (DealStage s : DealStage.values()) {
        if (s.isOpen()) {
          t.withExternal().source(s).target(DealStage.LOST).event(DealTrigger.LOSE);
        }
      }
      return b;
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure Spring Statemachine", e);
    }
  }

  /**
   * Sends one event and waits for it to be processed.
   *
   * @return whether the machine accepted it
   */
  static boolean send(StateMachine<DealStage, DealTrigger> machine, DealTrigger trigger) {
    StateMachineEventResult<DealStage, DealTrigger> r =
        machine.sendEvent(EVENTS.get(trigger)).blockLast();
    return r != null && r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED;
  }

  static DealStage driveToWon(StateMachine<DealStage, DealTrigger> machine) {
    send(machine, DealTrigger.QUALIFY);
    send(machine, DealTrigger.CONSIDER);
    send(machine, DealTrigger.DECIDE);
    send(machine, DealTrigger.WIN);
    return machine.getState().getId();
  }

  static Contender.Session session(StateMachine<DealStage, DealTrigger> machine) {
    return new Contender.Session() {
      @Override
      public DealStage stage() {
        return machine.getState().getId();
      }

      @Override
      public boolean fire(DealTrigger trigger) {
        DealStage before = stage();
        boolean accepted = send(machine, trigger);
        return accepted && stage() != before;
      }
    };
  }

  /** A factory built once, a new machine per deal. */
  public static final class PerDeal implements Contender {
    private final StateMachineFactory<DealStage, DealTrigger> factory =
        builder(true).createFactory();

    @Override
    public String name() {
      return "spring-statemachine new machine per deal";
    }

    private StateMachine<DealStage, DealTrigger> started(int score) {
      StateMachine<DealStage, DealTrigger> m = factory.getStateMachine();
      m.getExtendedState().getVariables().put(SCORE, score);
      m.startReactively().block();
      return m;
    }

    @Override
    public DealStage driveToWon(int score) {
      StateMachine<DealStage, DealTrigger> m = started(score);
      DealStage end = Spring.driveToWon(m);
      m.stopReactively().block();
      return Contender.requireWon(name(), end);
    }

    @Override
    public Session start(int score) {
      return session(started(score));
    }
  }

  /** One machine, stopped, reset and started again for every deal. */
  public static final class Reused implements Contender {
    private final StateMachine<DealStage, DealTrigger> machine;
    private final boolean endStates;

    /** The benchmarked configuration: Won and Lost are not declared as end states. */
    public Reused() {
      this(false);
    }

    /**
     * A reused machine.
     *
     * @param endStates whether Won and Lost are declared as end states (which breaks reuse)
     */
    public Reused(boolean endStates) {
      this.endStates = endStates;
      this.machine = builder(endStates).build();
    }

    @Override
    public String name() {
      return "spring-statemachine reset and reuse" + (endStates ? " (with end states)" : "");
    }

    private StateMachine<DealStage, DealTrigger> reset(int score) {
      machine.stopReactively().block();
      machine.getStateMachineAccessor().doWithAllRegions(access -> access
          .resetStateMachineReactively(
              new DefaultStateMachineContext<>(DealStage.PROSPECTING, null, null, null))
          .block());
      machine.getExtendedState().getVariables().put(SCORE, score);
      machine.startReactively().block();
      return machine;
    }

    @Override
    public DealStage driveToWon(int score) {
      return Contender.requireWon(name(), Spring.driveToWon(reset(score)));
    }

    @Override
    public Session start(int score) {
      return session(reset(score));
    }
  }
}
