package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
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
    assertThat(Money.of("10.1200", "EUR")).as("trailing zeros are not decimals")
        .hasToString("10.12 EUR");
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
    // 17 decimals times cents is 19 decimals, more than an amount may have before rounding
    assertThat(Money.of("100.01", "EUR").times(0.12345678901234567))
        .isEqualTo(Money.of("12.35", "EUR"));
    assertThat(Money.of("0.05", "EUR").times(0.5)).as("half-even to the cent")
        .isEqualTo(Money.of("0.02", "EUR"));
    assertThat(Money.of("0.15", "EUR").times(0.5)).isEqualTo(Money.of("0.08", "EUR"));
    assertThat(Money.of("7", "JPY").times(0.5)).isEqualTo(Money.of("4", "JPY"));
    assertThat(Money.of("10", "EUR").times(0)).isEqualTo(Money.zero(EUR));
    assertThat(Money.byAmount().compare(Money.of("10", "EUR"), Money.of("10.01", "EUR")))
        .isNegative();
    assertThat(Money.of("0.01", "EUR").times(1.0 / 3)).isEqualTo(Money.zero(EUR));
    assertThat(Money.of("10", "EUR").times(0.3333)).hasToString("3.33 EUR");
    assertThat(Money.of("3", "JPY").times(0.5)).as("half-even to the yen")
        .hasToString("2 JPY");
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
    assertThatThrownBy(() -> Money.byAmount().compare(eur, usd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot compare 1.00 EUR with 1.00 USD: different currencies; convert"
            + " explicitly before comparing");
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

  @Test
  void moneyIsNotComparableAcrossCurrencies() {
    // Comparable's contract asks for a total order; mixed currencies made compareTo throw
    assertThat(Comparable.class.isAssignableFrom(Money.class)).isFalse();
    List<Money> sorted = new ArrayList<>(List.of(Money.of("3", "EUR"), Money.of("1", "EUR"),
        Money.of("2", "EUR")));
    sorted.sort(Money.byAmount());
    assertThat(sorted).containsExactly(Money.of("1", "EUR"), Money.of("2", "EUR"),
        Money.of("3", "EUR"));
    assertThat(Money.byAmount().compare(Money.of("2", "EUR"), Money.of("2.00", "EUR"))).isZero();
  }

  @Test
  void hugeAmountsAreRefusedBeforeAnyDigitIsBuilt() {
    // before: ArithmeticException (1e999999999), or 85 s of toPlainString (1e99999999)
    assertThatThrownBy(() -> Money.of("1e999999999", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount '1e999999999' EUR has more than 30 integer digits");
    assertThatThrownBy(() -> Money.of("1e99999999", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount '1e99999999' EUR has more than 30 integer digits");
    assertThatThrownBy(() -> Money.of(new BigDecimal("1e99999999"), EUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount 1E+99999999 EUR has more than 30 integer digits");
    assertThatThrownBy(() -> Money.of("1e-999999999", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount '1e-999999999' EUR has more than 18 fraction digits");
    assertThatThrownBy(() -> Money.of(new BigDecimal("1e-99999999"), EUR, RoundingMode.HALF_UP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount 1E-99999999 EUR has more than 18 fraction digits");
    assertThatThrownBy(() -> Money.of("1e9999999999", "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is not a number: '1e9999999999'");
    assertThatThrownBy(() -> Money.of("1".repeat(101), "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is longer than 100 characters (101): '" + "1".repeat(20) + "...'");
    assertThat(Money.of("0e999999999", "EUR")).isEqualTo(Money.zero(EUR));
    assertThat(Money.of("9".repeat(30), "EUR").amount().precision()).isEqualTo(32);
    assertThatThrownBy(() -> Money.of("1" + "0".repeat(30), "EUR"))
        .hasMessageContaining("more than 30 integer digits");
    assertThatThrownBy(() -> Money.of("9".repeat(30), "EUR").plus(Money.of("1", "EUR")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 30 integer digits");
    assertThat(Money.of("1." + "0".repeat(25), "EUR")).as("trailing zeros are no digits")
        .isEqualTo(Money.of("1", "EUR"));
  }

  @Test
  void moreDecimalsThanTheCurrencyHasAreRefusedUnlessRoundedExplicitly() {
    assertThatThrownBy(() -> Money.of("100.5", "JPY"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount '100.5' has more decimals than JPY allows (0); round it explicitly"
            + " with Money.of(amount, currency, roundingMode)");
    assertThatThrownBy(() -> Money.of(new BigDecimal("0.001"), EUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("amount 0.001 has more decimals than EUR allows (2)");
    assertThat(Money.of(new BigDecimal("100.5"), JPY, RoundingMode.HALF_EVEN))
        .hasToString("100 JPY");
    assertThat(Money.of(new BigDecimal("0.125"), EUR, RoundingMode.HALF_EVEN))
        .hasToString("0.12 EUR");
    assertThat(Money.of("0.125", "EUR", RoundingMode.UP)).hasToString("0.13 EUR");
    assertThat(Money.of("100.5", "JPY", RoundingMode.HALF_UP)).hasToString("101 JPY");
    assertThatThrownBy(() -> Money.of("-0.004", "EUR", RoundingMode.DOWN))
        .as("negative before rounding, though -0.00 would be zero")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount is negative: '-0.004' EUR");
  }

  @Test
  void currenciesWithoutAFractionDigitRuleKeepTheGivenScale() {
    Currency xxx = Currency.getInstance("XXX");
    Currency xau = Currency.getInstance("XAU");
    assertThat(xxx.getDefaultFractionDigits()).isEqualTo(-1);
    assertThat(Money.of(new BigDecimal("1.2345"), xau)).hasToString("1.2345 XAU");
    assertThat(Money.of(new BigDecimal("1.2300"), xau)).hasToString("1.23 XAU");
    assertThat(Money.of(new BigDecimal("1E+2"), xxx)).hasToString("100 XXX");
    assertThat(Money.of("0." + "0".repeat(17) + "1", "XAU").amount().scale()).isEqualTo(18);
    assertThatThrownBy(() -> Money.of("0." + "0".repeat(18) + "1", "XAU"))
        .hasMessageContaining("more than 18 fraction digits");
    assertThat(Money.of("1.2345678901", "XAU").times(0.1234567891234).amount().scale())
        .as("23 decimals rounded half-even to 18").isEqualTo(18);
  }
}
