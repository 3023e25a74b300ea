package dev.pipelinesdk.examples;

/**
 * Input a person has to fix: a bad row or column of a stage-history file, an unknown template.
 * The message names the file, the line and the offending value ({@code events.csv:7: unknown
 * stage 'negotiation' ...}); the command line prints it and exits with code 2, never with a
 * stack trace.
 */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the whole message, naming file, line and value
   */
  public BadInputException(String message) {
    super(message);
  }
}
