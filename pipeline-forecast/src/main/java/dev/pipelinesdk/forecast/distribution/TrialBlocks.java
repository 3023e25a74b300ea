package dev.pipelinesdk.forecast.distribution;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A Monte Carlo run of {@link Distributions#monteCarlo(OpenDeals, Simulation)} cut into its blocks
 * of trials, to draw the blocks in separate tasks or on separate machines (a Spark job) and put
 * them together into exactly the distribution {@code monteCarlo} computes in one JVM for the same
 * deals and settings. Made by {@link Distributions#trialBlocks}.
 *
 * <p>The trials are cut into blocks of {@link #TRIALS_PER_BLOCK} (the last may be shorter), as
 * {@code monteCarlo} cuts them for its threads; block b draws with the b-th {@link
 * java.util.SplittableRandom#split() split} of the seed's root generator, the generator {@code
 * monteCarlo} gives block b. So a block's totals depend only on the deals, the settings and b:
 * never on the task, thread or machine that draws it, nor on the order blocks are drawn or
 * combined in.
 *
 * <p>Serializable, as its {@link Block}s are: the deals' probabilities, their amounts in the
 * currency's minor units and the settings (Java serialization; the fields are checked again when
 * read). Make it where the deals are and send it where blocks are drawn. Immutable and safe to
 * share between threads.
 */
public final class TrialBlocks implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many trials a block has (the last block of a run may have fewer): {@value}. */
  public static final int TRIALS_PER_BLOCK = MonteCarlo.BLOCK;

  /** The currency of the amounts. */
  private final Currency currency;
  /** Each deal's win probability. */
  private final double[] probabilities;
  /** Each deal's amount, in units of 10^-scale. */
  private final long[] units;
  /** The decimal scale of the units. */
  private final int scale;
  /** The total of every amount, in units: the largest total a trial can have. */
  private final long maxTotal;
  /** The number of trials of the run. */
  private final int trials;
  /** The seed of the run. */
  private final long seed;
  /** The standard deviation of the shared log-odds shift per trial. */
  private final double sharedLogitSd;
  /** The standard deviation of each deal's log-odds noise per trial. */
  private final double dealLogitSd;
  /** Tells blocks of this run from blocks of another: a hash of everything above. */
  private final long run;

  TrialBlocks(Currency currency, double[] probabilities, long[] units, int scale, long maxTotal,
      Simulation simulation) {
    this.currency = currency;
    this.probabilities = probabilities;
    this.units = units;
    this.scale = scale;
    this.maxTotal = maxTotal;
    this.trials = simulation.trials();
    this.seed = simulation.seed();
    this.sharedLogitSd = simulation.sharedLogitSd();
    this.dealLogitSd = simulation.dealLogitSd();
    this.run = fingerprint();
  }

  /** {@return how many blocks the run has: trials / {@link #TRIALS_PER_BLOCK}, rounded up} */
  public int count() {
    return MonteCarlo.blocks(trials);
  }

  /** {@return the settings: trials, seed and model uncertainty} */
  public Simulation simulation() {
    return new Simulation(trials, seed, sharedLogitSd, dealLogitSd);
  }

  /** {@return how many deals the run draws} */
  public int dealCount() {
    return probabilities.length;
  }

  /**
   * Draws one block: the totals of its trials, as {@code Distributions.monteCarlo} draws them.
   *
   * @param index the block, from 0 to {@link #count()} - 1
   * @return the block
   * @throws IndexOutOfBoundsException if index is out of range
   */
  public Block draw(int index) {
    Objects.checkIndex(index, count());
    int from = index * TRIALS_PER_BLOCK;
    int to = Math.min(trials, from + TRIALS_PER_BLOCK);
    long[] totals = new long[to - from];
    MonteCarlo.block(probabilities, MonteCarlo.logits(probabilities), units, simulation(),
        MonteCarlo.blockRandom(seed, index), totals, 0, totals.length);
    return new Block(index, totals, run);
  }

  /**
   * Puts every block of the run together into its distribution: equal to {@code
   * Distributions.monteCarlo} of the same deals and settings.
   *
   * @param blocks every block of this run, each once, in any order
   * @return the distribution, {@link AmountDistribution.Method#MONTE_CARLO}
   * @throws IllegalArgumentException if a block is missing, given twice or drawn for another run
   *     (other deals or settings), naming it
   * @throws NullPointerException if blocks or a block is null
   */
  public AmountDistribution combine(Collection<Block> blocks) {
    Objects.requireNonNull(blocks, "blocks is null");
    int count = count();
    Block[] byIndex = new Block[count];
    for (Block b : blocks) {
      Objects.requireNonNull(b, "a block is null");
      if (b.run != run || b.index >= count || b.totals.length != trials(b.index)) {
        throw new IllegalArgumentException("block " + b.index + " was drawn for another run"
            + " (other deals or settings)");
      }
      if (byIndex[b.index] != null) {
        throw new IllegalArgumentException("block " + b.index + " is given twice");
      }
      byIndex[b.index] = b;
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (byIndex[i] == null) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      String named = missing.stream().limit(10).map(String::valueOf)
          .collect(Collectors.joining(", "));
      throw new IllegalArgumentException((missing.size() == 1 ? "block " : "blocks ") + named
          + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "") + " of "
          + count + (missing.size() == 1 ? " is" : " are") + " missing");
    }
    long[] totals = new long[trials];
    for (Block b : byIndex) {
      System.arraycopy(b.totals, 0, totals, b.index * TRIALS_PER_BLOCK, b.totals.length);
    }
    Arrays.sort(totals);
    Simulation simulation = simulation();
    return AmountDistribution.sampled(currency, probabilities.length, simulation,
        simulation.includes(), totals, scale, maxTotal);
  }

  private int trials(int index) {
    return Math.min(TRIALS_PER_BLOCK, trials - index * TRIALS_PER_BLOCK);
  }

  private long fingerprint() {
    long h = mix(currency.getCurrencyCode().hashCode());
    for (double p : probabilities) {
      h = mix(h ^ Double.doubleToLongBits(p));
    }
    for (long u : units) {
      h = mix(h ^ u);
    }
    h = mix(h ^ scale);
    h = mix(h ^ maxTotal);
    h = mix(h ^ trials);
    h = mix(h ^ seed);
    h = mix(h ^ Double.doubleToLongBits(sharedLogitSd));
    return mix(h ^ Double.doubleToLongBits(dealLogitSd));
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Reads the fields and checks them against the run's fingerprint.
   *
   * @param in the stream
   * @throws IOException if they do not fit together
   * @throws ClassNotFoundException if a class is missing
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (currency == null || probabilities == null || units == null
        || probabilities.length != units.length || run != fingerprint()) {
      throw new InvalidObjectException("not the trial blocks that were written");
    }
    try {
      simulation();
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException(e.getMessage());
    }
  }

  /**
   * Describes the run briefly: deals, settings and blocks.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "TrialBlocks[" + probabilities.length + " deals in " + currency.getCurrencyCode() + ", "
        + simulation() + ", " + count() + " blocks]";
  }

  /**
   * One block of trials, drawn: the won total of each of its trials. Serializable (to travel
   * back from where it was drawn), immutable, and only useful to {@link TrialBlocks#combine} of the run it
   * was drawn for.
   */
  public static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The block's index in its run. */
    private final int index;
    /** The won total of each of its trials, in units of the run's scale, trial order. */
    private final long[] totals;
    /** The run it was drawn for (its fingerprint). */
    private final long run;

    private Block(int index, long[] totals, long run) {
      this.index = index;
      this.totals = totals;
      this.run = run;
    }

    /** {@return the block's index in its run, from 0} */
    public int index() {
      return index;
    }

    /** {@return how many trials the block has} */
    public int trials() {
      return totals.length;
    }

    /**
     * Reads the fields and checks them.
     *
     * @param in the stream
     * @throws IOException if they are not a block's
     * @throws ClassNotFoundException if a class is missing
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      if (totals == null || index < 0) {
        throw new InvalidObjectException("not a block that was written");
      }
    }

    /**
     * Compares the run, the index and every trial's total.
     *
     * @param other any object
     * @return whether other is the same block
     */
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Block b && index == b.index && run == b.run
          && Arrays.equals(totals, b.totals);
    }

    /**
     * Returns a hash of the block.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return 31 * (31 * index + Long.hashCode(run)) + Arrays.hashCode(totals);
    }

    /**
     * Describes the block: its index and trial count.
     *
     * @return the description
     */
    @Override
    public String toString() {
      return "Block[" + index + ", " + totals.length + " trials]";
    }
  }
}
