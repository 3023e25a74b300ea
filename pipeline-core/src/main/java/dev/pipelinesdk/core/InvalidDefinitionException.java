package dev.pipelinesdk.core;

import java.util.List;

/**
 * A pipeline definition (or one of its stages) is invalid. The message lists every problem found,
 * one per line, and {@link #problems()} returns them as a list.
 */
public final class InvalidDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Every problem found, in words, in the order found; an unmodifiable, non-empty list. */
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found, in words; not empty
   */
  public InvalidDefinitionException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<String> problems) {
    StringBuilder sb = new StringBuilder("invalid pipeline definition (")
        .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return sb.toString();
  }

  /** {@return every problem found, in words, in the order found} */
  public List<String> problems() {
    return problems;
  }
}
