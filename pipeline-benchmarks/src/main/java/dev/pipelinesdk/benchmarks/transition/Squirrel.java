package dev.pipelinesdk.benchmarks.transition;

import org.squirrelframework.foundation.fsm.Condition;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * squirrel-foundation 0.3.10 as its documentation recommends: one {@link StateMachineBuilder}
 * (thread-safe, built once) and a new, lightweight state machine per deal; the score is the
 * context passed to {@code fire}, which the guard ({@link Condition}) receives. Won and Lost are
 * final states. A declined event is silent: the machine stays where it is; an event after a final
 * state throws {@link IllegalStateException} (the machine is terminated).
 */
public final class Squirrel implements Contender {

  /** The typed state machine; squirrel instantiates it by reflection. */
  public static final class DealMachine
      extends AbstractStateMachine<DealMachine, DealStage, DealTrigger, Integer> {
    /** Called by squirrel's builder. */
    public DealMachine() {}
  }

  private static final Condition<Integer> SCORE_GUARD = new Condition<>() {
    @Override
    public boolean isSatisfied(Integer score) {
      return score != null && score >= MINIMUM_SCORE;
    }

    @Override
    public String name() {
      return "score >= " + MINIMUM_SCORE;
    }
  };

  private final StateMachineBuilder<DealMachine, DealStage, DealTrigger, Integer> builder;

  /** Builds the shared state machine builder. */
  public Squirrel() {
    builder = StateMachineBuilderFactory.create(
        DealMachine.class, DealStage.class, DealTrigger.class, Integer.class);
    builder.externalTransition().from(DealStage.PROSPECTING).to(DealStage.QUALIFICATION)
        .on(DealTrigger.QUALIFY);
    builder.externalTransition().from(DealStage.QUALIFICATION).to(DealStage.CONSIDERATION)
        .on(DealTrigger.CONSIDER).when(SCORE_GUARD);
    builder.externalTransition().from(DealStage.CONSIDERATION).to(DealStage.DECISION)
        .on(DealTrigger.DECIDE);
    builder.externalTransition().from(DealStage.DECISION).to(DealStage.WON)
        .on(DealTrigger.WIN);
    for (DealStage s : DealStage.values()) {
      if (s.isOpen()) {
        builder.externalTransition().from(s).to(DealStage.LOST).on(DealTrigger.LOSE);
      }
    }
    builder.defineFinalState(DealStage.WON);
    builder.defineFinalState(DealStage.LOST);
  }

  @Override
  public String name() {
    return "squirrel";
  }

  @Override
  public DealStage driveToWon(int score) {
    Integer context = score;
    DealMachine m = builder.newStateMachine(DealStage.PROSPECTING);
    m.fire(DealTrigger.QUALIFY, context);
    m.fire(DealTrigger.CONSIDER, context);
    m.fire(DealTrigger.DECIDE, context);
    m.fire(DealTrigger.WIN, context);
    return Contender.requireWon(name(), m.getCurrentState());
  }

  @Override
  public Session start(int score) {
    DealMachine m = builder.newStateMachine(DealStage.PROSPECTING);
    Integer context = score;
    // The timed path lets the first fire start the machine; here the check reads the stage
    // first, which is null until the machine has started.
    m.start(context);
    return new Session() {
      @Override
      public DealStage stage() {
        return m.getCurrentState();
      }

      @Override
      public boolean fire(DealTrigger trigger) {
        DealStage before = m.getCurrentState();
        try {
          m.fire(trigger, context);
        } catch (IllegalStateException terminated) {
          // squirrel refuses any event once a final state (Won, Lost) terminated the machine.
          return false;
        }
        return m.getCurrentState() != before;
      }
    };
  }
}
