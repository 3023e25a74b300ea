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

  /**
   * HubSpot's deal pipelines, shaped like the response of GET /crm/v3/pipelines/deals: strings
   * for isClosed and probability; two pipelines, stages out of display order.
   */
  public static final String HUBSPOT_PIPELINES = """
      {"results": [
        {"id": "default", "label": "Sales Pipeline", "displayOrder": 0, "stages": [
          {"id": "qualifiedtobuy", "label": "Qualified To Buy", "displayOrder": 1,
           "metadata": {"isClosed": "false", "probability": "0.4"}},
          {"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0,
           "metadata": {"isClosed": "false", "probability": "0.2"}},
          {"id": "closedwon", "label": "Closed Won", "displayOrder": 2,
           "metadata": {"isClosed": "true", "probability": "1.0"}},
          {"id": "closedlost", "label": "Closed Lost", "displayOrder": 3,
           "metadata": {"isClosed": "true", "probability": "0.0"}}]},
        {"id": "renewals", "label": "Renewals", "displayOrder": 1, "stages": [
          {"id": "renewal_due", "label": "Renewal due", "displayOrder": 0,
           "metadata": {"isClosed": "false", "probability": "0.5"}},
          {"id": "renewed", "label": "Renewed", "displayOrder": 1,
           "metadata": {"isClosed": "true", "probability": "0.5"}}]}]}
      """;
}
