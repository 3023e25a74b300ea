package dev.pipelinesdk.benchmarks.agenda;

/**
 * A floor, not a contender: the {@code review:STAGE} rules alone (calendar days, every activity
 * resets them, snoozable) as a hand-written loop over the primitive arrays of {@link
 * AgendaData.Dataset} (built when the data is generated, not timed): per deal the due instant,
 * the snooze, the "never before the last event" rule, and a count and a checksum of the due
 * instants instead of item objects; no reasons, no sort. What the agenda's generality, its
 * objects and its words cost, for one of its 11 rules.
 */
public final class ReviewLoop {
  private ReviewLoop() {}

  /**
   * What the review rules have due.
   *
   * @param data the primitive arrays
   * @param asOf the instant, epoch seconds
   * @return {count, sum of the due instants in epoch seconds}
   */
  public static long[] due(AgendaData.Dataset data, long asOf) {
    long[] from = data.reviewFrom();
    long[] entered = data.entered();
    long[] last = data.last();
    long[] snoozeEnd = data.snoozeEnd();
    long span = AgendaData.REVIEW_DAYS * 86_400L;
    long count = 0;
    long sum = 0;
    for (int i = 0; i < from.length; i++) {
      long due = Math.max(from[i] + span, entered[i]);
      if (due > asOf) {
        continue;
      }
      long end = snoozeEnd[i];
      if (end != Long.MIN_VALUE) {
        if (asOf < end) {
          continue;
        }
        due = Math.max(due, end);
      }
      count++;
      sum += Math.max(due, last[i]);
    }
    return new long[] {count, sum};
  }
}
