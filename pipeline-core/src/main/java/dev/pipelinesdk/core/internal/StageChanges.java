package dev.pipelinesdk.core.internal;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.StageId;
import org.jspecify.annotations.Nullable;

/**
 * The stages of a stage-change event, found by its concrete class.
 *
 * <p>Why not {@code e instanceof DealEvent.StageChanged}: on JDK 17 a type check against an
 * interface is answered from a one-entry cache per class; when the same event class is checked
 * against two interfaces in turn (every {@code List<DealEvent>.get} casts to {@code DealEvent},
 * then the check asks for {@code StageChanged}) each check misses and scans the class's secondary
 * supers, which made that line the hottest of the engine and of every metric over histories.
 * Checks against the (final) event classes are one compare each.
 */
public final class StageChanges {
  private StageChanges() {}

  /**
   * The stage a stage-change event enters.
   *
   * @param e an event
   * @return its {@code to()} stage, or null if it is not a stage change
   */
  public static @Nullable StageId to(DealEvent e) {
    if (e instanceof DealEvent.Moved) {
      return ((DealEvent.Moved) e).to();
    } else if (e instanceof DealEvent.Won) {
      return ((DealEvent.Won) e).to();
    } else if (e instanceof DealEvent.Lost) {
      return ((DealEvent.Lost) e).to();
    } else if (e instanceof DealEvent.WentDormant) {
      return ((DealEvent.WentDormant) e).to();
    } else if (e instanceof DealEvent.Reopened) {
      return ((DealEvent.Reopened) e).to();
    }
    return null;
  }

  /**
   * The stage a stage-change event leaves.
   *
   * @param e an event
   * @return its {@code from()} stage, or null if it is not a stage change
   */
  public static @Nullable StageId from(DealEvent e) {
    if (e instanceof DealEvent.Moved) {
      return ((DealEvent.Moved) e).from();
    } else if (e instanceof DealEvent.Won) {
      return ((DealEvent.Won) e).from();
    } else if (e instanceof DealEvent.Lost) {
      return ((DealEvent.Lost) e).from();
    } else if (e instanceof DealEvent.WentDormant) {
      return ((DealEvent.WentDormant) e).from();
    } else if (e instanceof DealEvent.Reopened) {
      return ((DealEvent.Reopened) e).from();
    }
    return null;
  }
}
