package dev.pipelinesdk.core;

/**
 * An event does not fit the deal it is applied to: another deal's event, an event earlier than
 * the deal's latest one, a move from a stage the deal is not in, a previous value that does not
 * match. The message names the event (and its position, when thrown by {@link DealHistory}).
 */
public final class InvalidHistoryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the event
   */
  public InvalidHistoryException(String message) {
    super(message);
  }
}
