package dev.pipelinesdk.files;

import java.util.List;
import java.util.Objects;

/**
 * A definition file that cannot be read: missing or unreadable, not JSON (or YAML), or holding
 * problems, every one of them. Each {@linkplain #problems() problem} is one line that names the
 * file (or the source the text was given as), where in it (the JSON path, or the line and
 * column where the text stops being JSON) and the offending value:
 *
 * <pre>
 * acme.yaml: $.stages[2].kind: unknown stage kind 'closed'; known: open, won, lost
 * acme.yaml: stage 'decision' has no way out
 * </pre>
 *
 * <p>The message is the problems, one per line, as a command line prints them.
 */
public final class DefinitionFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What the text was called in the problems: a file name or the caller's source. */
  private final String source;
  /** Every problem, one line each, in the order found; unmodifiable and not empty. */
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param source what the text is called in the problems
   * @param problems every problem, one line each, naming the source; not empty
   * @param cause the failure of reading, if any
   * @throws IllegalArgumentException if there is no problem
   */
  DefinitionFileException(String source, List<String> problems, Throwable cause) {
    super(String.join("\n", problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a definition file exception needs a problem");
    }
    this.source = Objects.requireNonNull(source, "source is null");
    this.problems = List.copyOf(problems);
  }

  /** {@return what the text was called in the problems: the file's name or the given source} */
  public String source() {
    return source;
  }

  /** {@return every problem, one line each, each naming the source, in the order found} */
  public List<String> problems() {
    return problems;
  }
}
