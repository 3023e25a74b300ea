package dev.pipelinesdk.core.internal;

import java.util.Objects;

/** Argument checks shared by the value types; messages always name the offending value. */
public final class Checks {
  private static final int MAX_ID_LENGTH = 200;

  private Checks() {}

  /**
   * Checks an identifier: not null, not blank, no surrounding whitespace, no control characters,
   * at most 200 characters.
   *
   * @param what what the identifier is, for the message ("stage id")
   * @param value the candidate
   * @return {@code value}
   */
  public static String id(String what, String value) {
    if (value == null) { // not requireNonNull(value, supplier): the lambda would allocate per call
      throw new NullPointerException(what + " is null");
    }
    if (!isValidId(value)) {
      throw new IllegalArgumentException(idProblem(what, value));
    }
    return value;
  }

  /**
   * Whether {@link #idProblem} would find nothing: one pass, no allocation, and no pass at all
   * for a string recently found valid (ids are checked on every event).
   *
   * @param value the candidate, not null
   * @return whether it is a valid identifier
   */
  public static boolean isValidId(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_ID_LENGTH) {
      return false; // before hashing: a huge string is refused without reading it
    }
    int slot = value.hashCode() & (VALID.length - 1);
    if (VALID[slot] == value) {
      return true;
    }
    if (!scanId(value)) {
      return false;
    }
    VALID[slot] = value;
    return true;
  }

  /**
   * Strings recently found to be valid ids, by identity: the engine checks the same actor string
   * on every event it records. Racy on purpose and safe: a string is immutable and published
   * through final fields, a reference store is atomic, so a thread sees either a valid string or
   * something else and then scans; the array holds at most 256 strings.
   */
  private static final String[] VALID = new String[256];

  /** The rule itself, for a string of 1 to 200 characters. */
  private static boolean scanId(String value) {
    int n = value.length();
    char first = value.charAt(0);
    char last = value.charAt(n - 1);
    if ((first <= ' ' || first >= 0x7f) && Character.isWhitespace(first)
        || (last <= ' ' || last >= 0x7f) && Character.isWhitespace(last)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) { // Character.isISOControl
        return false;
      }
    }
    return true;
  }

  /**
   * Returns what is wrong with an identifier, or {@code null} if nothing is.
   *
   * @param what what the identifier is, for the message
   * @param value the candidate, not null
   * @return the problem in words, or null
   */
  public static @org.jspecify.annotations.Nullable String idProblem(String what, String value) {
    if (isValidId(value)) {
      return null;
    }
    if (value.isBlank()) {
      return what + " is blank: '" + value + "'";
    }
    if (!value.strip().equals(value)) {
      return what + " has leading or trailing whitespace: '" + value + "'";
    }
    if (value.length() > MAX_ID_LENGTH) {
      return what + " is longer than " + MAX_ID_LENGTH + " characters: '"
          + value.substring(0, 20) + "...'";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return what + " contains a control character at index " + i + ": '"
            + value.replaceAll("\\p{Cntrl}", "?") + "'";
      }
    }
    return null;
  }

  /**
   * Returns what is wrong with a probability, or {@code null} if it is in [0, 1].
   *
   * @param what what the probability is, for the message
   * @param p the candidate
   * @return the problem in words, or null
   */
  public static @org.jspecify.annotations.Nullable String probabilityProblem(String what, double p) {
    if (Double.isNaN(p)) {
      return what + " is NaN; it must be in [0, 1]";
    }
    if (p < 0.0 || p > 1.0) {
      return what + " is " + p + "; it must be in [0, 1]";
    }
    return null;
  }

  /**
   * Checks a probability is in [0, 1] and not NaN.
   *
   * @param what what the probability is, for the message
   * @param p the candidate
   * @return {@code p}
   */
  public static double probability(String what, double p) {
    String problem = probabilityProblem(what, p);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return p;
  }

  /**
   * Checks a free-text value (a name, a title) is not null and not blank.
   *
   * @param what what the text is, for the message
   * @param value the candidate
   * @return {@code value}
   */
  public static String text(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what + " is null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value;
  }
}
