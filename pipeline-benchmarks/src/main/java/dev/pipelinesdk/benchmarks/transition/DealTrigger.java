package dev.pipelinesdk.benchmarks.transition;

/** What a user asks for; the peers need triggers (events), our engine takes the target stage. */
public enum DealTrigger {
  QUALIFY(DealStage.QUALIFICATION),
  CONSIDER(DealStage.CONSIDERATION),
  DECIDE(DealStage.DECISION),
  WIN(DealStage.WON),
  LOSE(DealStage.LOST);

  private final DealStage target;

  DealTrigger(DealStage target) {
    this.target = target;
  }

  /** {@return the stage this trigger leads to when allowed} */
  public DealStage target() {
    return target;
  }
}
