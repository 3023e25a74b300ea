package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

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
        .hasMessage("stage id has leading or trailing whitespace: 'won\n'");
    assertThatThrownBy(() -> StageId.of("a\u0007b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage id contains a control character at index 1: 'a?b'");
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
}
