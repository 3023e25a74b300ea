package dev.pipelinesdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** The id check, with its identity cache of valid ids, agrees with the rule in words. */
class ChecksTest {

  private static boolean rule(String s) {
    return !s.isEmpty() && s.length() <= 200 && !s.isBlank() && s.strip().equals(s)
        && s.chars().noneMatch(Character::isISOControl);
  }

  @Test
  void isValidIdFollowsTheRuleOnFirstAndRepeatedChecks() {
    qt().withExamples(2000)
        .forAll(strings().betweenCodePoints(0, 0x2100).ofLengthBetween(0, 210))
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
  void anInvalidIdStaysInvalidWhatEverWasCheckedBefore() {
    String valid = "ana";
    String invalid = " ana";
    for (int i = 0; i < 3; i++) {
      assertThat(Checks.isValidId(valid)).isTrue();
      assertThat(Checks.isValidId(invalid)).isFalse();
      assertThat(Checks.isValidId("ana\u0007")).isFalse();
    }
  }
}
