package dev.pipelinesdk.examples;

/** Small stage-history files shared by the tests that read them. */
public final class SampleExports {
  private SampleExports() {}

  /**
   * Four deals over lead, demo, proposal, won, lost and dark: back-moves, re-entries, a revival,
   * a deal created in demo, rows out of time order, dates and date-times with offsets.
   */
  public static final String STAGE_HISTORY = String.join("\n",
      "deal_id,at,stage,amount,owner",
      "B,2017-03-02,lead,500,bob",
      "B,2017-03-05,lost,,bob",
      "A,2017-03-03,demo,,ann",
      "A,2017-03-01,lead,1000,ann",
      "B,2017-03-02T12:00:00Z,demo,,bob",
      "A,2017-03-04,lead,,ann",
      "A,2017-03-06T06:00:00+00:00,demo,1200,ann",
      "A,2017-03-08,won,,ann",
      "C,2017-03-04,lead,,cy",
      "C,2017-03-05,dark,,cy",
      "C,2017-03-07,lead,,cy",
      "D,2017-03-06T12:00:00Z,demo,800,dee") + "\n";
}
