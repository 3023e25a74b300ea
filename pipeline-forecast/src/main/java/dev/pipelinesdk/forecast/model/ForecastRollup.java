package dev.pipelinesdk.forecast.model;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.forecast.DealForecast;
import dev.pipelinesdk.core.forecast.Forecast;
import dev.pipelinesdk.core.forecast.ForecastInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A forecast rolled up the way Salesforce and HubSpot show it: per period (the month of the
 * expected close date, UTC), owner and forecast category (the stage's: Pipeline, Best case,
 * Commit; Closed and Omitted stages hold no open deal), the open deals, their amount and their
 * weighted (expected) amount. Deals without a close date are in period "no close date", deals
 * without an owner under "no owner".
 *
 * @param rows the rows, sorted by period, owner and category
 */
public record ForecastRollup(List<ForecastRollup.Row> rows) {
  /** The period of deals without an expected close date. */
  public static final String NO_CLOSE_DATE = "no close date";
  /** The owner of deals without one. */
  public static final String NO_OWNER = "no owner";

  /**
   * One period, owner and category.
   *
   * @param period the month, such as {@code 2026-07}, or {@value #NO_CLOSE_DATE}
   * @param owner the owner, or {@value #NO_OWNER}
   * @param category the forecast category of the deals' stages
   * @param deals the open deals
   * @param amount their amount; empty if none has one
   * @param expected their expected amount (amount x probability); empty if none has an amount
   */
  public record Row(String period, String owner, ForecastCategory category, long deals,
      Optional<Money> amount, Optional<Money> expected) {}

  /**
   * Copies the rows.
   *
   * @param rows the rows
   */
  public ForecastRollup {
    rows = List.copyOf(rows);
  }

  /**
   * Rolls a forecast up.
   *
   * @param input the input the forecast was made from (for the deals' close dates and owners)
   * @param forecast the forecast
   * @return the roll-up
   * @throws IllegalArgumentException if amounts are in different currencies
   */
  public static ForecastRollup of(ForecastInput input, Forecast forecast) {
    Map<String, Deal> deals = new HashMap<>();
    for (DealHistory h : input.open()) {
      deals.put(h.dealId().value(), h.current());
    }
    record Key(String period, String owner, ForecastCategory category) {}
    final class Sum {
      long deals;
      BigDecimal amount;
      BigDecimal expected;
      Currency currency;
    }
    Map<Key, Sum> sums = new TreeMap<>(Comparator.comparing(Key::period)
        .thenComparing(Key::owner).thenComparing(Key::category));
    for (DealForecast f : forecast.deals()) {
      Deal deal = Objects.requireNonNull(deals.get(f.deal().value()), "deal not in the input");
      String period = deal.closeDate().map(d -> YearMonth.from(d).toString())
          .orElse(NO_CLOSE_DATE);
      ForecastCategory category = input.definition().stage(f.stage()).orElseThrow()
          .forecastCategory();
      Sum s = sums.computeIfAbsent(new Key(period, deal.owner().orElse(NO_OWNER), category),
          k -> new Sum());
      s.deals++;
      if (f.amount().isPresent()) {
        Money m = f.amount().get();
        if (s.currency != null && !s.currency.equals(m.currency())) {
          throw new IllegalArgumentException("deal '" + f.deal() + "' has an amount in "
              + m.currency() + ", others in " + s.currency);
        }
        s.currency = m.currency();
        s.amount = s.amount == null ? m.amount() : s.amount.add(m.amount());
        BigDecimal e = m.amount().multiply(BigDecimal.valueOf(f.probability()));
        if (e.scale() > Money.MAX_FRACTION_DIGITS) { // a double's 17 decimals times cents
          e = e.setScale(Money.MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN);
        }
        s.expected = s.expected == null ? e : s.expected.add(e);
      }
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, s) -> rows.add(new Row(k.period(), k.owner(), k.category(), s.deals,
        money(s.amount, s.currency), money(s.expected, s.currency))));
    return new ForecastRollup(rows);
  }

  private static Optional<Money> money(BigDecimal amount, Currency currency) {
    if (amount == null) {
      return Optional.empty();
    }
    return Optional.of(Money.of(amount, currency, RoundingMode.HALF_EVEN));
  }

}
