package dev.pipelinesdk.forecast.scenario;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.StageId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a what-if {@link Scenario}. Each kind is a small immutable value; what it means
 * for a forecast, and what it assumes, is said on each and in {@link Scenarios}. The values check
 * only their own structure (a finite number, a sane range); whether the stage or deal exists in a
 * pipeline is checked when the scenario is applied ({@link Scenarios#apply}).
 */
public sealed interface Change {

  /** The most days a dwell or close-date change may move anything: {@value} (100 years). */
  long MAX_DAYS = 36_500;

  /**
   * The conversion of an open stage changes by some percentage points: every open deal at that
   * stage or at an earlier open stage (funnel order) has its probability scaled by {@code (c +
   * d) / c}, with {@code c} the stage's observed conversion ({@link StageConversion}) and {@code
   * d} the change as a share; deals past the stage are unchanged.
   *
   * @param stage an open stage
   * @param points the change in percentage points ({@code 5} is 32% to 37%), finite, in [-100,
   *     100]
   */
  record Conversion(StageId stage, double points) implements Change {
    /**
     * Checks the value.
     *
     * @param stage an open stage
     * @param points the change in percentage points, finite, in [-100, 100]
     * @throws IllegalArgumentException naming the value if points is NaN or outside [-100, 100]
     * @throws NullPointerException if stage is null
     */
    public Conversion {
      Objects.requireNonNull(stage, "stage is null");
      if (!(points >= -100 && points <= 100)) {
        throw new IllegalArgumentException("conversion change of stage '" + stage + "' must be"
            + " from -100 to 100 percentage points, not " + points);
      }
    }
  }

  /**
   * The time deals spend at an open stage changes by some days (negative: shorter). Deals at that
   * stage or an earlier open stage reach their outcome that much sooner (or later), so they are
   * forecast with the horizon lengthened by the days saved (or shortened by the days added; a
   * horizon that would end at or before the as-of instant gives probability 0). Deals past the
   * stage are unchanged.
   *
   * @param stage an open stage
   * @param days the change in days, negative for shorter, at most {@link #MAX_DAYS} either way
   */
  record Dwell(StageId stage, long days) implements Change {
    /**
     * Checks the value.
     *
     * @param stage an open stage
     * @param days the change in days, at most {@link #MAX_DAYS} either way
     * @throws IllegalArgumentException naming the value if days is out of range
     * @throws NullPointerException if stage is null
     */
    public Dwell {
      Objects.requireNonNull(stage, "stage is null");
      requireDays("dwell change of stage '" + stage + "'", days);
    }
  }

  /**
   * A deal open at the as-of instant is dropped from the forecast (it stays in the histories the
   * model learns from: what happened to it so far still happened).
   *
   * @param deal the deal's id
   */
  record DropDeal(DealId deal) implements Change {
    /**
     * Checks the value.
     *
     * @param deal the deal's id
     * @throws NullPointerException if deal is null
     */
    public DropDeal {
      Objects.requireNonNull(deal, "deal is null");
    }
  }

  /**
   * A deal is added: created at the as-of instant in an open stage, through the engine's import
   * ({@code Pipeline.importDeal}), so every model sees it as it sees a real deal that has just
   * entered that stage.
   *
   * @param deal its id, not used by any deal known at the as-of instant
   * @param stage the open stage it starts in
   * @param amount its amount, in the pipeline's currency
   * @param owner its owner, if any
   * @param closeDate its expected close date, if any
   */
  record AddDeal(DealId deal, StageId stage, Money amount, Optional<String> owner,
      Optional<LocalDate> closeDate) implements Change {
    /**
     * Checks the value.
     *
     * @param deal its id
     * @param stage the open stage it starts in
     * @param amount its amount (never negative: {@link Money} refuses that)
     * @param owner its owner, if any
     * @param closeDate its expected close date, if any
     * @throws NullPointerException if an argument is null
     */
    public AddDeal {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(stage, "stage is null");
      Objects.requireNonNull(amount, "amount is null");
      Objects.requireNonNull(owner, "owner is null");
      Objects.requireNonNull(closeDate, "closeDate is null");
    }

    /**
     * A deal without owner or close date.
     *
     * @param deal its id
     * @param stage the open stage it starts in
     * @param amount its amount
     * @return the change
     * @throws NullPointerException if an argument is null
     */
    public static AddDeal of(DealId deal, StageId stage, Money amount) {
      return new AddDeal(deal, stage, amount, Optional.empty(), Optional.empty());
    }
  }

  /**
   * Every deal open at the as-of instant that has an expected close date gets it moved by some
   * days (a {@code CloseDateChanged} event at the as-of instant, through the engine); deals
   * without one keep none. Only models that read close dates (the weighted pipeline) see it.
   *
   * @param days the shift in days, positive for later, at most {@link #MAX_DAYS} either way
   */
  record ShiftCloseDates(long days) implements Change {
    /**
     * Checks the value.
     *
     * @param days the shift in days, at most {@link #MAX_DAYS} either way
     * @throws IllegalArgumentException naming the value if days is out of range
     */
    public ShiftCloseDates {
      requireDays("close-date shift", days);
    }
  }

  /**
   * One open deal's expected close date is set to a date (a {@code CloseDateChanged} event at the
   * as-of instant, through the engine).
   *
   * @param deal the deal's id
   * @param closeDate the new expected close date
   */
  record MoveCloseDate(DealId deal, LocalDate closeDate) implements Change {
    /**
     * Checks the value.
     *
     * @param deal the deal's id
     * @param closeDate the new expected close date
     * @throws NullPointerException if an argument is null
     */
    public MoveCloseDate {
      Objects.requireNonNull(deal, "deal is null");
      Objects.requireNonNull(closeDate, "closeDate is null");
    }
  }

  private static void requireDays(String what, long days) {
    if (days < -MAX_DAYS || days > MAX_DAYS) {
      throw new IllegalArgumentException(what + " must be from -" + MAX_DAYS + " to " + MAX_DAYS
          + " days, not " + days);
    }
  }
}
