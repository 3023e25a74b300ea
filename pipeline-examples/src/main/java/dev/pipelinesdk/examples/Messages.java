package dev.pipelinesdk.examples;

import java.util.Locale;

/** How a value from a file is shown in a message: quoted, on one line, shortened. */
final class Messages {
  /** The most characters of a value shown: {@value}. */
  static final int SHOWN = 80;

  private Messages() {}

  /**
   * Quotes a value for a one-line message: {@code 'value'}, with line breaks, tabs and other
   * control, format and separator characters written as escapes ({@code \n}, {@code \t}, {@code
   * \u0085}) and anything past {@value #SHOWN} characters cut, saying how long the value is.
   *
   * @param value the value
   * @return the quoted value
   */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), SHOWN) + 2).append('\'');
    int shown = 0;
    for (int i = 0; i < value.length() && shown < SHOWN; ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      shown++;
      switch (cp) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (invisible(cp)) {
            sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    sb.append('\'');
    int length = value.codePointCount(0, value.length());
    if (length > SHOWN) {
      sb.insert(sb.length() - 1, "...").append(" (").append(length).append(" characters)");
    }
    return sb.toString();
  }

  private static boolean invisible(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
        return true;
      case Character.SPACE_SEPARATOR:
        return cp != ' ';
      default:
        return false;
    }
  }
}
