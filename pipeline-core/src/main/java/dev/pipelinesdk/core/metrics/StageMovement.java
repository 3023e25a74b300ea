package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;

/**
 * What moved through one stage during a period; see {@link Movements}. Moves are events, so a
 * deal that goes in and out twice counts twice.
 *
 * @param stage the stage id
 * @param name the stage name
 * @param kind the stage kind
 * @param startedIn deals in the stage at the start of the period
 * @param created deals created in the stage during the period
 * @param movedIn moves into the stage (not creations)
 * @param movedOut moves out of the stage, to any stage
 * @param won moves out of the stage into a won stage
 * @param lost moves out of the stage into a lost stage
 * @param wentDark moves out of the stage into a dormant stage
 * @param endedIn deals in the stage at the end of the period (for an open stage: still open)
 */
public record StageMovement(StageId stage, String name, StageKind kind, long startedIn,
    long created, long movedIn, long movedOut, long won, long lost, long wentDark, long endedIn) {

  static final int STARTED = 0;
  static final int CREATED = 1;
  static final int IN = 2;
  static final int OUT = 3;
  static final int WON = 4;
  static final int LOST = 5;
  static final int DARK = 6;
  static final int ENDED = 7;
  static final int COLUMNS = 8;

  /** {@return whether {@code startedIn + created + movedIn - movedOut == endedIn}; always true} */
  public boolean reconciles() {
    return startedIn + created + movedIn - movedOut == endedIn;
  }
}
