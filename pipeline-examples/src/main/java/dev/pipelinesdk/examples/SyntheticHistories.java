package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Realistic synthetic stage histories for the {@code saas-b2b} template: deals are driven through
 * the real {@link Pipeline} engine on a clock the simulation sets, so every history is valid by
 * construction and every guard was passed (lead score for qualification, the sales-qualified
 * facts for consideration, an amount for decision).
 *
 * <p>What the data shows: fewer than half of the prospects qualify (cold leads less often than
 * warm ones), and consideration leaks (more than half of the deals that reach it drop out there,
 * so the leak finder names both), some deals move back a stage, some go dark
 * and a third of those are revived, 1 to 4 touches per stage, amounts change on the way to a
 * decision. Deals arrive evenly over the whole period, so the last weeks have new deals and the
 * open pipeline at the end has deals in every stage, as a pipeline in steady state does. The
 * same seed gives the same histories.
 */
public final class SyntheticHistories {
  private static final List<LeadSource> SOURCES = List.of(LeadSource.warm("webinar"),
      LeadSource.warm("content"), LeadSource.warm("referral"), LeadSource.warm("event"),
      LeadSource.warm("chatbot"), LeadSource.cold("call"), LeadSource.cold("email"),
      LeadSource.cold("social"));
  private static final List<String> OWNERS = List.of("ana", "ben", "chen", "dara");
  private static final StageId PROSPECTING = StageId.of("prospecting");
  private static final StageId QUALIFICATION = StageId.of("qualification");
  private static final StageId CONSIDERATION = StageId.of("consideration");
  private static final StageId DECISION = StageId.of("decision");

  private final Random random;
  private final Instant from;
  private final Instant to;
  private final SettableClock clock = new SettableClock();
  private final Pipeline pipeline;

  private SyntheticHistories(long seed, Instant from, Instant to) {
    this.random = new Random(seed);
    this.from = from;
    this.to = to;
    this.pipeline = Pipeline.builder(PipelineTemplates.definition("saas-b2b")).clock(clock).build();
  }

  /** {@return the definition the histories belong to: the {@code saas-b2b} template} */
  public static PipelineDefinition definition() {
    return PipelineTemplates.definition("saas-b2b");
  }

  /**
   * Generates deals created in {@code [from, to)}; nothing happens after {@code to}.
   *
   * @param deals how many deals, at least 0
   * @param seed the seed: the same seed gives the same histories
   * @param from when the first deal may be created
   * @param to when the simulation stops
   * @param progress told the number of deals done so far, now and then
   * @return the histories, in order of creation
   * @throws IllegalArgumentException if {@code deals} is negative or {@code to} is not after
   *     {@code from}
   */
  public static List<DealHistory> generate(int deals, long seed, Instant from, Instant to,
      IntConsumer progress) {
    if (deals < 0) {
      throw new IllegalArgumentException("deals must not be negative, not " + deals);
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the period ends at " + to + ", not after its start "
          + from);
    }
    return new SyntheticHistories(seed, from, to).run(deals, progress);
  }

  private List<DealHistory> run(int deals, IntConsumer progress) {
    long span = Duration.between(from, to).getSeconds();
    List<Instant> created = new ArrayList<>();
    for (int i = 0; i < deals; i++) {
      // Arrivals spread evenly over the whole period (a Poisson process given its count), so
      // the pipeline at the end is a living one: new deals in its last weeks, young deals in
      // the early stages, older ones further on.
      created.add(from.plusSeconds((long) (span * random.nextDouble())));
    }
    created.sort(null);
    List<DealHistory> out = new ArrayList<>();
    for (int i = 0; i < deals; i++) {
      out.add(deal(String.format("D-%05d", i + 1), created.get(i)));
      if ((i + 1) % 1000 == 0) {
        progress.accept(i + 1);
      }
    }
    progress.accept(deals);
    return out;
  }

  private DealHistory deal(String id, Instant createdAt) {
    clock.now = createdAt;
    LeadSource source = pick(SOURCES);
    boolean warm = source.temperature() == LeadSource.Temperature.WARM;
    int leadScore = 20 + random.nextInt(warm ? 80 : 60);
    Money amount = Money.of(Integer.toString(5_000 + 500 * random.nextInt(230)), "EUR");
    Request owner = Request.by(pick(OWNERS));
    Outcome.Accepted start = pipeline.create(NewDeal.builder().id(id)
        .title("Deal " + id).amount(amount).owner(owner.actor()).leadSource(source)
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(leadScore)).build(), owner);
    DealHistory h = DealHistory.of(start.events());
    StageId lastOpen = PROSPECTING;
    for (int step = 0; step < 40; step++) {
      Deal deal = h.current();
      StageId stage = deal.stage();
      if (deal.stage().value().equals("won") || deal.stage().value().equals("lost")) {
        break;
      }
      Optional<DealHistory> touched = touches(h, owner);
      if (touched.isEmpty()) {
        break;
      }
      h = touched.get();
      double r = random.nextDouble();
      Command next;
      if (stage.value().equals("dormant")) {
        // Revived, given up, or silent for good.
        next = r < 0.35 ? new Command.MoveTo(lastOpen.equals(PROSPECTING) ? QUALIFICATION
            : lastOpen) : r < 0.55 ? new Command.Lose("no response") : null;
      } else {
        lastOpen = stage;
        next = nextFrom(stage, r, leadScore);
      }
      if (next == null) {
        break;
      }
      if (next instanceof Command.MoveTo && ((Command.MoveTo) next).to().equals(CONSIDERATION)
          && stage.equals(QUALIFICATION)) {
        for (String fact : List.of("need", "buying_process", "decision_maker")) {
          if (h.current().attribute(fact).isEmpty()) {
            h = apply(h, new Command.SetAttribute(fact, Optional.of(AttributeValue.of(true))),
                owner).orElse(h);
          }
        }
      }
      if (next instanceof Command.MoveTo && ((Command.MoveTo) next).to().equals(DECISION)
          && random.nextDouble() < 0.3) {
        Money changed = Money.of(h.current().amount().orElseThrow().amount()
            .multiply(BigDecimal.valueOf(80 + random.nextInt(50), 2))
            .setScale(0, RoundingMode.HALF_EVEN), Money.currency("EUR"));
        h = apply(h, new Command.ChangeAmount(Optional.of(changed)), owner).orElse(h);
      }
      Optional<DealHistory> moved = apply(h, next, owner);
      if (moved.isEmpty()) {
        break;
      }
      h = moved.get();
    }
    return h;
  }

  /** The next step out of an open stage: move on, move back, lose, go dark. */
  private Command nextFrom(StageId stage, double r, int leadScore) {
    switch (stage.value()) {
      case "prospecting":
        if (leadScore >= 50 && r < 0.75) {
          return new Command.MoveTo(QUALIFICATION);
        }
        return random.nextDouble() < 0.55 ? new Command.Lose("not a fit") : new Command.GoDormant();
      case "qualification":
        if (r < 0.68) {
          return new Command.MoveTo(CONSIDERATION);
        }
        return random.nextDouble() < 0.6 ? new Command.Lose("no budget")
            : new Command.GoDormant();
      case "consideration":
        if (r < 0.32) {
          return new Command.MoveTo(DECISION);
        }
        if (r < 0.42) {
          return new Command.MoveTo(QUALIFICATION);
        }
        return random.nextDouble() < 0.55 ? new Command.Lose("chose a competitor")
            : new Command.GoDormant();
      case "decision":
      default:
        if (r < 0.6) {
          return new Command.Win();
        }
        if (r < 0.7) {
          return new Command.MoveTo(CONSIDERATION);
        }
        return random.nextDouble() < 0.7 ? new Command.Lose("price") : new Command.GoDormant();
    }
  }

  /** One to four touches a few days apart; empty if the period ends first. */
  private Optional<DealHistory> touches(DealHistory h, Request owner) {
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Touch.Channel channel = pick(List.of(Touch.Channel.CALL, Touch.Channel.EMAIL,
          Touch.Channel.MEETING));
      Touch.Result result = pick(List.of(Touch.Result.REPLIED, Touch.Result.NO_RESPONSE,
          Touch.Result.NEXT_STEP_AGREED, Touch.Result.COMPLETED));
      Optional<DealHistory> next = apply(h, new Command.RecordTouch(Touch.outbound(channel,
          result)), owner);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      h = next.get();
    }
    return Optional.of(h);
  }

  /** Waits a little, then executes; empty if the wait passes the end of the period. */
  private Optional<DealHistory> apply(DealHistory h, Command command, Request owner) {
    long minutes = 60 + (long) (-Math.log(1 - random.nextDouble()) * 4 * 24 * 60);
    clock.now = clock.now.plus(Duration.ofMinutes(minutes));
    if (!clock.now.isBefore(to)) {
      return Optional.empty();
    }
    Outcome outcome = pipeline.execute(h, command, owner);
    if (!outcome.isAccepted()) {
      throw new IllegalStateException("the generator's move was refused, a bug: " + command
          + " " + outcome.violations());
    }
    return Optional.of(outcome.appendTo(h));
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** The simulation's clock: set, never read from the system. */
  private static final class SettableClock implements InstantSource {
    Instant now = Instant.EPOCH;

    @Override
    public Instant instant() {
      return now;
    }
  }
}
