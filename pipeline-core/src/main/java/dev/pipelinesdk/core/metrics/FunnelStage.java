package dev.pipelinesdk.core.metrics;

import dev.pipelinesdk.core.StageId;
import java.util.Objects;

/**
 * One open stage of a {@link FunnelReport}. Counts are of distinct deals unless they say moves.
 *
 * @param stage the stage id
 * @param name the stage name
 * @param reached deals that entered this stage or a later one, or are won
 * @param entered deals that were in this stage at least once
 * @param conversionToNext the share of {@code reached} that reached the next stage (or won, for
 *     the last open stage); NaN if none reached this one
 * @param conversionToWon the share of {@code reached} that is won; NaN if none reached this one
 * @param lost deals lost from this stage (the last open stage they were in)
 * @param wentDark deals dormant ("gone dark") from this stage
 * @param stuck deals still open in this stage
 * @param backMovesOut moves from this stage back to an earlier open stage
 * @param skipMovesOut moves from this stage forward over at least one open stage
 */
public record FunnelStage(StageId stage, String name, long reached, long entered,
    double conversionToNext, double conversionToWon, long lost, long wentDark, long stuck,
    long backMovesOut, long skipMovesOut) {

  /** Creates a row. */
  public FunnelStage {
    Objects.requireNonNull(stage, "stage is null");
    Objects.requireNonNull(name, "name is null");
  }

  /** {@return deals that reached this stage without ever being in it: {@code reached - entered}} */
  public long skipped() {
    return reached - entered;
  }

  /** {@return deals that left the funnel from here: {@code lost + wentDark}} */
  public long droppedOut() {
    return lost + wentDark;
  }

  /** {@return the share of {@code reached} lost or gone dark from here; NaN if none reached it} */
  public double dropOffRate() {
    return reached == 0 ? Double.NaN : (double) droppedOut() / reached;
  }
}
