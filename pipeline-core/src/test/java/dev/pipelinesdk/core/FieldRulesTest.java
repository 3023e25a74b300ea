package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One rule per field, whatever the path that creates it: NewDeal, Deal.Builder, events. */
class FieldRulesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final DealId D1 = DealId.of("D-1");

  private static NewDeal.Builder newDeal() {
    return NewDeal.builder().id("D-1").title("Acme");
  }

  private static Deal.Builder deal() {
    return Deal.builder().id(D1).title("Acme").stage(StageId.of("a")).createdAt(T0);
  }

  /** Control characters (U+0001, U+0000), a bidi override (U+202E), a line separator. */
  @ParameterizedTest
  @ValueSource(strings = {"ab\u0001", "ab\u0000", "ab\u202E", "ab\u2028"})
  void titleAndAccountRefuseTheSameCharactersOnEveryPath(String bad) {
    String code = String.format("U+%04X", (int) bad.charAt(2));
    String title = "deal 'D-1': title contains " + code;
    String account = "deal 'D-1': account contains " + code;
    assertThatThrownBy(() -> newDeal().title(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(title)
        .hasMessageContaining("at index 2: 'ab?'");
    assertThatThrownBy(() -> newDeal().account(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(account);
    assertThatThrownBy(() -> deal().title(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(title);
    assertThatThrownBy(() -> deal().account(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(account);
    assertThatThrownBy(() -> deal().lostReason(bad).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("deal 'D-1': lost reason contains " + code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab\u0001", "ab\u0000", "ab\u202E", "ab\u200B", " ", ""})
  void ownersAndAttributeNamesAreIdsOnEveryPath(String bad) {
    assertThatThrownBy(() -> newDeal().owner(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deal 'D-1': owner");
    assertThatThrownBy(() -> deal().owner(bad).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deal 'D-1': owner");
    assertThatThrownBy(() -> new DealEvent.OwnerChanged(D1, T0, "ana", Optional.empty(),
        Optional.of(bad))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("owner");
    assertThatThrownBy(() -> new DealEvent.OwnerChanged(D1, T0, "ana", Optional.of(bad),
        Optional.of("ben"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("previous owner");
    AttributeValue v = AttributeValue.of(1);
    assertThatThrownBy(() -> newDeal().putAttribute(bad, v).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("deal 'D-1': attribute name");
    assertThatThrownBy(() -> deal().putAttribute(bad, v).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("deal 'D-1': attribute name");
    assertThatThrownBy(() -> new DealEvent.AttributeChanged(D1, T0, "ana", bad,
        Optional.empty(), Optional.of(v))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("attribute name");
    assertThatThrownBy(() -> LeadSource.cold(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lead source channel");
  }

  @Test
  void blankTextIsRefusedOnEveryPath() {
    assertThatThrownBy(() -> newDeal().title(" ").build()).hasMessage("deal 'D-1': title is blank");
    assertThatThrownBy(() -> newDeal().account("").build())
        .hasMessage("deal 'D-1': account is blank");
    assertThatThrownBy(() -> deal().title("\u2003").build())
        .hasMessage("deal 'D-1': title is blank");
    assertThatThrownBy(() -> deal().account(" ").build())
        .hasMessage("deal 'D-1': account is blank");
  }

  @Test
  void aNewDealListsEveryProblemAtOnce() {
    assertThatThrownBy(() -> newDeal().title("").account("a\u0001").owner(" ana")
        .putAttribute("x\u200B", AttributeValue.of(1)).manualProbability(2.0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'D-1': title is blank; "
            + "deal 'D-1': account contains U+0001 START OF HEADING at index 1: 'a?'; "
            + "deal 'D-1': owner has leading or trailing whitespace: ' ana'; "
            + "deal 'D-1': attribute name contains U+200B ZERO WIDTH SPACE at index 1: 'x?'; "
            + "deal 'D-1': manual probability is 2.0; it must be in [0, 1]");
  }

  @Test
  void aNaNManualProbabilityIsRefusedNotReadAsNoOverride() {
    // before: a NewDeal with OptionalDouble.of(NaN) created a deal without an override
    assertThatThrownBy(() -> newDeal().manualProbability(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal 'D-1': manual probability is NaN; it must be in [0, 1]");
    assertThatThrownBy(() -> newDeal().manualProbability(OptionalDouble.of(-0.5)).build())
        .hasMessage("deal 'D-1': manual probability is -0.5; it must be in [0, 1]");
    assertThatThrownBy(() -> deal().manualProbability(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> new DealEvent.ProbabilityOverridden(D1, T0, "ana",
        OptionalDouble.empty(), OptionalDouble.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThat(newDeal().manualProbability(0.3).build().manualProbability()).hasValue(0.3);
  }

  @Test
  void validTextAndIdsStillPassEveryPath() {
    NewDeal ok = newDeal().title("Acme \u2013 40 seats \u00e9").account("Acme GmbH")
        .owner("ana").putAttribute("seats", AttributeValue.of(40)).build();
    Deal created = Deal.created(ok, StageId.of("a"), T0);
    assertThat(created.title()).isEqualTo("Acme \u2013 40 seats \u00e9");
    assertThat(Deal.builder().from(created).build()).isEqualTo(created);
    assertThat(new DealEvent.OwnerChanged(D1, T0, "ana", Optional.of("ana"),
        Optional.of("ben")).owner()).contains("ben");
  }
}
