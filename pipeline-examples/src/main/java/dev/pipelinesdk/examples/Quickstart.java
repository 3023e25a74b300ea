package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.time.InstantSource;
import java.util.List;

/** The README quickstart, kept compiling and running (QuickstartTest checks its output). */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the quickstart.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // README quickstart begins
    Pipeline pipeline = Pipeline.of(PipelineTemplates.definition("saas-b2b"), InstantSource.system());
    Request ana = Request.by("ana");
    DealHistory history = pipeline.create(NewDeal.builder().id("D-1").title("Acme, 40 seats")
        .amount(Money.of("48000", "EUR")).leadSource(LeadSource.warm("webinar"))
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(72)).build(), ana).historyOrThrow();

    history = pipeline.move(history, "qualification", ana).historyOrThrow(); // lead score 72 >= 50
    Outcome outcome = pipeline.move(history, "consideration", ana);        // not sales-qualified yet
    outcome.violations().forEach(v -> System.out.println(v.code() + " " + v.subjects()));
    // prints: missing_qualifying_answers [need, buying_process, decision_maker]

    for (String fact : List.of("need", "buying_process", "decision_maker")) {
      history = pipeline.setAttribute(history, fact, AttributeValue.of(true), ana).historyOrThrow();
    }
    history = pipeline.move(history, "consideration", ana).historyOrThrow();
    Deal deal = history.current();                    // persist history.events(), the deal's truth
    System.out.println(deal.id() + " is in " + deal.stage() + " after " + history.size() + " events");
    // prints: D-1 is in consideration after 6 events
    // README quickstart ends
  }
}
