package dev.pipelinesdk.core;

import java.util.Objects;

/**
 * One touch with the customer: a call, an email, a meeting.
 *
 * @param channel how
 * @param direction who reached out
 * @param result what came of it
 */
public record Touch(Channel channel, Direction direction, Result result) {

  /** How the touch happened. */
  public enum Channel {
    /** A phone or video call. */
    CALL,
    /** An email. */
    EMAIL,
    /** A meeting in person or online. */
    MEETING,
    /** A chat or text message. */
    MESSAGE,
    /** A social network interaction. */
    SOCIAL,
    /** An event, fair or webinar. */
    EVENT,
    /** Anything else. */
    OTHER
  }

  /** Who reached out. */
  public enum Direction {
    /** The team reached out to the customer. */
    OUTBOUND,
    /** The customer reached out or replied. */
    INBOUND
  }

  /** What came of a touch. */
  public enum Result {
    /** It happened; nothing more to say. */
    COMPLETED,
    /** Nobody answered, no reply. */
    NO_RESPONSE,
    /** The customer replied. */
    REPLIED,
    /** A next step was agreed. */
    NEXT_STEP_AGREED,
    /** The customer declined. */
    DECLINED
  }

  /**
   * Checks the touch.
   *
   * @param channel how
   * @param direction who reached out
   * @param result what came of it
   * @throws NullPointerException if any of {@code channel}, {@code direction} or {@code result} is
   *     null
   */
  public Touch {
    Objects.requireNonNull(channel, "channel is null");
    Objects.requireNonNull(direction, "direction is null");
    Objects.requireNonNull(result, "result is null");
  }

  /**
   * An outbound touch.
   *
   * @param channel how
   * @param result what came of it
   * @return the touch
   */
  public static Touch outbound(Channel channel, Result result) {
    return new Touch(channel, Direction.OUTBOUND, result);
  }

  /**
   * An inbound touch (the customer reached out or replied).
   *
   * @param channel how
   * @param result what came of it
   * @return the touch
   */
  public static Touch inbound(Channel channel, Result result) {
    return new Touch(channel, Direction.INBOUND, result);
  }
}
