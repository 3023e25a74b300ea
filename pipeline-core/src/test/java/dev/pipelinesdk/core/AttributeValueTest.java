package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttributeValueTest {

  @Test
  void aHugeExponentNumberIsRefusedAtCreationSoADealNeverHoldsOne() {
    // before: the attribute was accepted, and Deal.toString() (toPlainString) built a billion
    // digits or threw
    assertThatThrownBy(() -> AttributeValue.of(new BigDecimal("1e999999999")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number attribute 1E+999999999 has more than 30 integer digits");
    assertThatThrownBy(() -> AttributeValue.of(new BigDecimal("1e-999999999")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number attribute 1E-999999999 has more than 18 fraction digits");
    assertThatThrownBy(() -> Deal.builder().id(DealId.of("D-1")).title("Acme")
        .stage(StageId.of("a")).createdAt(Instant.EPOCH)
        .putAttribute("seats", AttributeValue.of(new BigDecimal("1e99999999"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 30 integer digits");
    assertThatThrownBy(() -> AttributeValue.of(1e300))
        .hasMessage("number attribute 1.0E+300 has more than 30 integer digits");
  }

  @Test
  void numbersWithinTheBoundKeepTheirValueAndDealToStringStaysShort() {
    BigDecimal largest = new BigDecimal("9".repeat(30) + "." + "9".repeat(18));
    AttributeValue big = AttributeValue.of(largest);
    assertThat(big).hasToString(largest.toPlainString());
    assertThat(AttributeValue.of(new BigDecimal("5E+29"))).hasToString("5" + "0".repeat(29));
    assertThat(AttributeValue.of(new BigDecimal("1.50000000000000000000000")))
        .as("trailing zeros are not digits").isEqualTo(AttributeValue.of(new BigDecimal("1.5")));
    assertThat(AttributeValue.of(new BigDecimal("0E+999999999")))
        .isEqualTo(AttributeValue.of(0));
    Deal deal = Deal.builder().id(DealId.of("D-1")).title("Acme").stage(StageId.of("a"))
        .createdAt(Instant.EPOCH).putAttribute("a", big)
        .putAttribute("b", AttributeValue.of(new BigDecimal("-1E+29"))).build();
    assertThat(deal.toString()).contains(largest.toPlainString()).hasSizeLessThan(300);
  }
}
