package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AgendaSimulator;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.CadenceEnrolment;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.RuleContext;
import dev.pipelinesdk.core.diagram.Diagrams;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.HandoffOutcome;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.metrics.PreparedHistories;
import dev.pipelinesdk.core.metrics.TimeInStageReport;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.mortgage.MortgageMessages;
import dev.pipelinesdk.examples.mortgage.MortgageTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The tour: the article's default B2B pipeline end to end. Guards reject an unqualified lead
 * with reasons, a qualified lead moves on, moves back, goes on to win; another deal goes dark and
 * is revived; a third is lost and reopened; every history replays to its deal. Then the funnel
 * versus the pipeline over generated deals, the agenda the template's rules make of them, and
 * the same as an HTML report. Time comes from a
 * manual clock and the generator's seed, so the output is the same on every run.
 */
public final class Tour {
  private final PrintWriter out;
  private final Path html;
  private final TourClock clock = new TourClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final Pipeline pipeline;
  private final Request ana = Request.by("ana");

  /**
   * Creates the tour.
   *
   * @param out where to print
   * @param html where to write the HTML report
   */
  public Tour(PrintWriter out, Path html) {
    this.out = out;
    this.html = html;
    PipelineDefinition definition = PipelineTemplates.definition("saas-b2b");
    this.pipeline = Pipeline.builder(definition).clock(clock).build();
  }

  /**
   * Runs the tour, printing to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    new Tour(out, Path.of(System.getProperty("java.io.tmpdir"), "pipeline-tour-report.html")).run();
    out.flush();
  }

  /** Runs the tour. */
  public void run() {
    section("1. The pipeline, as Mermaid (paste it with its fence into GitHub or any Markdown"
        + " viewer)");
    out.println("```mermaid");
    out.print(Diagrams.mermaid(pipeline.definition()));
    out.println("```");

    section("2. An unqualified lead is stopped at the door, with reasons");
    DealHistory cold = create("D-100", "Globex, trial signup", LeadSource.cold("call"), 20);
    Outcome refused = step(cold, new Command.MoveTo(StageId.of("qualification")));
    refused.violations().forEach(v -> out.println("   - " + v.code() + ": " + v.message()));

    section("3. A qualified lead moves on, back, and on to the win");
    DealHistory acme = create("D-101", "Acme, 40 seats", LeadSource.warm("webinar"), 72);
    acme = apply(acme, new Command.MoveTo(StageId.of("qualification")));
    Outcome early = step(acme, new Command.MoveTo(StageId.of("consideration")));
    early.violations().forEach(v -> out.println("   - " + v.code() + " " + v.subjects()));
    for (String fact : List.of("need", "buying_process", "decision_maker")) {
      acme = apply(acme, new Command.SetAttribute(fact,
          java.util.Optional.of(AttributeValue.of(true))));
    }
    acme = apply(acme, new Command.MoveTo(StageId.of("consideration")));
    acme = apply(acme, new Command.RecordTouch(
        Touch.outbound(Touch.Channel.MEETING, Touch.Result.NEXT_STEP_AGREED)));
    out.println("   the champion left; back to qualification to find the new decision maker:");
    acme = apply(acme, new Command.MoveTo(StageId.of("qualification")));
    acme = apply(acme, new Command.MoveTo(StageId.of("consideration")));
    acme = apply(acme, new Command.MoveTo(StageId.of("decision")));
    acme = apply(acme, new Command.Win());
    // the template declares its handoff: the won deal opens in customer success, linked both ways
    Pipeline success = Pipeline.of(PipelineTemplates.definition("customer-success"), clock);
    HandoffOutcome.Accepted handed = pipeline.handOff(acme, success, ana).orElseThrow();
    acme = handed.origin();
    Deal onboarding = handed.followOn().current();
    out.println(" ✓ " + acme.dealId() + " handed off: " + handed.link() + " opens in "
        + onboarding.stage() + " with " + onboarding.amount().map(Object::toString).orElse("no amount")
        + " and " + count(onboarding.attributes().size(), "attribute") + "; its history links back: "
        + handed.followOn().links());

    section("4. A deal goes dark and is revived");
    DealHistory initech = create("D-102", "Initech, renewal", LeadSource.warm("referral"), 60);
    initech = apply(initech, new Command.MoveTo(StageId.of("qualification")));
    clock.advance(Duration.ofDays(21));
    out.println("   three weeks without an answer:");
    initech = apply(initech, new Command.GoDormant());
    clock.advance(Duration.ofDays(9));
    initech = apply(initech, new Command.RecordTouch(
        Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED)));
    initech = apply(initech, new Command.MoveTo(StageId.of("qualification")));

    section("5. A deal is lost with a reason, then reopened");
    DealHistory umbrella = create("D-103", "Umbrella, pilot", LeadSource.cold("social"), 55);
    umbrella = apply(umbrella, new Command.MoveTo(StageId.of("qualification")));
    umbrella = apply(umbrella, new Command.Lose("no budget this year"));
    out.println("   lost reason: " + umbrella.current().lostReason().orElse("-"));
    clock.advance(Duration.ofDays(120));
    umbrella = apply(umbrella, new Command.MoveTo(StageId.of("qualification")));

    section("6. History is the truth: every deal replays from its events");
    for (DealHistory h : List.of(cold, acme, initech, umbrella)) {
      Deal replayed = h.replay();
      out.printf("   %-6s %-9s -> %-14s replay equals deal: %s%n", h.dealId(),
          count(h.size(), "event"), replayed.stage(), replayed.equals(h.current()));
    }
    out.println();
    out.println("Events of D-101:");
    for (DealEvent e : acme.events()) {
      out.println("   " + describe(e));
    }

    section("7. The funnel versus the pipeline, over 300 generated deals");
    out.println("The funnel counts: how many deals reached each stage, how many dropped out.");
    out.println("The pipeline knows where each open deal is now and what it is worth.");
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant asOf = Instant.parse("2026-07-01T00:00:00Z");
    List<DealHistory> generated = SyntheticHistories.generate(300, 42, from, asOf, n -> { });
    PipelineReport report = PipelineReport.of(pipeline.definition(), generated, asOf,
        asOf.minus(Duration.ofDays(30)));
    out.println();
    out.print(report.text());

    section("8. Time in stage from prepared histories: prepare once, ask many times");
    PreparedHistories prepared = PreparedHistories.stageEntriesOnly(pipeline.definition(),
        generated);
    TimeInStageReport totals = Metrics.computeParallel(
        Metrics.timeInStageTotals(pipeline.definition(), asOf), prepared);
    out.println(prepared.deals() + " deals, " + prepared.stageEntries() + " stage entries in"
        + " primitive columns (PreparedHistories); the totals, computed in parallel:");
    out.println();
    out.print(totals.toTable());
    out.println();
    out.println("same as over the histories: " + totals.equals(
        Metrics.compute(Metrics.timeInStageTotals(pipeline.definition(), asOf), generated)));

    section("9. The agenda: what is due on these deals, by the template's rules");
    agenda(generated, asOf);

    section("10. The same as a page to look at");
    try {
      Files.writeString(html, report.html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("HTML report written to " + html.toAbsolutePath());
    out.println("Run it on your own CRM export: java -jar pipeline-examples/target/pipeline.jar"
        + " report --help");

    section("11. A vendor's pipeline: mortgage, and the borrower kept informed while it stalls");
    mortgage();
  }

  /**
   * The vendor's mortgage template: its delay contacts, a loan that stalls simulated day by day
   * for eight weeks, what the borrower reads.
   */
  private void mortgage() {
    PipelineDefinition m = PipelineTemplates.definition(MortgageTemplate.NAME);
    out.println("Template '" + m.id() + "' is not core's: pipeline-examples ships it in its own"
        + " package, found by name");
    out.println("through META-INF/services as a vendor's jar would be (" + m.calendar() + ").");
    out.println("Its contacts with the borrower:");
    for (AutomationRule r : m.automationRules()) {
      if (r instanceof DelayContactRule) {
        out.println("   " + m.requireStage(r.stage()).name() + ": " + r.description());
      }
    }
    Pipeline lender = Pipeline.of(m, clock); // every command below says when
    Request lee = Request.by("lee").at(Instant.parse("2026-06-01T12:00:00Z")); // 08:00 New York
    DealHistory loan = lender.create(NewDeal.builder().id("L-1").title("Miller, 30y fixed")
        .owner("lee").amount(Money.of("420000", "USD")).build(), lee).historyOrThrow();
    loan = lender.executeAll(loan, List.of(flag("proof_of_income"), flag("credit_report"),
        new Command.MoveTo(StageId.of("pre-approval")), flag("purchase_contract"),
        new Command.MoveTo(StageId.of("processing"))), lee).historyOrThrow();
    out.println();
    out.println(" + L-1 (Miller, 30y fixed, USD 420,000) is in processing from Monday 2026-06-01;"
        + " the appraisal keeps it");
    out.println("   there five weeks, underwriting two. Eight weeks, day by day: the loan officer"
        + " acts on every");
    out.println("   due item the next business day, the borrower answers about half of the"
        + " emails.");
    AgendaSimulator.Result run = AgendaSimulator.builder(lender, List.of(loan))
        .from(LocalDate.of(2026, 6, 1)).to(LocalDate.of(2026, 7, 26))
        .policy(AgendaSimulator.Policy.actNextBusinessDay().withReplies(0.5, 7L))
        .script(LocalDate.of(2026, 7, 7), "L-1", flag("documents_received"),
            flag("appraisal_done"), new Command.MoveTo(StageId.of("underwriting")))
        .script(LocalDate.of(2026, 7, 23), "L-1", new Command.MoveTo(StageId.of("conditions")))
        .build().run();
    AgendaItem offered = null;
    java.util.Set<String> made = new java.util.HashSet<>();
    for (AgendaSimulator.Action a : run.actions()) {
      String day = m.calendar().date(a.at()).toString();
      if (a.scripted()) {
        a.events().stream().filter(e -> e instanceof DealEvent.Moved).map(e -> (DealEvent.Moved) e)
            .forEach(e -> out.println("   " + day + "  moved: " + m.requireStage(e.from()).name()
                + " -> " + m.requireStage(e.to()).name()));
        continue;
      }
      AgendaItem i = a.item().orElseThrow();
      made.add(i.rule() + "@" + i.dueSince());
      if (offered == null && i.offer().isPresent()) {
        offered = i;
      }
      out.println("   " + day + "  email " + i.messageKey().orElseThrow()
          + i.offer().map(o -> " + offer " + o).orElse("") + " (due "
          + m.calendar().date(i.dueSince()) + ", " + i.reason().substring(
              i.reason().lastIndexOf("; ") + 2) + ")"
          + (a.commands().size() > 1 ? "; the borrower replied" : ""));
    }
    for (AgendaSimulator.Day d : run.days()) {
      for (AgendaItem i : d.items()) {
        if (!made.contains(i.rule() + "@" + i.dueSince()) && made.add(i.rule() + "@"
            + i.dueSince())) {
          out.println("   never sent: " + i.messageKey().orElseThrow() + ", due "
              + m.calendar().date(i.dueSince()) + "; the loan left "
              + m.requireStage(i.stage()).name() + " before the officer got to it");
        }
      }
    }
    List<Instant> processing = run.actions().stream().filter(a -> a.item().isPresent()
        && a.item().get().stage().equals(StageId.of("processing"))).map(a -> a.at()).toList();
    Instant left = run.actions().stream().filter(a -> a.scripted()).findFirst().orElseThrow().at();
    out.println("   processing: " + count(processing.size(), "email") + ", its cap; none in the "
        + Duration.between(processing.get(processing.size() - 1), left).toDays()
        + " days the loan stayed after the last.");
    if (offered != null) {
      out.println();
      out.println("What the borrower reads, in German (MortgageMessages, the vendor's resource"
          + " bundle):");
      for (String line : MortgageMessages.text(offered, Locale.GERMAN).orElseThrow()
          .split("\\R")) {
        out.println(line.isEmpty() ? "" : "   " + line);
      }
    }
  }

  private static Command flag(String name) {
    return new Command.SetAttribute(name, java.util.Optional.of(AttributeValue.of(true)));
  }

  /**
   * The agenda of the generated deals; then one item acted on, one snoozed, and a cadence step
   * done, followed by the customer's reply, which ends the cadence.
   */
  private void agenda(List<DealHistory> generated, Instant asOf) {
    PipelineDefinition d = pipeline.definition();
    out.println("Rules (" + d.calendar() + "):");
    for (AutomationRule r : Agenda.rules(d)) {
      out.println("   " + d.requireStage(r.stage()).name() + ": " + r.description());
    }
    Agenda agenda = Agenda.of(d, generated, asOf);
    Map<AgendaItem.Kind, Long> counts = new EnumMap<>(AgendaItem.Kind.class);
    agenda.items().forEach(i -> counts.merge(i.kind(), 1L, Long::sum));
    out.println();
    out.println("As of " + asOf + ": " + count(agenda.items().size(), "item") + " due ("
        + counts.entrySet().stream().map(e -> e.getKey().count(e.getValue()))
            .collect(java.util.stream.Collectors.joining(", ")) + "); the first ones:");
    agenda.items().stream().limit(6).forEach(this::print);
    List<DealHistory> after = new ArrayList<>(generated);
    AgendaItem first = agenda.items().get(0);
    AgendaItem idle = agenda.items().stream().filter(i -> i.kind() == AgendaItem.Kind.IDLE)
        .findFirst().orElseThrow();
    AgendaItem step = agenda.items().stream()
        .filter(i -> i.kind() == AgendaItem.Kind.CADENCE_TOUCH).findFirst().orElseThrow();
    Pipeline at = Pipeline.of(d, InstantSource.fixed(asOf));
    int stepped = -1;
    for (int k = 0; k < after.size(); k++) {
      DealHistory h = after.get(k);
      if (h.dealId().equals(first.deal())) {
        after.set(k, at.recordTouch(h, Touch.outbound(Touch.Channel.CALL,
            Touch.Result.NEXT_STEP_AGREED), ana).historyOrThrow());
      } else if (h.dealId().equals(idle.deal())) {
        after.set(k, at.snooze(h, d.calendar().date(asOf).plusDays(7), "customer at a trade fair",
            ana).historyOrThrow());
      } else if (h.dealId().equals(step.deal())) {
        after.set(k, at.recordTouch(h, Touch.outbound(Touch.Channel.EMAIL,
            Touch.Result.NO_RESPONSE), ana).historyOrThrow());
        stepped = k;
      }
    }
    out.println();
    out.println("   " + first.deal() + ": the owner calls and records the touch; " + idle.deal()
        + " is snoozed for a week (customer at a trade fair); " + step.deal() + " gets the email "
        + step.messageKey().orElse("of its cadence step") + ":");
    Agenda next = Agenda.of(d, after, asOf);
    out.println("   now " + count(next.items().size(), "item") + " due; in a week "
        + idle.deal() + " is back: " + Agenda.of(d, after, asOf.plus(Duration.ofDays(7)))
            .items().stream().filter(i -> i.deal().equals(idle.deal()))
            .map(i -> i.kind().words() + " (" + i.reason() + ")").findFirst().orElse("-"));
    DealHistory emailed = after.get(stepped);
    CadenceEnrolment running = RuleContext.of(d, emailed, asOf).cadences().get(0);
    Instant replyAt = asOf.plus(Duration.ofHours(30));
    DealHistory replied = Pipeline.of(d, InstantSource.fixed(replyAt)).recordTouch(emailed,
        Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED), ana).historyOrThrow();
    CadenceEnrolment ended = RuleContext.of(d, replied, replyAt).cadences().get(0);
    long later = Agenda.of(d, List.of(replied), asOf.plus(Duration.ofDays(30))).items().stream()
        .filter(i -> i.kind() == AgendaItem.Kind.CADENCE_TOUCH).count();
    out.println("   " + step.deal() + "'s cadence '" + running.cadence() + "': "
        + count(running.stepsDone(), "step") + " done, the next due on "
        + d.calendar().date(running.nextStepDue().orElseThrow()) + "; the customer replies on "
        + d.calendar().date(replyAt) + ", so it ends (" + ended.end().orElseThrow().reason()
            .words() + "): " + AgendaItem.Kind.CADENCE_TOUCH.count(later)
        + " due for it a month later");
  }

  private void print(AgendaItem i) {
    out.println("   " + pipeline.definition().calendar().date(i.dueSince()) + "  " + i.deal()
        + " (" + i.owner().orElse("no owner") + ", " + pipeline.definition()
            .requireStage(i.stage()).name() + ") " + i.kind().words() + ": " + i.reason());
  }

  private DealHistory create(String id, String title, LeadSource source, int leadScore) {
    clock.advance(Duration.ofHours(1));
    Outcome.Accepted created = pipeline.create(NewDeal.builder().id(id).title(title)
        .amount(Money.of("12000", "EUR")).leadSource(source)
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(leadScore)).build(), ana);
    out.println(" + " + id + " created in " + created.deal().stage() + " (" + title + ", lead score "
        + leadScore + ", " + source + ")");
    return DealHistory.of(created.events());
  }

  private Outcome step(DealHistory history, Command command) {
    clock.advance(Duration.ofDays(2));
    Outcome outcome = pipeline.execute(history, command, ana);
    Deal before = history.current();
    if (outcome.isAccepted() && outcome.deal().stage().equals(before.stage())) {
      out.println(" ✓ " + before.id() + " " + describe(command) + " (in " + before.stage() + ")");
    } else if (outcome.isAccepted()) {
      out.println(" ✓ " + before.id() + " " + describe(command) + ": " + before.stage() + " -> "
          + outcome.deal().stage());
    } else {
      out.println(" ✗ " + before.id() + " " + describe(command) + ": refused, stays in "
          + before.stage());
    }
    return outcome;
  }

  private DealHistory apply(DealHistory history, Command command) {
    Outcome outcome = step(history, command);
    if (!outcome.isAccepted()) {
      outcome.violations().forEach(v -> out.println("   - " + v.message()));
      throw new IllegalStateException("the tour expected " + command + " to be accepted");
    }
    return outcome.appendTo(history);
  }

  private static String describe(Command command) {
    if (command instanceof Command.MoveTo) {
      return "move to " + ((Command.MoveTo) command).to();
    }
    if (command instanceof Command.SetAttribute) {
      Command.SetAttribute s = (Command.SetAttribute) command;
      return "set " + s.name() + " = " + s.value().map(Object::toString).orElse("(removed)");
    }
    if (command instanceof Command.RecordTouch) {
      Touch t = ((Command.RecordTouch) command).touch();
      return "record touch: " + words(t.direction().name()) + " " + words(t.channel().name())
          + ", " + words(t.result().name());
    }
    if (command instanceof Command.Lose) {
      return "lose (" + ((Command.Lose) command).reason() + ")";
    }
    // the command's name as words: GoDormant -> "go dormant"
    return command.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ")
        .toLowerCase(Locale.ROOT);
  }

  /** {@return an enum constant's name as lower-case words: NEXT_STEP_AGREED -> next step agreed} */
  private static String words(String constant) {
    return constant.replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  /** {@return "1 event", "2 events"} */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String describe(DealEvent e) {
    String what;
    if (e instanceof DealEvent.StageChanged) {
      DealEvent.StageChanged m = (DealEvent.StageChanged) e;
      what = e.getClass().getSimpleName() + " " + m.from() + " -> " + m.to();
    } else if (e instanceof DealEvent.AttributeChanged) {
      DealEvent.AttributeChanged a = (DealEvent.AttributeChanged) e;
      what = "AttributeChanged " + a.name() + " = " + a.value().map(Object::toString).orElse("-");
    } else {
      what = e.getClass().getSimpleName();
    }
    return e.at() + "  " + e.actor() + "  " + what;
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
    out.println();
  }

  /** A clock the tour moves by hand, so every run prints the same instants. */
  private static final class TourClock implements InstantSource {
    private Instant now;

    TourClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  /** For tests: the lines the tour printed are returned by running it into a buffer. */
  static List<String> runToLines(Path html) {
    java.io.StringWriter buffer = new java.io.StringWriter();
    PrintWriter pw = new PrintWriter(buffer, true);
    new Tour(pw, html).run();
    pw.flush();
    return new ArrayList<>(List.of(buffer.toString().split("\\R")));
  }
}
