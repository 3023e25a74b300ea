package dev.pipelinesdk.examples;

import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.examples.mortgage.MortgageTemplate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Realistic synthetic stage histories for a template: deals are driven through the real {@link
 * Pipeline} engine on a clock the simulation sets, so every history is valid by construction and
 * every guard was passed (the generator records what a guard asks for, such as the attributes
 * {@code required-attributes} names or the answers {@code sales-qualified} misses, before the
 * move). Deals arrive evenly over the whole
 * period, so the last weeks have new deals and the open pipeline at the end has deals in every
 * stage, as a pipeline in steady state does. The same seed gives the same histories.
 *
 * <p>What a deal does in each stage comes from a behaviour per template:
 *
 * <ul>
 *   <li>{@code saas-b2b} ({@link #generate(int, long, Instant, Instant, IntConsumer)}): fewer than
 *       half of the prospects qualify (cold leads less often than warm ones), and consideration
 *       leaks (more than half of the deals that reach it drop out there, so the leak finder names
 *       both), some deals move back a stage, some go dark and a third of those are revived, 1 to
 *       4 touches per stage, amounts change on the way to a decision.
 *   <li>{@code mortgage} ({@link MortgageTemplate}): most applications are pre-approved, a third
 *       of the pre-approved borrowers never find a home, some files go back from underwriting to
 *       processing, some are denied; processing, underwriting and conditions stall (a deal waits
 *       one to four weeks longer than usual in 35 to 45% of the visits), so the template's delay
 *       contacts are due on the open deals.
 *   <li>any other definition ({@link #canDrive}): each open stage moves on to the next along a
 *       declared transition (the next open stage in funnel order, else a won stage) 70% of the
 *       time, else is lost (or goes dark, where the stage can); a dormant deal is revived a third
 *       of the time.
 * </ul>
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
  /** The most steps (touches then a move) a generated deal takes. */
  private static final int MAX_STEPS = 40;

  private final Random random;
  private final Instant from;
  private final Instant to;
  private final SettableClock clock = new SettableClock();
  private final Pipeline pipeline;
  private final Behaviour behaviour;

  private SyntheticHistories(PipelineDefinition definition, long seed, Instant from,
      Instant to) {
    this.random = new Random(seed);
    this.from = from;
    this.to = to;
    this.pipeline = Pipeline.builder(definition).clock(clock).build();
    this.behaviour = behaviour(definition);
  }

  /** {@return the definition the histories belong to: the {@code saas-b2b} template} */
  public static PipelineDefinition definition() {
    return PipelineTemplates.definition("saas-b2b");
  }

  /**
   * Generates {@code saas-b2b} deals created in {@code [from, to)}; nothing happens after {@code
   * to}.
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
    return generate(definition(), deals, seed, from, to, progress);
  }

  /**
   * Generates deals of a definition created in {@code [from, to)}; nothing happens after {@code
   * to}. The {@code saas-b2b} and {@code mortgage} templates get their own behaviour, any other
   * definition the one derived from its stages (see the class comment).
   *
   * @param definition the definition the deals go through
   * @param deals how many deals, at least 0
   * @param seed the seed: the same seed gives the same histories
   * @param from when the first deal may be created
   * @param to when the simulation stops
   * @param progress told the number of deals done so far, now and then
   * @return the histories, in order of creation
   * @throws IllegalArgumentException if {@code deals} is negative, {@code to} is not after
   *     {@code from}, or the generator cannot drive the definition ({@link #canDrive} says why)
   */
  public static List<DealHistory> generate(PipelineDefinition definition, int deals, long seed,
      Instant from, Instant to, IntConsumer progress) {
    if (deals < 0) {
      throw new IllegalArgumentException("deals must not be negative, not " + deals);
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the period ends at " + to + ", not after its start "
          + from);
    }
    Optional<String> why = canDrive(definition);
    if (why.isPresent()) {
      throw new IllegalArgumentException(why.get());
    }
    return new SyntheticHistories(definition, seed, from, to).run(deals, progress);
  }

  /**
   * Whether the generator can drive a definition: its first entry stage is open and a path of
   * declared forward moves leads from it to a won stage.
   *
   * @param definition the definition
   * @return empty if it can, else why not, naming the pipeline
   */
  public static Optional<String> canDrive(PipelineDefinition definition) {
    if (isSaas(definition) || isMortgage(definition)) {
      return Optional.empty();
    }
    StageId entry = definition.entryStages().iterator().next();
    if (!definition.requireStage(entry).isOpen()) {
      return Optional.of("cannot generate deals for pipeline '" + definition.id() + "': its"
          + " first entry stage '" + entry + "' is not an open stage");
    }
    StageId at = entry;
    for (int i = 0; i <= definition.stages().size(); i++) {
      Optional<StageId> next = forward(definition, at);
      if (next.isEmpty()) {
        return Optional.of("cannot generate deals for pipeline '" + definition.id() + "': no"
            + " declared move leads on from stage '" + at + "' towards a won stage");
      }
      if (definition.requireStage(next.get()).kind() == StageKind.WON) {
        return Optional.empty();
      }
      at = next.get();
    }
    return Optional.of("cannot generate deals for pipeline '" + definition.id() + "': its"
        + " forward moves go round in a circle from stage '" + entry + "'");
  }

  /**
   * The attributes worth a column in a stage-history CSV of the generated deals ({@code
   * touches} is the deal's touch count, which {@code StageHistoryCsv.write} knows).
   *
   * @param definition the definition the deals were generated for
   * @return the attribute names
   */
  public static List<String> attributes(PipelineDefinition definition) {
    return behaviour(definition).attributes;
  }

  private static boolean isSaas(PipelineDefinition definition) {
    return definition.equals(definition());
  }

  private static boolean isMortgage(PipelineDefinition definition) {
    return definition.equals(MortgageTemplate.mortgage());
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
      out.add(deal(String.format("%s%05d", behaviour.idPrefix, i + 1), created.get(i)));
      if ((i + 1) % 1000 == 0) {
        progress.accept(i + 1);
      }
    }
    progress.accept(deals);
    return out;
  }

  private DealHistory deal(String id, Instant createdAt) {
    clock.now = createdAt;
    Created c = behaviour.creator.create(this, id);
    Request owner = Request.by(c.owner);
    Outcome.Accepted start = pipeline.create(c.deal, owner);
    DealHistory h = DealHistory.of(start.events());
    StageId lastOpen = h.current().stage();
    PipelineDefinition d = pipeline.definition();
    for (int step = 0; step < MAX_STEPS; step++) {
      Deal deal = h.current();
      StageId stage = deal.stage();
      Stage s = d.requireStage(stage);
      if (s.isTerminal()) {
        break;
      }
      Optional<DealHistory> touched = touches(h, owner);
      if (touched.isEmpty()) {
        break;
      }
      h = touched.get();
      double r = random.nextDouble();
      Command next;
      if (s.kind() == StageKind.DORMANT) {
        // Revived, given up, or silent for good.
        Dormant dormant = behaviour.dormant;
        next = r < dormant.revive ? new Command.MoveTo(reviveTo(stage, lastOpen))
            : r < dormant.giveUp ? dormant.lose : null;
      } else {
        lastOpen = stage;
        next = nextFrom(behaviour.steps.get(stage), r, h, owner);
      }
      if (next == null) {
        break;
      }
      if (next == WAIT) {
        continue;
      }
      StageStep plan = behaviour.steps.get(stage);
      if (plan != null && plan.stall > 0 && random.nextDouble() < plan.stall) {
        // A stall: the deal waits longer than usual before it moves on.
        clock.now = clock.now.plus(Duration.ofDays(
            plan.stallMinDays + random.nextInt(plan.stallMaxDays - plan.stallMinDays + 1)));
      }
      h = provide(h, next, owner);
      if (behaviour.amountChange != null && next instanceof Command.MoveTo
          && ((Command.MoveTo) next).to().equals(behaviour.amountChange)
          && random.nextDouble() < 0.3) {
        Money amount = h.current().amount().orElseThrow();
        Money changed = Money.of(amount.amount()
            .multiply(BigDecimal.valueOf(80 + random.nextInt(50), 2))
            .setScale(0, RoundingMode.HALF_EVEN), amount.currency());
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

  /** Stay in the stage for another round of touches (a guard that only time satisfies). */
  private static final Command WAIT = new Command.GoDormant();

  /**
   * The next step out of an open stage: the first branch whose share of {@code r} it is, if the
   * engine would take it (after what {@link #provide} records), else the stage's way out.
   */
  private Command nextFrom(StageStep plan, double r, DealHistory h, Request owner) {
    for (Branch b : plan.branches) {
      if (r < b.upTo) {
        if (feasible(h, b.command, owner)) {
          return b.command;
        }
        return plan.waitIfRefused ? WAIT : out(plan);
      }
    }
    return out(plan);
  }

  private Command out(StageStep plan) {
    if (plan.otherwise == null) {
      return plan.out;
    }
    return random.nextDouble() < plan.outShare ? plan.out : plan.otherwise;
  }

  /** Whether the engine takes the command now, or would once {@link #provide} recorded facts. */
  private boolean feasible(DealHistory h, Command command, Request owner) {
    Outcome o = pipeline.execute(h, command, owner);
    return o.isAccepted() || o.violations().stream().allMatch(SyntheticHistories::providable);
  }

  private static boolean providable(Violation v) {
    return v.code().equals(Violation.MISSING_ATTRIBUTES)
        || v.code().equals(dev.pipelinesdk.core.scoring.Qualification.MISSING_ANSWERS);
  }

  /**
   * Records what the command's guards ask for and the deal lacks (flag attributes set to true,
   * one after the other, each after a little wait), so the move that follows is taken.
   */
  private DealHistory provide(DealHistory h, Command command, Request owner) {
    Outcome o = pipeline.execute(h, command, owner);
    if (o.isAccepted()) {
      return h;
    }
    for (Violation v : o.violations()) {
      if (providable(v)) {
        for (String fact : v.subjects()) {
          if (h.current().attribute(fact).isEmpty()) {
            h = apply(h, new Command.SetAttribute(fact, Optional.of(AttributeValue.of(true))),
                owner).orElse(h);
          }
        }
      }
    }
    return h;
  }

  private StageId reviveTo(StageId dormant, StageId lastOpen) {
    PipelineDefinition d = pipeline.definition();
    if (d.transition(dormant, lastOpen).isPresent()) {
      return lastOpen;
    }
    return d.transitionsFrom(dormant).stream().map(Transition::to)
        .filter(t -> d.requireStage(t).isOpen())
        .min(Comparator.comparing(t -> d.funnelIndex(t).orElseThrow())).orElse(lastOpen);
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
    long minutes = 60 + (long) (-Math.log(1 - random.nextDouble()) * behaviour.meanWaitDays * 24
        * 60);
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

  // ---------------------------------------------------------------------------------------------
  // Behaviours: what a deal does in each stage of a template.

  /** A new deal and its owner. */
  private record Created(NewDeal deal, String owner) {}

  /** Makes a template's new deals, drawing from the generator's random numbers. */
  @FunctionalInterface
  private interface Creator {
    Created create(SyntheticHistories g, String id);
  }

  /** One branch out of a stage: taken when the step's draw is below {@code upTo}. */
  private record Branch(double upTo, Command command) {}

  /**
   * What a deal does in an open stage: the branches by the step's draw, else the way out ({@code
   * out} with share {@code outShare} of a second draw, else {@code otherwise}; just {@code out}
   * without a second draw when there is no {@code otherwise}); a refused branch leads out, or
   * waits for another round when {@code waitIfRefused}; a stall (share {@code stall}) adds days
   * before the move.
   */
  private record StageStep(List<Branch> branches, double outShare, Command out,
      Command otherwise, boolean waitIfRefused, double stall, int stallMinDays,
      int stallMaxDays) {
    static StageStep of(double outShare, Command out, Command otherwise, Branch... branches) {
      return new StageStep(List.of(branches), outShare, out, otherwise, false, 0, 0, 0);
    }

    StageStep stalls(double share, int minDays, int maxDays) {
      return new StageStep(branches, outShare, out, otherwise, true, share, minDays, maxDays);
    }

    StageStep waiting() {
      return new StageStep(branches, outShare, out, otherwise, true, stall, stallMinDays,
          stallMaxDays);
    }
  }

  /** What a dormant deal does: revived below {@code revive}, lost below {@code giveUp}. */
  private record Dormant(double revive, double giveUp, Command lose) {}

  /**
   * A template's behaviour: the deals' id prefix and how they are made, what they do per stage,
   * the stage whose entry may change the amount, the CSV's attribute columns, and the mean wait
   * before each touch or change (an hour plus an exponential wait of that mean).
   */
  private record Behaviour(String idPrefix, Creator creator, Map<StageId, StageStep> steps,
      Dormant dormant, StageId amountChange, List<String> attributes, int meanWaitDays) {}

  private static Behaviour behaviour(PipelineDefinition definition) {
    if (isSaas(definition)) {
      return SAAS;
    }
    if (isMortgage(definition)) {
      return MORTGAGE;
    }
    return derived(definition);
  }

  private static Branch to(double upTo, String stage) {
    return new Branch(upTo, new Command.MoveTo(StageId.of(stage)));
  }

  private static Command.Lose lose(String stage, String reason) {
    return new Command.Lose(StageId.of(stage), reason);
  }

  /** The article's B2B pipeline; the draws are the generator's first version's, in its order. */
  private static final Behaviour SAAS = new Behaviour("D-", (g, id) -> {
    LeadSource source = g.pick(SOURCES);
    boolean warm = source.temperature() == LeadSource.Temperature.WARM;
    int leadScore = 20 + g.random.nextInt(warm ? 80 : 60);
    Money amount = Money.of(Integer.toString(5_000 + 500 * g.random.nextInt(230)), "EUR");
    String owner = g.pick(OWNERS);
    return new Created(NewDeal.builder().id(id).title("Deal " + id).amount(amount).owner(owner)
        .leadSource(source).putAttribute(Deal.LEAD_SCORE, AttributeValue.of(leadScore)).build(),
        owner);
  }, Map.of(
      // Prospecting -> Qualification needs a lead score of 50: below it, the deal drops out.
      PROSPECTING, StageStep.of(0.55, new Command.Lose("not a fit"), new Command.GoDormant(),
          new Branch(0.75, new Command.MoveTo(QUALIFICATION))),
      QUALIFICATION, StageStep.of(0.6, new Command.Lose("no budget"), new Command.GoDormant(),
          new Branch(0.68, new Command.MoveTo(CONSIDERATION))),
      CONSIDERATION, StageStep.of(0.55, new Command.Lose("chose a competitor"),
          new Command.GoDormant(), new Branch(0.32, new Command.MoveTo(DECISION)),
          new Branch(0.42, new Command.MoveTo(QUALIFICATION))),
      DECISION, StageStep.of(0.7, new Command.Lose("price"), new Command.GoDormant(),
          new Branch(0.6, new Command.Win()), new Branch(0.7, new Command.MoveTo(CONSIDERATION)))),
      new Dormant(0.35, 0.55, new Command.Lose("no response")), DECISION,
      List.of(Deal.LEAD_SCORE, "touches"), 4);

  private static final List<LeadSource> MORTGAGE_SOURCES = List.of(LeadSource.warm("realtor"),
      LeadSource.warm("website"), LeadSource.warm("branch"), LeadSource.warm("past-client"),
      LeadSource.warm("builder"), LeadSource.cold("rate-ad"));
  private static final List<String> LOAN_OFFICERS = List.of("lee", "maria", "omar", "priya");
  private static final List<String> LOAN_TYPES = List.of("fixed-30", "fixed-30", "fixed-15",
      "arm-5-1");

  /** Loan origination: stalls in processing, underwriting and conditions. */
  private static final Behaviour MORTGAGE = new Behaviour("L-", (g, id) -> {
    LeadSource source = g.pick(MORTGAGE_SOURCES);
    Money amount = Money.of(Integer.toString(120_000 + 5_000 * g.random.nextInt(157)), "USD");
    String owner = g.pick(LOAN_OFFICERS);
    return new Created(NewDeal.builder().id(id).title("Loan " + id).amount(amount).owner(owner)
        .leadSource(source).putAttribute("loan_type", AttributeValue.of(g.pick(LOAN_TYPES)))
        .build(), owner);
  }, Map.of(
      StageId.of("application"), StageStep.of(0.5, lose("denied", "credit"),
          lose("withdrawn", "went with another lender"), to(0.8, "pre-approval")),
      StageId.of("pre-approval"), StageStep.of(1, lose("withdrawn", "did not find a home"),
          null, to(0.7, "processing")).stalls(0.3, 10, 40),
      StageId.of("processing"), StageStep.of(1, lose("withdrawn", "rate too high"), null,
          to(0.9, "underwriting")).stalls(0.45, 7, 28),
      StageId.of("underwriting"), StageStep.of(0.6, lose("denied", "debt to income"),
          lose("withdrawn", "borrower withdrew"), to(0.7, "conditions"),
          to(0.85, "clear-to-close"), to(0.92, "processing")).stalls(0.4, 7, 21),
      StageId.of("conditions"), StageStep.of(0.5, lose("denied", "conditions not met"),
          lose("withdrawn", "borrower withdrew"), to(0.88, "clear-to-close"))
          .stalls(0.35, 5, 14),
      StageId.of("clear-to-close"), StageStep.of(1, lose("withdrawn", "closing fell through"),
          null, to(0.95, "closing")).stalls(0.1, 3, 10),
      StageId.of("closing"), StageStep.of(1, lose("withdrawn", "closing fell through"), null,
          new Branch(0.97, new Command.Win())).waiting()),
      new Dormant(0, 0, new Command.Lose("no response")), null, List.of("loan_type", "touches"),
      2);

  /** Any other pipeline: on along the funnel, else lost or gone dark. */
  private static Behaviour derived(PipelineDefinition d) {
    Map<StageId, StageStep> steps = new HashMap<>();
    for (Stage s : d.openStages()) {
      Optional<StageId> lost = target(d, s.id(), StageKind.LOST);
      Optional<StageId> dormant = target(d, s.id(), StageKind.DORMANT);
      Command out = lost.<Command>map(l -> new Command.Lose(l, "lost")).orElse(null);
      Command otherwise = dormant.<Command>map(x -> new Command.GoDormant()).orElse(null);
      if (out == null) {
        out = otherwise;
        otherwise = null;
      }
      List<Branch> branches = forward(d, s.id()).map(f -> List.of(new Branch(0.7,
          d.requireStage(f).kind() == StageKind.WON ? new Command.Win()
              : new Command.MoveTo(f)))).orElse(List.of());
      steps.put(s.id(), new StageStep(branches, 0.6, out, otherwise, true, 0, 0, 0));
    }
    Optional<Stage> anyLost = d.stagesOf(StageKind.LOST).stream().findFirst();
    return new Behaviour("D-", (g, id) -> {
      Money amount = Money.of(Integer.toString(5_000 + 500 * g.random.nextInt(230)),
          d.currency().map(c -> c.getCurrencyCode()).orElse("EUR"));
      String owner = g.pick(OWNERS);
      return new Created(NewDeal.builder().id(id).title("Deal " + id).amount(amount)
          .owner(owner).leadSource(g.pick(SOURCES)).build(), owner);
    }, steps, new Dormant(0.35, 0.55, anyLost.<Command>map(l -> new Command.Lose(l.id(),
        "no response")).orElse(null)), null, List.of("touches"), 4);
  }

  /** The declared move on: to the nearest later open stage in funnel order, else to won. */
  private static Optional<StageId> forward(PipelineDefinition d, StageId from) {
    int here = d.funnelIndex(from).orElse(-1);
    Optional<StageId> open = d.transitionsFrom(from).stream().map(Transition::to)
        .filter(t -> d.requireStage(t).isOpen() && d.funnelIndex(t).orElseThrow() > here)
        .min(Comparator.comparing(t -> d.funnelIndex(t).orElseThrow()));
    return open.isPresent() ? open : target(d, from, StageKind.WON);
  }

  /** The first declared target of a kind, in the definition's stage order. */
  private static Optional<StageId> target(PipelineDefinition d, StageId from, StageKind kind) {
    List<StageId> targets = d.transitionsFrom(from).stream().map(Transition::to).toList();
    return d.stages().stream().filter(s -> s.kind() == kind && targets.contains(s.id()))
        .map(Stage::id).findFirst();
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
