package dev.pipelinesdk.benchmarks.metrics;

/**
 * The baseline: one loop over primitive arrays of stage entries (deal index, stage position,
 * epoch seconds), sorted by deal, then time. The sort is not timed (the arrays are built in the
 * benchmark's setup); the loop relies on it: an entry lasts until the deal's next entry, or until
 * as-of for its last one, and a deal's entries are consecutive.
 */
public final class PrimitiveLoop {
  private PrimitiveLoop() {}

  /**
   * Computes the answers.
   *
   * @param deal per entry: the deal index
   * @param stage per entry: the stage position (fewer than 32 stages)
   * @param at per entry: epoch seconds, at most {@code asOf}
   * @param asOf the as-of instant, epoch seconds
   * @param stages the number of stages
   * @param funnel the funnel stages' positions (see {@link Answers#funnelPositions})
   * @return the answers
   */
  public static Answers compute(int[] deal, byte[] stage, long[] at, long asOf, int stages,
      int[] funnel) {
    long[] entered = new long[stages];
    long[] seconds = new long[stages];
    int n = deal.length;
    int seen = 0;
    for (int i = 0; i < n; i++) {
      int s = stage[i];
      seen |= 1 << s;
      boolean last = i + 1 == n || deal[i + 1] != deal[i];
      seconds[s] += (last ? asOf : at[i + 1]) - at[i];
      if (last) {
        for (int k = 0; k < stages; k++) {
          entered[k] += (seen >>> k) & 1;
        }
        seen = 0;
      }
    }
    long[] reach = new long[funnel.length];
    for (int i = 0; i < funnel.length; i++) {
      reach[i] = entered[funnel[i]];
    }
    return new Answers(reach, Answers.conversions(reach), seconds);
  }
}
