package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsTest {
  @Test
  void validStageIds() {
    assertThat(StageId.of("qualification")).isEqualTo(new StageId("qualification"))
        .hasToString("qualification").hasSameHashCodeAs(StageId.of("qualification"));
    assertThat(StageId.of("Won")).as("case-sensitive").isNotEqualTo(StageId.of("won"));
    assertThat(StageId.of("stage with inner spaces").value()).isEqualTo("stage with inner spaces");
    assertThat(StageId.of("x".repeat(200)).value()).hasSize(200);
    assertThat(List.of(StageId.of("b"), StageId.of("a"), StageId.of("B")).stream().sorted())
        .containsExactly(StageId.of("B"), StageId.of("a"), StageId.of("b"));
  }

  @Test
  void invalidStageIds() {
    assertThatThrownBy(() -> StageId.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id is blank: ''");
    assertThatThrownBy(() -> StageId.of("\t ")).hasMessage("stage id is blank: '\t '");
    assertThatThrownBy(() -> StageId.of(" won")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id has leading or trailing whitespace: ' won'");
    assertThatThrownBy(() -> StageId.of("won\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id contains U+000A LINE FEED (LF) at index 3: 'won?'");
    assertThatThrownBy(() -> StageId.of("a\u0007b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id contains U+0007 BEL at index 1: 'a?b'");
    assertThatThrownBy(() -> StageId.of("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id is longer than 200 characters: '" + "x".repeat(20) + "...'");
    assertThatThrownBy(() -> StageId.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("stage id is null");
  }

  @Test
  void dealIdsFollowTheSameRules() {
    assertThat(DealId.of("D-1")).isEqualTo(new DealId("D-1")).hasToString("D-1");
    assertThat(DealId.of("D-1").compareTo(DealId.of("D-2"))).isNegative();
    assertThatThrownBy(() -> DealId.of(" D-1")).hasMessage(
        "deal id has leading or trailing whitespace: ' D-1'");
    assertThatThrownBy(() -> DealId.of("")).hasMessage("deal id is blank: ''");
  }

  /** Every path that takes an id, with the name its message uses. */
  private static final List<Object[]> ID_PATHS = List.of(
      new Object[] {"stage id", (Consumer<String>) StageId::of},
      new Object[] {"deal id", (Consumer<String>) DealId::of},
      new Object[] {"attribute name", (Consumer<String>) name -> new DealEvent.AttributeChanged(
          DealId.of("D-1"), Instant.EPOCH, "ana", name, Optional.empty(),
          Optional.of(AttributeValue.of(true)))},
      new Object[] {"actor", (Consumer<String>) actor -> new DealEvent.Moved(
          DealId.of("D-1"), Instant.EPOCH, actor, StageId.of("a"), StageId.of("b"))});

  @ParameterizedTest(name = "U+{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      200B | ZERO WIDTH SPACE
      FEFF | ZERO WIDTH NO-BREAK SPACE
      202E | RIGHT-TO-LEFT OVERRIDE
      2066 | LEFT-TO-RIGHT ISOLATE
      00AD | SOFT HYPHEN
      00A0 | NO-BREAK SPACE
      2003 | EM SPACE
      3000 | IDEOGRAPHIC SPACE
      2028 | LINE SEPARATOR
      2029 | PARAGRAPH SEPARATOR
      0085 | NEXT LINE (NEL)
      0001 | START OF HEADING
      007F | DELETE
      D800 | unpaired surrogate
      DC00 | unpaired surrogate
      """)
  void idsRefuseInvisibleCharactersNamingCodePointNameAndIndex(String hex, String name) {
    String bad = "ab" + (char) Integer.parseInt(hex, 16) + "c";
    for (Object[] path : ID_PATHS) {
      String what = (String) path[0];
      @SuppressWarnings("unchecked")
      Consumer<String> make = (Consumer<String>) path[1];
      assertThatThrownBy(() -> make.accept(bad)).as(what)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(what + " contains U+" + hex + " " + name + " at index 2: 'ab?c'");
      assertThatThrownBy(() -> make.accept(bad.substring(2))).as(what + " first")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("U+" + hex);
    }
  }

  @Test
  void idsAcceptPrintableUnicodeInnerSpacesAndSurrogatePairs() {
    assertThat(StageId.of("Qualifizierung \u2013 Phase 2").value()).contains("\u2013");
    assertThat(StageId.of("\u5546\u8ac7 \u6e08\u307f").value()).hasSize(5);
    assertThat(DealId.of("deal-\uD83D\uDE80").value()).as("a rocket: a paired surrogate")
        .endsWith("\uD83D\uDE80");
    assertThat(StageId.of("\u00e9t\u00e9").value()).hasSize(3);
    assertThatThrownBy(() -> StageId.of("\uD83Dx")).hasMessage(
        "stage id contains U+D83D unpaired surrogate at index 0: '?x'");
  }
}
