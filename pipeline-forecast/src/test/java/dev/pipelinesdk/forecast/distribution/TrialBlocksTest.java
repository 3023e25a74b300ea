package dev.pipelinesdk.forecast.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.forecast.AmountDistribution;
import dev.pipelinesdk.core.forecast.Simulation;
import dev.pipelinesdk.testkit.Wire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run cut into blocks, drawn in any order (and after a trip through Java serialization, as
 * between machines), combines into exactly the distribution {@code Distributions.monteCarlo}
 * computes in one go.
 */
class TrialBlocksTest {
  private static final int BLOCK = TrialBlocks.TRIALS_PER_BLOCK;

  @Test
  void blocksDrawnInAnyOrderCombineIntoTheOneJvmDistribution() {
    // trials from 1 to a bit over three blocks, so runs of one block, whole blocks and a short
    // last block all occur; half the runs with model uncertainty (shared and per-deal noise)
    qt().withFixedSeed(7L).withExamples(12)
        .forAll(longs().all(), integers().between(1, 3 * BLOCK + 9), integers().between(0, 40),
            integers().between(0, 1))
        .checkAssert((seed, trials, deals, noisy) -> {
          OpenDeals open = AmountDistributionTest.onGrid(seed, deals);
          Simulation simulation = noisy == 1
              ? new Simulation(trials, seed, 0.4, 0.3) : Simulation.of(trials, seed);
          TrialBlocks run = Wire.roundTrip(Distributions.trialBlocks(open, simulation));
          assertThat(run.count()).isEqualTo((trials + BLOCK - 1) / BLOCK);
          List<Integer> order = new ArrayList<>();
          for (int b = 0; b < run.count(); b++) {
            order.add(b);
          }
          Collections.shuffle(order, new Random(seed));
          List<TrialBlocks.Block> blocks = new ArrayList<>();
          for (int b : order) {
            blocks.add(Wire.roundTrip(run.draw(b)));
          }
          AmountDistribution combined = run.combine(blocks);
          assertThat(combined).isEqualTo(Distributions.monteCarlo(open, simulation));
          assertThat(combined.simulation()).contains(simulation);
        });
  }

  @Test
  void aBlockIsTheSameWhereverItIsDrawn() {
    OpenDeals open = AmountDistributionTest.onGrid(5, 30);
    Simulation simulation = new Simulation(2 * BLOCK + 1, 9L, 0.5, 0);
    TrialBlocks here = Distributions.trialBlocks(open, simulation);
    TrialBlocks there = Wire.roundTrip(here);
    assertThat(there.draw(1)).isEqualTo(here.draw(1));
    assertThat(there.draw(2).trials()).isEqualTo(1);
    // not vacuous: two blocks of one run differ
    assertThat(here.draw(0)).isNotEqualTo(here.draw(1));
  }

  @Test
  void aMissingRepeatedOrForeignBlockIsNamed() {
    OpenDeals open = AmountDistributionTest.onGrid(5, 10);
    TrialBlocks run = Distributions.trialBlocks(open, Simulation.of(4 * BLOCK, 1L));
    TrialBlocks other = Distributions.trialBlocks(open, Simulation.of(4 * BLOCK, 2L));
    TrialBlocks.Block b0 = run.draw(0);
    TrialBlocks.Block b2 = run.draw(2);
    assertThatThrownBy(() -> run.combine(List.of(b0, b2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blocks 1, 3 of 4 are missing");
    assertThatThrownBy(() -> run.combine(List.of(b0, run.draw(1), b2)))
        .hasMessage("block 3 of 4 is missing");
    assertThatThrownBy(() -> run.combine(List.of(b0, b0)))
        .hasMessage("block 0 is given twice");
    assertThatThrownBy(() -> run.combine(List.of(b0, other.draw(1))))
        .hasMessage("block 1 was drawn for another run (other deals or settings)");
    assertThatThrownBy(() -> run.draw(4)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
