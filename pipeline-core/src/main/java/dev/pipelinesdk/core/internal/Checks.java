package dev.pipelinesdk.core.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the value types; messages always name the offending value. */
public final class Checks {
  private static final int MAX_ID_LENGTH = 200;

  /** The longest free text (a title, an account, a lost reason), in UTF-16 chars: {@value}. */
  public static final int MAX_TEXT_LENGTH = 1000;

  private Checks() {}

  /**
   * Checks an identifier: not null, not blank, no surrounding whitespace, at most 200 characters,
   * and no invisible or ambiguous character: no control character (Unicode category Cc, which
   * includes U+0085), no format character (Cf, such as U+200B ZERO WIDTH SPACE, U+FEFF or the
   * bidi override U+202E), no space other than U+0020 (Zs such as U+00A0, Zl U+2028, Zp U+2029)
   * and no unpaired surrogate.
   *
   * @param what what the identifier is, for the message ("stage id")
   * @param value the candidate
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException naming the value (and the refused code point, its name and
   *     index) if it is not a valid identifier
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
   * Whether {@link #idProblem} would find nothing. Allocates nothing; an ASCII id is checked by
   * one plain loop over its chars.
   *
   * @param value the candidate, not null
   * @return whether it is a valid identifier
   */
  public static boolean isValidId(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_ID_LENGTH) {
      return false; // a huge string is refused without reading it
    }
    if (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20) {
        return false;
      }
      if (c >= 0x7f) {
        return refusedInId(value, i) < 0; // the rest needs the Unicode categories
      }
    }
    return true;
  }

  /**
   * The index of the first code point at or after {@code from} that an id may not contain, or -1.
   * Surrounding U+0020 spaces are checked by the caller; every other whitespace is refused here.
   */
  private static int refusedInId(String value, int from) {
    int n = value.length();
    int i = from;
    while (i < n) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        i++;
        continue;
      }
      int cp = value.codePointAt(i);
      if (refusedInId(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  private static boolean refusedInId(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL: // Cc, U+0000-U+001F, U+007F-U+009F (so U+0085 NEXT LINE)
      case Character.FORMAT: // Cf: U+200B, U+FEFF, U+202A-U+202E, U+2066-U+2069, ...
      case Character.LINE_SEPARATOR: // Zl
      case Character.PARAGRAPH_SEPARATOR: // Zp
      case Character.SURROGATE: // only unpaired ones: a pair is read as one code point
        return true;
      case Character.SPACE_SEPARATOR: // Zs
        return cp != ' ';
      default:
        return false;
    }
  }

  /**
   * Returns what is wrong with an identifier, or {@code null} if nothing is. A refused character
   * is named by code point, Unicode name and index, such as {@code stage id contains U+200B ZERO
   * WIDTH SPACE at index 2: 'ab?c'}, with every refused character shown as {@code ?}.
   *
   * @param what what the identifier is, for the message
   * @param value the candidate, not null
   * @return the problem in words, or null
   */
  public static @Nullable String idProblem(String what, String value) {
    if (isValidId(value)) {
      return null;
    }
    if (value.isBlank()) {
      return what + " is blank: '" + value + "'";
    }
    if (value.length() > MAX_ID_LENGTH) {
      return what + " is longer than " + MAX_ID_LENGTH + " characters: '"
          + safe(value.substring(0, 20), true) + "...'";
    }
    int at = refusedInId(value, 0);
    if (at >= 0) {
      return what + " contains " + describe(value, at) + " at index " + at + ": '"
          + safe(value, true) + "'";
    }
    // what is left: a U+0020 space at one end (every other whitespace is refused above)
    return what + " has leading or trailing whitespace: '" + value + "'";
  }

  /**
   * Returns what is wrong with a free-text value (a title, an account, a lost reason), or
   * {@code null} if nothing is: it must not be blank, must not contain a control character
   * (Unicode category Cc, such as U+0000, U+0001, a tab or a line break), a bidi control
   * (U+202A-U+202E, U+2066-U+2069) or a line or paragraph separator (U+2028, U+2029), and must
   * have at most {@value #MAX_TEXT_LENGTH} characters.
   *
   * @param what what the text is, for the message ("title")
   * @param value the candidate, not null
   * @return the problem in words, naming the field and, for a refused character, its code point,
   *     name and index; or null
   */
  public static @Nullable String textProblem(String what, String value) {
    int n = value.length();
    if (n > MAX_TEXT_LENGTH) {
      return what + " is longer than " + MAX_TEXT_LENGTH + " characters (" + n + "): '"
          + safe(value.substring(0, 20), false) + "...'";
    }
    boolean blank = true;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c > ' ' && c < 0x7f) {
        blank = false;
        continue;
      }
      if (refusedInText(c)) {
        return what + " contains " + describe(value, i) + " at index " + i + ": '"
            + safe(value, false) + "'";
      }
      if (blank && !Character.isWhitespace(c)) {
        blank = false;
      }
    }
    return blank ? what + " is blank" : null;
  }

  private static boolean refusedInText(char c) {
    return c < 0x20 || c >= 0x7f && c <= 0x9f // Cc
        || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 // bidi controls
        || c == 0x2028 || c == 0x2029; // Zl, Zp
  }

  /**
   * Checks a free-text value (see {@link #textProblem}).
   *
   * @param what what the text is, for the message
   * @param value the candidate
   * @return {@code value}
   * @throws NullPointerException naming the field if {@code value} is null
   * @throws IllegalArgumentException naming the field and the problem
   */
  public static String text(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what + " is null");
    }
    String problem = textProblem(what, value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return value;
  }

  /** {@return "U+200B ZERO WIDTH SPACE" for the code point at {@code index}} */
  private static String describe(String value, int index) {
    int cp = value.codePointAt(index);
    String name = Character.getType(cp) == Character.SURROGATE ? "unpaired surrogate"
        : Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X %s", cp, name == null ? "(unnamed)" : name);
  }

  /** The value with each refused character replaced by {@code ?}, so a message prints safely. */
  private static String safe(String value, boolean asId) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      boolean refused = asId ? refusedInId(cp)
          : cp <= 0xffff && refusedInText((char) cp) || Character.getType(cp) == Character.FORMAT;
      if (refused) {
        sb.append('?');
      } else {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /** The most integer digits a decimal (an amount, a number attribute) may have: {@value}. */
  public static final int MAX_INTEGER_DIGITS = 30;

  /** The most fraction digits a decimal may have, trailing zeros aside: {@value}. */
  public static final int MAX_FRACTION_DIGITS = 18;

  /**
   * Returns what is wrong with the size of a decimal, or {@code null} if it has at most {@value
   * #MAX_INTEGER_DIGITS} integer and {@value #MAX_FRACTION_DIGITS} fraction digits (trailing zeros
   * do not count). Reads only precision and scale, so {@code 1e999999999} is judged at once,
   * before anything (toPlainString, setScale, stripTrailingZeros) would build its digits.
   *
   * @param value the candidate
   * @return "more than 30 integer digits", "more than 18 fraction digits", or null
   */
  public static @Nullable String decimalSizeProblem(java.math.BigDecimal value) {
    if (value.signum() == 0) {
      return null; // zero is small whatever its exponent
    }
    int scale = value.scale();
    if ((long) value.precision() - scale > MAX_INTEGER_DIGITS) {
      return "more than " + MAX_INTEGER_DIGITS + " integer digits";
    }
    // the strip is cheap here: at most 30 integer digits, and a huge scale means few digits
    if (scale > MAX_FRACTION_DIGITS && value.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
      return "more than " + MAX_FRACTION_DIGITS + " fraction digits";
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
  public static @Nullable String probabilityProblem(String what, double p) {
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
   * @throws IllegalArgumentException naming the value if it is NaN or outside [0, 1]
   */
  public static double probability(String what, double p) {
    String problem = probabilityProblem(what, p);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return p;
  }
}
