package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The open deals a distribution is computed for: for each, a win probability p_i in [0, 1] and an
 * amount a_i, all in one currency. The deals are taken as given: this type does not know where
 * the probabilities came from (a forecast model) or what they mean beyond "won within the
 * horizon".
 *
 * <p>Every check names the deal's index (its position, from 0, in the order added) and the bad
 * value. Immutable and safe to share between threads.
 */
public final class OpenDeals {

  private final Currency currency;
  private final double[] probabilities;
  private final Money[] amounts;

  private OpenDeals(Currency currency, double[] probabilities, Money[] amounts) {
    this.currency = currency;
    this.probabilities = probabilities;
    this.amounts = amounts;
  }

  /**
   * Returns an empty set of deals in a currency.
   *
   * @param currency the currency of every amount
   * @return no deals
   * @throws NullPointerException if currency is null
   */
  public static OpenDeals none(Currency currency) {
    return builder(currency).build();
  }

  /**
   * Returns deals from parallel arrays: deal i has probability {@code probabilities[i]} and amount
   * {@code amounts[i]}. The arrays are copied.
   *
   * @param currency the currency of every amount
   * @param probabilities each deal's win probability, in [0, 1]
   * @param amounts each deal's amount, non-negative, with no more decimals than the currency has
   * @return the deals
   * @throws IllegalArgumentException naming the index and the value, if a probability is NaN or
   *     outside [0, 1] or an amount is negative or not representable in the currency; or if the
   *     arrays differ in length
   * @throws NullPointerException if an argument or an amount is null
   */
  public static OpenDeals of(Currency currency, double[] probabilities, BigDecimal[] amounts) {
    Objects.requireNonNull(probabilities, "probabilities is null");
    Objects.requireNonNull(amounts, "amounts is null");
    if (probabilities.length != amounts.length) {
      throw new IllegalArgumentException("probabilities and amounts differ in length: "
          + probabilities.length + " and " + amounts.length);
    }
    Builder builder = builder(currency);
    for (int i = 0; i < probabilities.length; i++) {
      builder.add(probabilities[i], amounts[i]);
    }
    return builder.build();
  }

  /**
   * The deals of a forecast that have an amount, each with its probability; deals without an
   * amount add nothing to an amount distribution and are left out.
   *
   * @param currency the currency of every amount
   * @param forecast the forecast
   * @return the deals
   * @throws IllegalArgumentException naming the deal if its amount is in another currency
   * @throws NullPointerException if an argument is null
   */
  public static OpenDeals of(Currency currency, dev.pipelinesdk.core.forecast.Forecast forecast) {
    Builder b = builder(currency);
    for (dev.pipelinesdk.core.forecast.DealForecast d : forecast.deals()) {
      if (d.amount().isPresent()) {
        if (!d.amount().get().currency().equals(currency)) {
          throw new IllegalArgumentException("deal '" + d.deal() + "' has an amount in "
              + d.amount().get().currency() + ", not " + currency);
        }
        b.add(d.probability(), d.amount().get());
      }
    }
    return b.build();
  }

  /**
   * Returns a builder of deals in a currency.
   *
   * @param currency the currency of every amount
   * @return an empty builder
   * @throws NullPointerException if currency is null
   */
  public static Builder builder(Currency currency) {
    return new Builder(Objects.requireNonNull(currency, "currency is null"));
  }

  /**
   * Returns the currency of every amount.
   *
   * @return the currency
   */
  public Currency currency() {
    return currency;
  }

  /**
   * Returns the number of deals.
   *
   * @return n, at least 0
   */
  public int size() {
    return probabilities.length;
  }

  /**
   * Returns deal i's win probability.
   *
   * @param index the deal's index, in 0..size()-1
   * @return p_i, in [0, 1]
   * @throws IndexOutOfBoundsException if index is out of range
   */
  public double probability(int index) {
    Objects.checkIndex(index, probabilities.length);
    return probabilities[index];
  }

  /**
   * Returns deal i's amount.
   *
   * @param index the deal's index, in 0..size()-1
   * @return a_i, in {@link #currency()}
   * @throws IndexOutOfBoundsException if index is out of range
   */
  public Money amount(int index) {
    Objects.checkIndex(index, amounts.length);
    return amounts[index];
  }

  /**
   * Returns every deal's win probability, as a new array the caller may change.
   *
   * @return the probabilities, in deal order
   */
  public double[] probabilities() {
    return probabilities.clone();
  }

  /**
   * Returns every deal's amount.
   *
   * @return an unmodifiable list of the amounts, in deal order
   */
  public List<Money> amounts() {
    return List.of(amounts);
  }

  /**
   * Compares currency, probabilities and amounts, in order.
   *
   * @param other any object
   * @return whether other holds the same deals
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof OpenDeals that
        && currency.equals(that.currency)
        && Arrays.equals(probabilities, that.probabilities)
        && Arrays.equals(amounts, that.amounts);
  }

  /**
   * Returns a hash of the deals.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(probabilities) + Arrays.hashCode(amounts);
  }

  /**
   * Describes the deals briefly: how many, and the currency.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "OpenDeals[" + probabilities.length + " deals in " + currency.getCurrencyCode() + "]";
  }

  static IllegalArgumentException badProbability(int index, double p) {
    return new IllegalArgumentException(
        "deal " + index + ": probability must be in [0, 1], was " + p);
  }

  /** Checks probabilities for {@link Distributions#count(double...)} and the builder. */
  static void requireProbability(int index, double p) {
    if (!(p >= 0.0 && p <= 1.0)) { // NaN fails both comparisons
      throw badProbability(index, p);
    }
  }

  /**
   * Collects deals in order; each {@code add} checks its deal at once. Not thread-safe: use one
   * builder per thread.
   */
  public static final class Builder {
    private final Currency currency;
    private final List<Money> amounts = new ArrayList<>();
    private double[] probabilities = new double[8];

    private Builder(Currency currency) {
      this.currency = currency;
    }

    /**
     * Adds a deal.
     *
     * @param probability its win probability, in [0, 1]
     * @param amount its amount, non-negative, with no more decimals than the currency has
     * @return this builder
     * @throws IllegalArgumentException naming the deal's index and the value, if the probability
     *     is NaN or outside [0, 1] or the amount is negative or not representable in the currency
     * @throws NullPointerException if amount is null
     */
    public Builder add(double probability, BigDecimal amount) {
      int index = amounts.size();
      Objects.requireNonNull(amount, () -> "deal " + index + ": amount is null");
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("deal " + index + ": amount must not be negative, was "
            + amount.toPlainString());
      }
      Money money;
      try {
        money = Money.of(amount, currency);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("deal " + index + ": " + e.getMessage(), e);
      }
      return add(probability, money);
    }

    /**
     * Adds a deal.
     *
     * @param probability its win probability, in [0, 1]
     * @param amount its amount, in the builder's currency
     * @return this builder
     * @throws IllegalArgumentException naming the deal's index and the value, if the probability
     *     is NaN or outside [0, 1] or the amount is in another currency
     * @throws NullPointerException if amount is null
     */
    public Builder add(double probability, Money amount) {
      int index = amounts.size();
      Objects.requireNonNull(amount, () -> "deal " + index + ": amount is null");
      requireProbability(index, probability);
      if (!amount.currency().equals(currency)) {
        throw new IllegalArgumentException("deal " + index + ": amount " + amount
            + " is not in " + currency.getCurrencyCode() + " (mixed currencies)");
      }
      if (index == probabilities.length) {
        probabilities = Arrays.copyOf(probabilities, Math.max(8, index * 2));
      }
      probabilities[index] = probability;
      amounts.add(amount);
      return this;
    }

    /**
     * Returns the deals added so far.
     *
     * @return the deals, in the order added
     */
    public OpenDeals build() {
      return new OpenDeals(currency, Arrays.copyOf(probabilities, amounts.size()),
          amounts.toArray(new Money[0]));
    }
  }
}
