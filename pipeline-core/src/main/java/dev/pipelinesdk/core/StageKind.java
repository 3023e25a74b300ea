package dev.pipelinesdk.core;

/** What a stage means for the deals in it. */
public enum StageKind {
  /** The deal is being worked: prospecting, qualification, consideration, decision. */
  OPEN(0.0, ForecastCategory.PIPELINE),
  /** Closed won: a terminal stage. Its probability is always 1. */
  WON(1.0, ForecastCategory.CLOSED),
  /** Closed lost: a terminal stage, left only by a declared reopen. Its probability is always 0. */
  LOST(0.0, ForecastCategory.OMITTED),
  /**
   * The deal went dark (no response). Not terminal and not counted as lost: a dormant deal can be
   * revived where the definition declares it.
   */
  DORMANT(0.0, ForecastCategory.OMITTED);

  private final double defaultProbability;
  private final ForecastCategory defaultCategory;

  StageKind(double defaultProbability, ForecastCategory defaultCategory) {
    this.defaultProbability = defaultProbability;
    this.defaultCategory = defaultCategory;
  }

  /** {@return whether this is {@link #WON} or {@link #LOST}} */
  public boolean isTerminal() {
    return this == WON || this == LOST;
  }

  /** {@return the win probability a stage of this kind has unless it declares one} */
  public double defaultProbability() {
    return defaultProbability;
  }

  /** {@return the forecast category a stage of this kind has unless it declares one} */
  public ForecastCategory defaultForecastCategory() {
    return defaultCategory;
  }
}
