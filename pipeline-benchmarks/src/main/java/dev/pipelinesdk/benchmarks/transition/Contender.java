package dev.pipelinesdk.benchmarks.transition;

/**
 * One implementation of the benchmark pipeline, as seen by {@link GraphCheck}: Prospecting ->
 * Qualification -> Consideration -> Decision -> Won, Lost from every open stage, and one guard on
 * Qualification -> Consideration that needs a score of at least {@value #MINIMUM_SCORE}.
 *
 * <p>Sessions are built from the very same configuration objects the timed path uses.
 */
public interface Contender {

  /** The lowest score the guard on Qualification -> Consideration lets through. */
  int MINIMUM_SCORE = 50;

  /** {@return a short name for reports} */
  String name();

  /**
   * Starts one deal in Prospecting.
   *
   * @param score the deal's (lead) score the guard reads
   * @return a session driving that deal
   */
  Session start(int score);

  /**
   * Drives one deal from Prospecting to Won: exactly the timed operation, without any
   * Blackhole. Fails if the deal does not end in Won.
   *
   * @param score the deal's score, at least {@value #MINIMUM_SCORE}
   * @return the final stage, always {@link DealStage#WON}
   */
  DealStage driveToWon(int score);

  /** One deal being driven through the pipeline. */
  interface Session {
    /** {@return the stage the deal is in now} */
    DealStage stage();

    /**
     * Asks for a transition. A refusal (no transition, or the guard says no) must not change
     * the stage; whether the library reports it by an exception, a result or silence is
     * absorbed here.
     *
     * @param trigger the transition asked for
     * @return whether the deal moved
     */
    boolean fire(DealTrigger trigger);
  }

  /**
   * Fails unless the stage is Won: every timed operation ends with this check, so a benchmark
   * whose machine silently stopped moving fails instead of timing nothing.
   *
   * @param name the contender
   * @param stage the final stage
   * @return the stage
   */
  static DealStage requireWon(String name, DealStage stage) {
    if (stage != DealStage.WON) {
      throw new IllegalStateException(name + ": the deal ended in " + stage + ", not WON");
    }
    return stage;
  }
}
