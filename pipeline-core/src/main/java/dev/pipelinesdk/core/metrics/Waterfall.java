package dev.pipelinesdk.core.metrics;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The change of open pipeline value over a period, step by step; see {@link Movements}. Amounts
 * are signed and exact, in one currency: additions are positive, removals negative.
 *
 * @param currency the currency of every amount
 * @param start open value at the start of the period
 * @param newDeals value of deals created open during the period
 * @param advanced change from moves forward between open stages (zero unweighted)
 * @param slippedBack change from moves backward between open stages (zero unweighted)
 * @param revived value of deals that came back from dormant, won or lost (revivals, reopens)
 * @param won value that left as won (negative)
 * @param lost value that left as lost (negative)
 * @param wentDark value that left as dormant (negative)
 * @param increased amount increases of open deals (positive)
 * @param decreased amount decreases of open deals (negative)
 * @param end open value at the end of the period
 */
public record Waterfall(Currency currency, BigDecimal start, BigDecimal newDeals,
    BigDecimal advanced, BigDecimal slippedBack, BigDecimal revived, BigDecimal won,
    BigDecimal lost, BigDecimal wentDark, BigDecimal increased, BigDecimal decreased,
    BigDecimal end) {

  /** Creates the value. */
  public Waterfall {
    Objects.requireNonNull(currency, "currency is null");
  }

  static Waterfall of(Currency currency, BigDecimal[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i].signum() == 0 ? BigDecimal.ZERO : v[i].stripTrailingZeros();
    }
    return new Waterfall(currency, v[Movements.START], v[Movements.NEW], v[Movements.ADVANCED],
        v[Movements.SLIPPED], v[Movements.REVIVED], v[Movements.WON], v[Movements.LOST],
        v[Movements.DARK], v[Movements.INCREASED], v[Movements.DECREASED], v[Movements.END]);
  }

  /** {@return the sum of every change between start and end} */
  public BigDecimal changes() {
    return newDeals.add(advanced).add(slippedBack).add(revived).add(won).add(lost).add(wentDark)
        .add(increased).add(decreased);
  }

  /** {@return whether {@code start + changes() == end}; always true for a computed waterfall} */
  public boolean reconciles() {
    return start.add(changes()).compareTo(end) == 0;
  }

  /** {@return the steps as a plain-text table} */
  public String toTable() {
    TextTable t = new TextTable("", "step", currency.getCurrencyCode());
    t.row("start", TextTable.money(start));
    t.row("+ new", TextTable.money(newDeals));
    t.row("+ advanced", TextTable.money(advanced));
    t.row("- slipped back", TextTable.money(slippedBack));
    t.row("+ revived/reopened", TextTable.money(revived));
    t.row("- won", TextTable.money(won));
    t.row("- lost", TextTable.money(lost));
    t.row("- went dark", TextTable.money(wentDark));
    t.row("+ amount increased", TextTable.money(increased));
    t.row("- amount decreased", TextTable.money(decreased));
    t.row("end", TextTable.money(end));
    return t.render();
  }

  @Override
  public String toString() {
    return "Waterfall[" + currency.getCurrencyCode() + " start " + start.toPlainString()
        + ", new " + newDeals.toPlainString() + ", advanced " + advanced.toPlainString()
        + ", slipped " + slippedBack.toPlainString() + ", revived " + revived.toPlainString()
        + ", won " + won.toPlainString() + ", lost " + lost.toPlainString() + ", dark "
        + wentDark.toPlainString() + ", increased " + increased.toPlainString() + ", decreased "
        + decreased.toPlainString() + ", end " + end.toPlainString() + "]";
  }
}
