package dev.pipelinesdk.benchmarks.agenda;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.automation.Activity;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The data of the agenda benchmark: open deals of a {@code saas-b2b}-like pipeline with several
 * automation rules per stage, their histories built through the engine's import path from a
 * fixed seed, and the few numbers per deal a hand-written loop over primitive arrays needs.
 *
 * <p>The definition ({@link #definition()}): the stages of the {@code saas-b2b} template, a
 * Monday-to-Friday calendar in Europe/Berlin with the German national holidays of 2026, and 11
 * rules on the four open stages, 2 to 3 per stage:
 *
 * <ul>
 *   <li>an idle rule per stage in business days (10, 7, 10; reset by touches and stage changes),
 *       at Decision a decision timeout of 5 business days instead;
 *   <li>a "review" idle rule per stage in calendar days ({@value #REVIEW_DAYS} days without any
 *       activity: touch, stage change, attribute or field change), id {@code review:STAGE};
 *   <li>delay contacts: one after Qualification's expected duration; in Consideration after 10
 *       business days, in Decision after 5 with an offer, each repeated every 5 business days, at
 *       most 3 per visit.
 * </ul>
 *
 * <p>The deals ({@link #generate}): every deal is open at {@link #AS_OF}, created at a random
 * second of the 150 days before it, owned by one of 8 reps. From its creation it lives one step
 * at a time, 1 hour to 6 days apart (one gap in six is 8 to 40 days: the deal went quiet), until
 * the next step would fall after {@link #AS_OF}: a touch (a random channel, direction and
 * result; 3 in 4 steps), a move to the next open stage (if not at Decision; about 1 step in 7),
 * a move back from Consideration or Decision (1 in 60), an attribute change (1 in 20) or a
 * snooze of 3 to 20 days (1 in 50). About 13 events per deal: at 100,000 deals 1,282,906 events
 * (29,073 deals in Prospecting, 27,038 in Qualification, 27,891 in Consideration, 15,998 in
 * Decision), and an agenda of 60,357 items as of {@link #AS_OF}.
 */
public final class AgendaData {
  /** The instant the agenda is computed at: Monday 2026-06-01, 08:00 UTC. */
  public static final Instant AS_OF = Instant.parse("2026-06-01T08:00:00Z");
  /** The seed of every data set. */
  public static final long SEED = 15;
  /** The calendar days of the review rules. */
  public static final int REVIEW_DAYS = 21;
  /** The open stages, in funnel order. */
  static final List<String> OPEN = List.of("prospecting", "qualification", "consideration",
      "decision");
  private static final List<String> OWNERS = List.of("ana", "ben", "chloe", "dara", "emil",
      "fatou", "gus", "hana");
  private static final long DAY = 86_400;

  private static final PipelineDefinition DEFINITION = build();

  private AgendaData() {}

  /** {@return the benchmark's definition (see the class comment)} */
  public static PipelineDefinition definition() {
    return DEFINITION;
  }

  private static PipelineDefinition build() {
    PipelineDefinition template = PipelineTemplates.definition("saas-b2b");
    PipelineDefinition.Builder b = PipelineDefinition.builder("agenda-bench")
        .name("Agenda benchmark");
    for (Stage s : template.stages()) {
      b.stage(s);
    }
    b.path("prospecting", "qualification", "consideration", "decision", "won")
        .transition("consideration", "qualification")
        .transition("decision", "consideration")
        .fromEveryOpenStage("lost")
        .fromEveryOpenStage("dormant")
        .transition("dormant", "qualification");
    b.calendar(BusinessCalendar.builder().weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
        .holidays(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
            LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25),
            LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26))
        .zone(ZoneId.of("Europe/Berlin")).build());
    b.rule(IdleRule.of("prospecting", Span.businessDays(10)))
        .rule(IdleRule.of("qualification", Span.businessDays(7)))
        .rule(IdleRule.of("consideration", Span.businessDays(10)))
        .rule(DecisionTimeout.of("decision", Span.businessDays(5)));
    for (String s : OPEN) {
      b.rule(new IdleRule("review:" + s, StageId.of(s), Span.days(REVIEW_DAYS),
          EnumSet.allOf(Activity.class)));
    }
    b.rule(DelayContactRule.builder("qualification", "deal.qualification.delayed").build())
        .rule(DelayContactRule.builder("consideration", "deal.consideration.delayed")
            .after(Span.businessDays(10)).repeat(Span.businessDays(5), 3).build())
        .rule(DelayContactRule.builder("decision", "deal.decision.delayed")
            .after(Span.businessDays(5)).offer("implementation-workshop")
            .repeat(Span.businessDays(5), 3).build());
    return b.build();
  }

  /**
   * The generated data.
   *
   * @param histories one history per deal, deal {@code i} at index {@code i}
   * @param events the events of all histories
   * @param reviewFrom per deal, epoch seconds: when its review clock last started (its latest
   *     event that is not a snooze)
   * @param entered per deal, epoch seconds: when it entered its stage
   * @param last per deal, epoch seconds: its latest event
   * @param snoozeEnd per deal, epoch seconds: the start of the day its latest snooze lasts until
   *     (in the calendar's zone), or {@link Long#MIN_VALUE} if never snoozed
   */
  public record Dataset(List<DealHistory> histories, long events, long[] reviewFrom,
      long[] entered, long[] last, long[] snoozeEnd) {
    /** {@return the number of deals} */
    public int deals() {
      return histories.size();
    }
  }

  /**
   * Generates the data set: the same for the same number of deals.
   *
   * @param deals how many deals
   * @return the histories and the primitive arrays
   * @throws IllegalStateException if the engine refuses a generated fact (a bug here)
   */
  public static Dataset generate(int deals) {
    Pipeline engine = Pipeline.of(DEFINITION, () -> {
      throw new IllegalStateException("every fact has its instant");
    });
    BusinessCalendar calendar = DEFINITION.calendar();
    SplittableRandom random = new SplittableRandom(SEED);
    long asOf = AS_OF.getEpochSecond();
    List<DealHistory> histories = new ArrayList<>(deals);
    long[] reviewFrom = new long[deals];
    long[] entered = new long[deals];
    long[] last = new long[deals];
    long[] snoozeEnd = new long[deals];
    long events = 0;
    Touch.Channel[] channels = Touch.Channel.values();
    Touch.Result[] results = Touch.Result.values();
    for (int d = 0; d < deals; d++) {
      String owner = OWNERS.get(random.nextInt(OWNERS.size()));
      long t = asOf - 1 - random.nextLong(150 * DAY);
      Request by = Request.by(owner);
      DealHistory h = engine.importDeal(NewDeal.builder().id("D-" + d).title("Deal " + d)
          .owner(owner).amount(Money.of(BigDecimal.valueOf(1_000 + random.nextInt(99_000)),
              Money.currency("EUR"))).build(), by.at(Instant.ofEpochSecond(t))).historyOrThrow();
      int stage = 0;
      long entry = t;
      long review = t;
      long snoozed = Long.MIN_VALUE;
      while (true) {
        long gap = random.nextInt(6) == 0 ? 8 * DAY + random.nextLong(32 * DAY)
            : 3_600 + random.nextLong(6 * DAY);
        if (t + gap > asOf) {
          break;
        }
        t += gap;
        Instant at = Instant.ofEpochSecond(t);
        int step = random.nextInt(420);
        Command fact;
        if (step < 60 && stage < OPEN.size() - 1) {
          fact = new Command.MoveTo(StageId.of(OPEN.get(++stage)));
          entry = t;
        } else if (step < 67 && stage >= 2) {
          fact = new Command.MoveTo(StageId.of(OPEN.get(--stage)));
          entry = t;
        } else if (step < 88) {
          fact = new Command.SetAttribute("next_step", Optional.of(AttributeValue.of(
              "step " + random.nextInt(5))));
        } else if (step < 96) {
          LocalDate until = calendar.date(at).plusDays(3 + random.nextInt(18));
          fact = new Command.Snooze(until, "waiting for the customer");
          snoozed = calendar.startOf(until).getEpochSecond();
        } else {
          Touch touch = new Touch(channels[random.nextInt(channels.length)],
              random.nextInt(3) == 0 ? Touch.Direction.INBOUND : Touch.Direction.OUTBOUND,
              results[random.nextInt(results.length)]);
          fact = new Command.RecordTouch(touch);
        }
        Outcome o = engine.importFact(h, fact, by.at(at));
        if (!(o instanceof Outcome.Accepted)) {
          throw new IllegalStateException("deal D-" + d + ": " + o);
        }
        DealHistory next = o.historyOrThrow();
        if (next.size() > h.size() && !(fact instanceof Command.Snooze)) {
          review = t; // not when the attribute already had the value: no event then
        }
        h = next;
      }
      histories.add(h);
      events += h.size();
      reviewFrom[d] = review;
      entered[d] = entry;
      last[d] = h.events().get(h.size() - 1).at().getEpochSecond();
      snoozeEnd[d] = snoozed;
    }
    return new Dataset(List.copyOf(histories), events, reviewFrom, entered, last, snoozeEnd);
  }
}
