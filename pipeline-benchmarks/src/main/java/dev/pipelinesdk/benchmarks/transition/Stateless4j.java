package dev.pipelinesdk.benchmarks.transition;

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import com.github.oxo42.stateless4j.delegates.FuncBoolean;

/**
 * stateless4j 2.6.0, both ways users run it. Its guards ({@link FuncBoolean}) take no arguments,
 * so the guard must read the deal's score from somewhere it can see:
 *
 * <ul>
 *   <li>{@link Shared}: one {@link StateMachineConfig} for all deals and a new {@link
 *       StateMachine} per deal; the guard reads a mutable score holder set before each deal. Fast,
 *       but <b>not thread-safe</b>: two threads driving deals through the same configuration race
 *       on the holder. (JMH gives each benchmark thread its own state, and we run one thread.)
 *   <li>{@link PerDeal}: a configuration per deal whose guard captures that deal's score.
 *       Thread-safe, and what a correct multi-threaded user has to do.
 * </ul>
 *
 * <p>A refused trigger makes stateless4j throw {@link IllegalStateException} (its default
 * unhandled-trigger action); the sessions turn that into "did not move".
 */
public final class Stateless4j {
  private Stateless4j() {}

  static StateMachineConfig<DealStage, DealTrigger> config(FuncBoolean scoreGuard) {
    StateMachineConfig<DealStage, DealTrigger> config = new StateMachineConfig<>();
    config.configure(DealStage.PROSPECTING)
        .permit(DealTrigger.QUALIFY, DealStage.QUALIFICATION)
        .permit(DealTrigger.LOSE, DealStage.LOST);
    config.configure(DealStage.QUALIFICATION)
        .permitIf(DealTrigger.CONSIDER, DealStage.CONSIDERATION, scoreGuard)
        .permit(DealTrigger.LOSE, DealStage.LOST);
    config.configure(DealStage.CONSIDERATION)
        .permit(DealTrigger.DECIDE, DealStage.DECISION)
        .permit(DealTrigger.LOSE, DealStage.LOST);
    config.configure(DealStage.DECISION)
        .permit(DealTrigger.WIN, DealStage.WON)
        .permit(DealTrigger.LOSE, DealStage.LOST);
    config.configure(DealStage.WON);
    config.configure(DealStage.LOST);
    return config;
  }

  static DealStage driveToWon(StateMachine<DealStage, DealTrigger> machine) {
    machine.fire(DealTrigger.QUALIFY);
    machine.fire(DealTrigger.CONSIDER);
    machine.fire(DealTrigger.DECIDE);
    machine.fire(DealTrigger.WIN);
    return machine.getState();
  }

  static Contender.Session session(StateMachine<DealStage, DealTrigger> machine) {
    return new Contender.Session() {
      @Override
      public DealStage stage() {
        return machine.getState();
      }

      @Override
      public boolean fire(DealTrigger trigger) {
        DealStage before = machine.getState();
        try {
          machine.fire(trigger);
        } catch (IllegalStateException refused) {
          return false;
        }
        return machine.getState() != before;
      }
    };
  }

  /** One shared configuration, a new machine per deal, the score in a holder. Not thread-safe. */
  public static final class Shared implements Contender {
    /** The score of the deal being driven. Mutable and unsynchronised: see the class docs. */
    private int score;

    private final StateMachineConfig<DealStage, DealTrigger> config =
        config(() -> score >= MINIMUM_SCORE);

    @Override
    public String name() {
      return "stateless4j shared config";
    }

    @Override
    public DealStage driveToWon(int score) {
      this.score = score;
      return Contender.requireWon(name(),
          Stateless4j.driveToWon(new StateMachine<>(DealStage.PROSPECTING, config)));
    }

    @Override
    public Session start(int score) {
      // The holder is shared: a second session would change this one's guard. The check drives
      // one session at a time, which is exactly the restriction users live with.
      this.score = score;
      return session(new StateMachine<>(DealStage.PROSPECTING, config));
    }
  }

  /** A configuration and a machine per deal; the guard captures the deal's score. */
  public static final class PerDeal implements Contender {
    @Override
    public String name() {
      return "stateless4j config per deal";
    }

    @Override
    public DealStage driveToWon(int score) {
      return Contender.requireWon(name(), Stateless4j.driveToWon(
          new StateMachine<>(DealStage.PROSPECTING, config(() -> score >= MINIMUM_SCORE))));
    }

    @Override
    public Session start(int score) {
      return session(new StateMachine<>(DealStage.PROSPECTING,
          config(() -> score >= MINIMUM_SCORE)));
    }
  }
}
