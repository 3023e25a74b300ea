package dev.pipelinesdk.benchmarks.transition;

/** The benchmark pipeline's stages, as the peers see them (our engine uses the ids). */
public enum DealStage {
  PROSPECTING("prospecting"),
  QUALIFICATION("qualification"),
  CONSIDERATION("consideration"),
  DECISION("decision"),
  WON("won"),
  LOST("lost");

  private final String id;

  DealStage(String id) {
    this.id = id;
  }

  /** {@return the stage id used in our {@code PipelineDefinition}} */
  public String id() {
    return id;
  }

  /** {@return whether the stage is open (not won or lost)} */
  public boolean isOpen() {
    return this != WON && this != LOST;
  }
}
