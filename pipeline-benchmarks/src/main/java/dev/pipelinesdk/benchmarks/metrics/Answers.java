package dev.pipelinesdk.benchmarks.metrics;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three answers every contender of {@link MetricsBenchmark} computes; see there for the exact
 * definitions. Two answers are equal when every number is equal (doubles bit for bit).
 *
 * @param reach per funnel stage (the open stages in funnel order, then the won stage): distinct
 *     deals that ever entered it
 * @param conversion per open stage in funnel order: {@code reach[i + 1] / reach[i]}
 * @param secondsInStage per stage of the definition, in {@link PipelineDefinition#stages()}
 *     order: the sum over deals of the seconds spent in it up to the as-of instant
 */
public record Answers(long[] reach, double[] conversion, long[] secondsInStage) {

  /**
   * The funnel stages' positions in {@link PipelineDefinition#stages()}: the open stages in
   * funnel order, then the (single) won stage.
   *
   * @param definition the definition
   * @return the positions
   */
  public static int[] funnelPositions(PipelineDefinition definition) {
    List<Stage> stages = definition.stages();
    List<Stage> funnel = new ArrayList<>(definition.openStages());
    List<Stage> won = definition.stagesOf(StageKind.WON);
    if (won.size() != 1) {
      throw new IllegalArgumentException("the benchmark needs exactly one won stage: " + won);
    }
    funnel.add(won.get(0));
    return funnel.stream().mapToInt(stages::indexOf).toArray();
  }

  /**
   * Computes the conversions from the reach, as every contender does (DuckDB in SQL, with the
   * same IEEE division).
   *
   * @param reach the reach per funnel stage
   * @return {@code reach[i + 1] / reach[i]}, NaN where {@code reach[i]} is 0
   */
  public static double[] conversions(long[] reach) {
    double[] c = new double[reach.length - 1];
    for (int i = 0; i < c.length; i++) {
      c[i] = reach[i] == 0 ? Double.NaN : (double) reach[i + 1] / (double) reach[i];
    }
    return c;
  }

  /** {@return the sum of {@link #secondsInStage}: the deals' total lifetime up to as-of} */
  public long totalSeconds() {
    return Arrays.stream(secondsInStage).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Answers && Arrays.equals(reach, ((Answers) o).reach)
        && Arrays.equals(conversion, ((Answers) o).conversion)
        && Arrays.equals(secondsInStage, ((Answers) o).secondsInStage);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(reach) * 31 * 31 + Arrays.hashCode(conversion) * 31
        + Arrays.hashCode(secondsInStage);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "reach %s, conversion %s, seconds in stage %s",
        Arrays.toString(reach), Arrays.toString(conversion), Arrays.toString(secondsInStage));
  }

  /**
   * Checks that contenders agree.
   *
   * @param expected the reference answer and its name
   * @param expectedName who computed it
   * @param actual another contender's answer
   * @param actualName who computed it
   * @throws IllegalStateException naming both and both answers if they differ
   */
  public static void requireEqual(Answers expected, String expectedName, Answers actual,
      String actualName) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException("contenders disagree:\n  " + expectedName + ": " + expected
          + "\n  " + actualName + ": " + actual);
    }
  }
}
