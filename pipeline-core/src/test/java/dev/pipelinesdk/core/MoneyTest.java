package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency JPY = Currency.getInstance("JPY");

  @Test
  void scaleIsNormalisedToTheCurrencyAndEqualityIgnoresTrailingZeros() {
    assertThat(Money.of("10", "EUR")).isEqualTo(Money.of("10.00", "EUR"))
        .isEqualTo(Money.of("10.0000", "EUR")).isEqualTo(Money.of(new BigDecimal("1E+1"), EUR))
        .hasSameHashCodeAs(Money.of("10.000", "EUR"));
    assertThat(Money.of("10", "EUR").amount().scale()).isEqualTo(2);
    assertThat(Money.of("10.5", "EUR")).hasToString("10.50 EUR");
    assertThat(Money.of(" 1250.5 ", "EUR")).hasToString("1250.50 EUR");
    assertThat(Money.of("10.125", "EUR")).as("extra precision is kept, not rounded")
        .hasToString("10.125 EUR");
    assertThat(Money.of("100", "JPY")).hasToString("100 JPY").isEqualTo(Money.of("100.0", "JPY"));
    assertThat(Money.of("0.000", "EUR")).isEqualTo(Money.zero(EUR)).hasToString("0.00 EUR");
    assertThat(Money.zero(EUR).isZero()).isTrue();
    assertThat(Money.of("0.01", "EUR").isZero()).isFalse();
    assertThat(Money.of("10", "EUR")).isNotEqualTo(Money.of("10", "USD"));
  }

  @Test
  void minorUnits() {
    assertThat(Money.ofMinor(1234, EUR)).isEqualTo(Money.of("12.34", "EUR"));
    assertThat(Money.ofMinor(1234, JPY)).isEqualTo(Money.of("1234", "JPY"));
    assertThatThrownBy(() -> Money.ofMinor(-1, EUR)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is negative: -0.01 EUR");
  }

  @Test
  void arithmetic() {
    assertThat(Money.of("10.10", "EUR").plus(Money.of("0.9", "EUR")))
        .isEqualTo(Money.of("11", "EUR"));
    assertThat(Money.of("100", "EUR").times(0.155)).isEqualTo(Money.of("15.50", "EUR"));
    assertThat(Money.of("0.05", "EUR").times(0.5)).as("half-even to the cent")
        .isEqualTo(Money.of("0.02", "EUR"));
    assertThat(Money.of("0.15", "EUR").times(0.5)).isEqualTo(Money.of("0.08", "EUR"));
    assertThat(Money.of("7", "JPY").times(0.5)).isEqualTo(Money.of("4", "JPY"));
    assertThat(Money.of("10", "EUR").times(0)).isEqualTo(Money.zero(EUR));
    assertThat(Money.of("10", "EUR")).isLessThan(Money.of("10.01", "EUR"));
    assertThatThrownBy(() -> Money.of("1", "EUR").times(-0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("factor must be finite and non-negative: -0.5");
    assertThatThrownBy(() -> Money.of("1", "EUR").times(Double.POSITIVE_INFINITY))
        .hasMessage("factor must be finite and non-negative: Infinity");
  }

  @Test
  void currenciesNeverMix() {
    Money eur = Money.of("1", "EUR");
    Money usd = Money.of("1", "USD");
    String message = "currency mismatch: 1.00 EUR and 1.00 USD; convert explicitly before combining";
    assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> eur.compareTo(usd)).hasMessage(message);
    assertThatThrownBy(() -> eur.requireSameCurrency(usd)).hasMessage(message);
    eur.requireSameCurrency(Money.of("5", "EUR"));
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> Money.of("-0.01", "EUR")).hasMessage("amount is negative: -0.01 EUR");
    assertThatThrownBy(() -> Money.of("1,50", "EUR")).hasMessage("amount is not a number: '1,50'");
    assertThatThrownBy(() -> Money.of("NaN", "EUR")).hasMessage("amount is not a number: 'NaN'");
    assertThatThrownBy(() -> Money.currency("eur")).hasMessage("unknown currency code: 'eur'");
    assertThatThrownBy(() -> Money.of((BigDecimal) null, EUR))
        .isInstanceOf(NullPointerException.class).hasMessage("amount is null");
    assertThatThrownBy(() -> Money.of(BigDecimal.ONE, null))
        .isInstanceOf(NullPointerException.class).hasMessage("currency is null");
  }
}
