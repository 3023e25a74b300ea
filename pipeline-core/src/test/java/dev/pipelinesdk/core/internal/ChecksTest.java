package dev.pipelinesdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The id and text checks agree with their rules in words, for any string. */
class ChecksTest {

  /** The id rule in words: what {@link Checks#isValidId} must decide. */
  private static boolean rule(String s) {
    return !s.isEmpty() && s.length() <= 200 && !s.isBlank() && s.strip().equals(s)
        && s.codePoints().noneMatch(cp -> {
          int type = Character.getType(cp);
          return type == Character.CONTROL || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
              || type == Character.SURROGATE
              || type == Character.SPACE_SEPARATOR && cp != ' ';
        });
  }

  @Test
  void isValidIdFollowsTheRuleOnFirstAndRepeatedChecks() {
    qt().withExamples(3000)
        .forAll(strings().betweenCodePoints(0, 0xFFFF).ofLengthBetween(0, 210))
        .checkAssert(s -> {
          boolean expected = rule(s);
          assertThat(Checks.isValidId(s)).as("first check of '%s'", s).isEqualTo(expected);
          assertThat(Checks.isValidId(s)).as("second check of '%s'", s).isEqualTo(expected);
          String copy = new String(s.toCharArray()); // equal text, another instance
          assertThat(Checks.isValidId(copy)).isEqualTo(expected);
          assertThat(Checks.idProblem("id", s) == null).isEqualTo(expected);
        });
  }

  @Test
  void isValidIdFollowsTheRuleForMostlyAsciiIdsWithOneOddCharacter() {
    qt().withExamples(3000)
        .forAll(strings().ascii().ofLengthBetween(0, 20),
            strings().betweenCodePoints(0x7f, 0x3100).ofLength(1),
            strings().ascii().ofLengthBetween(0, 20))
        .checkAssert((a, odd, b) -> {
          String s = a + odd + b;
          assertThat(Checks.isValidId(s)).as("'%s'", s).isEqualTo(rule(s));
          assertThat(Checks.idProblem("id", s) == null).isEqualTo(rule(s));
        });
  }

  @Test
  void anInvalidIdStaysInvalidWhatEverWasCheckedBefore() {
    String valid = "ana";
    String invalid = " ana";
    for (int i = 0; i < 3; i++) {
      assertThat(Checks.isValidId(valid)).isTrue();
      assertThat(Checks.isValidId(invalid)).isFalse();
      assertThat(Checks.isValidId("ana\u0007")).isFalse();
      assertThat(Checks.isValidId("ana\u200B")).isFalse();
    }
  }

  @Test
  void checksHoldNoStaticStateOfUserStrings() {
    // the old identity cache of valid ids (a static String[256]) was written by every check,
    // including those of commands that were then rejected
    assertThat(Arrays.stream(Checks.class.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()))
            .filter(f -> !f.getType().isPrimitive() || !Modifier.isFinal(f.getModifiers())))
        .extracting(Field::getName).isEmpty();
  }

  @Test
  void textRefusesControlBidiAndSeparatorCharactersNamingFieldCodePointAndIndex() {
    assertThat(Checks.text("title", "Acme \u2013 40 seats, \u00e9t\u00e9 \uD83D\uDE80"))
        .startsWith("Acme");
    assertThatThrownBy(() -> Checks.text("title", "ab\u0001c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("title contains U+0001 START OF HEADING at index 2: 'ab?c'");
    assertThatThrownBy(() -> Checks.text("title", "\u0000"))
        .hasMessage("title contains U+0000 NULL at index 0: '?'");
    assertThatThrownBy(() -> Checks.text("account", "Acme\u202E"))
        .hasMessage("account contains U+202E RIGHT-TO-LEFT OVERRIDE at index 4: 'Acme?'");
    assertThatThrownBy(() -> Checks.text("account", "a\u2067b"))
        .hasMessage("account contains U+2067 RIGHT-TO-LEFT ISOLATE at index 1: 'a?b'");
    assertThatThrownBy(() -> Checks.text("title", "a\u2028b"))
        .hasMessage("title contains U+2028 LINE SEPARATOR at index 1: 'a?b'");
    assertThatThrownBy(() -> Checks.text("title", "a\nb"))
        .hasMessageStartingWith("title contains U+000A");
    assertThatThrownBy(() -> Checks.text("title", "  ")).hasMessage("title is blank");
    assertThatThrownBy(() -> Checks.text("title", "")).hasMessage("title is blank");
    assertThatThrownBy(() -> Checks.text("title", null))
        .isInstanceOf(NullPointerException.class).hasMessage("title is null");
    assertThat(Checks.text("title", "x".repeat(1000))).hasSize(1000);
    assertThatThrownBy(() -> Checks.text("title", "x".repeat(1001)))
        .hasMessage("title is longer than 1000 characters (1001): '" + "x".repeat(20) + "...'");
  }

  @Test
  void textProblemFindsAProblemExactlyWhenTheRuleInWordsDoes() {
    qt().withExamples(2000)
        .forAll(strings().betweenCodePoints(0, 0x2100).ofLengthBetween(0, 40))
        .checkAssert(s -> {
          boolean ok = !s.isBlank() && s.chars().noneMatch(c -> Character.isISOControl(c)
              || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
              || c == 0x2028 || c == 0x2029);
          assertThat(Checks.textProblem("t", s) == null).as("'%s'", s).isEqualTo(ok);
        });
  }
}
