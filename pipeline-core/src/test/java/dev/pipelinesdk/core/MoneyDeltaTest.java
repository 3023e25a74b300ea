package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyDeltaTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");

  @Test
  void aDeltaIsASignedDifferenceAtTheCurrencysScale() {
    assertThat(MoneyDelta.between(Money.of("800", "EUR"), Money.of("2000", "EUR")))
        .hasToString("+1200.00 EUR").isEqualTo(MoneyDelta.of("1200", "EUR"));
    assertThat(MoneyDelta.between(Money.of("10", "EUR"), Money.of("5", "EUR")))
        .hasToString("-5.00 EUR");
    assertThat(MoneyDelta.zero(EUR)).hasToString("0.00 EUR").isEqualTo(MoneyDelta.of("0", "EUR"));
    assertThat(MoneyDelta.zero(EUR).isZero()).isTrue();
    assertThat(MoneyDelta.of("-5", "EUR").signum()).isEqualTo(-1);
    assertThat(MoneyDelta.of("-5", "EUR").negate()).isEqualTo(MoneyDelta.of("5.00", "EUR"));
    assertThat(MoneyDelta.of("-5", "EUR").plus(MoneyDelta.of("7.5", "EUR")))
        .hasToString("+2.50 EUR");
    assertThat(MoneyDelta.of(new BigDecimal("-1E+3"), JPY)).hasToString("-1000 JPY");
    assertThat(MoneyDelta.of("-0.00", "EUR")).hasToString("0.00 EUR");
  }

  @Test
  void theBoundsAndCurrencyRulesOfMoneyApply() {
    assertThatThrownBy(() -> MoneyDelta.of("-1e999999999", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount '-1e999999999' EUR has more than 30 integer digits");
    assertThatThrownBy(() -> MoneyDelta.of("-0.5", "JPY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("amount '-0.5' has more decimals than JPY allows (0)");
    assertThatThrownBy(() -> MoneyDelta.between(Money.of("1", "EUR"), Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("currency mismatch: 1.00 EUR and 1.00 USD; convert explicitly before"
            + " combining");
    assertThatThrownBy(() -> MoneyDelta.zero(EUR).plus(MoneyDelta.zero(JPY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("currency mismatch: 0.00 EUR and 0 JPY; convert explicitly before combining");
  }

  @Test
  void fromPlusBetweenIsTo() {
    qt().forAll(longs().between(0, 1_000_000_000L), longs().between(0, 1_000_000_000L))
        .checkAssert((a, b) -> {
          Money from = Money.ofMinor(a, EUR);
          Money to = Money.ofMinor(b, EUR);
          MoneyDelta d = MoneyDelta.between(from, to);
          assertThat(from.amount().add(d.amount())).isEqualByComparingTo(to.amount());
          assertThat(d.negate()).isEqualTo(MoneyDelta.between(to, from));
          assertThat(d.plus(d.negate()).isZero()).isTrue();
          assertThat(d.signum()).isEqualTo(Long.signum(b - a));
        });
  }
}
