package dev.pipelinesdk.core.internal;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's way into {@link DealHistory}'s package-private append of events whose resulting
 * deal is already known (the "shared secrets" pattern of the JDK): {@code DealHistory} registers
 * its implementation when it is initialised, the engine ({@code dev.pipelinesdk.core.engine})
 * fetches it. Not API: this package is not exported, and only the engine may call it, because
 * nothing here re-checks that the events fold to the deal.
 */
public final class HistoryAccess {
  private static volatile @Nullable Appender appender;

  private HistoryAccess() {}

  /** What {@link DealHistory} lets the engine do without re-folding. */
  public interface Appender {
    /**
     * Appends events the engine accepted.
     *
     * @param history the history the command ran on
     * @param events the events it produced, in order, already checked against the deal
     * @param result the deal the events fold to (the outcome's deal)
     * @return the longer history
     */
    DealHistory append(DealHistory history, List<DealEvent> events, Deal result);

    /**
     * The history of a deal the engine just created.
     *
     * @param created the creation event
     * @return the one-event history
     */
    DealHistory created(DealEvent.Created created);
  }

  /**
   * Registers the implementation; called once, by {@link DealHistory}'s static initialiser.
   *
   * @param implementation the appender
   * @throws IllegalStateException if one is registered already
   */
  public static synchronized void register(Appender implementation) {
    if (appender != null) {
      throw new IllegalStateException("the history appender is registered already");
    }
    appender = implementation;
  }

  /**
   * The appender, initialising {@link DealHistory} if needed.
   *
   * @return the appender DealHistory registered
   */
  public static Appender appender() {
    Appender a = appender;
    if (a == null) {
      try {
        Class.forName(DealHistory.class.getName(), true, DealHistory.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      a = appender;
      if (a == null) {
        throw new IllegalStateException("DealHistory registered no appender");
      }
    }
    return a;
  }
}
