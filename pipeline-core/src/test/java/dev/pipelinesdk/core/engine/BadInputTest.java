package dev.pipelinesdk.core.engine;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.InvalidHistoryException;
import dev.pipelinesdk.core.ManualClock;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.guard.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear error and changes nothing: each case names the exact exception type and
 * message, or the exact rejection code, message and subjects.
 */
class BadInputTest {
  private static final String NL = System.lineSeparator();
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  private static final Request ANA = Request.by("ana");

  /** A small definition in EUR with two won stages reachable from "b". */
  private static final PipelineDefinition EUR = PipelineDefinition.builder("eur")
      .currency("EUR")
      .stage(Stage.open("a", "A", 0.2)).stage(Stage.open("b", "B", 0.6))
      .stage(Stage.won("won", "Won")).stage(Stage.won("won-alt", "Won elsewhere")).stage(Stage.lost("lost", "Lost"))
      .path("a", "b", "won").transition("b", "won-alt")
      .fromEveryOpenStage("lost")
      .build();

  private static Pipeline pipeline(PipelineDefinition d) {
    return Pipeline.of(d, ManualClock.at("2026-03-02T09:00:00Z"));
  }

  /** D-1 in saas-b2b prospecting, created at T0, 10.00 EUR. */
  private static Deal deal() {
    return pipeline(SAAS).create(NewDeal.builder().id("D-1").title("Acme")
        .amount(Money.of("10", "EUR")).build(), ANA).deal();
  }

  private static DealEvent.Created created() {
    return (DealEvent.Created) pipeline(SAAS).create(NewDeal.builder().id("D-1").title("Acme")
        .amount(Money.of("10", "EUR")).build(), ANA).events().get(0);
  }

  private static String problems(String... problems) {
    StringBuilder sb = new StringBuilder("invalid pipeline definition (").append(problems.length)
        .append(problems.length == 1 ? " problem):" : " problems):");
    for (String p : problems) {
      sb.append(NL).append("  - ").append(p);
    }
    return sb.toString();
  }

  private static Arguments thrown(String name, ThrowingCallable call,
      Class<? extends Throwable> type, String message) {
    return Arguments.of(name, call, type, message);
  }

  static Stream<Arguments> exceptions() {
    DealEvent.Created created = created();
    DealId d1 = DealId.of("D-1");
    StageId prospecting = StageId.of("prospecting");
    StageId qualification = StageId.of("qualification");
    DealEvent.TouchRecorded early = new DealEvent.TouchRecorded(d1, T0.minusSeconds(1), "ana",
        Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED));
    DealEvent.Moved fromElsewhere = new DealEvent.Moved(d1, T0, "ana", qualification,
        StageId.of("consideration"));
    DealEvent.TouchRecorded otherDeal = new DealEvent.TouchRecorded(DealId.of("D-2"), T0, "ana",
        Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED));
    DealEvent.Moved firstMove = new DealEvent.Moved(d1, T0, "ana", prospecting, qualification);
    DealEvent.AttributeChanged wrongPrevious = new DealEvent.AttributeChanged(d1, T0, "ana",
        "budget", Optional.of(AttributeValue.of(5)), Optional.of(AttributeValue.of(6)));
    DealEvent.AmountChanged currencyChange = new DealEvent.AmountChanged(d1, T0, "ana",
        Optional.of(Money.of("10", "EUR")), Optional.of(Money.of("10", "USD")));
    List<DealEvent> withNull = Arrays.asList(created, null);

    return Stream.of(
        // definitions
        thrown("blank definition id", () -> PipelineDefinition.builder(" ")
            .stage(Stage.open("a", "A", 0.1)).stage(Stage.won("won", "Won")).path("a", "won").build(),
            InvalidDefinitionException.class, problems("definition id is blank: ' '")),
        thrown("NaN stage probability", () -> Stage.open("a", "A", Double.NaN),
            InvalidDefinitionException.class,
            problems("stage 'a': default probability is NaN; it must be in [0, 1]")),
        thrown("won stage with probability 0.5", () -> Stage.builder().id(StageId.of("w"))
            .kind(dev.pipelinesdk.core.StageKind.WON).defaultProbability(0.5).build(),
            InvalidDefinitionException.class,
            problems("stage 'w': a won stage must have default probability 1, not 0.5")),
        thrown("no open stage", () -> PipelineDefinition.builder("x").stage(Stage.won("won", "Won"))
            .build(), InvalidDefinitionException.class,
            problems("no entry stage: the definition has no open stage")),
        thrown("no stages at all", () -> PipelineDefinition.builder("x").build(),
            InvalidDefinitionException.class,
            problems("no stages", "no entry stage: the definition has no open stage")),
        thrown("unknown definition currency", () -> PipelineDefinition.builder("x")
            .currency("EUX").stage(Stage.open("a", "A", 0.1)).stage(Stage.won("won", "Won")).path("a", "won")
            .build(), InvalidDefinitionException.class, problems("unknown currency code: 'EUX'")),
        thrown("stage id with surrounding whitespace", () -> Stage.open(" a", "A", 0.1),
            IllegalArgumentException.class, "stage id has leading or trailing whitespace: ' a'"),
        thrown("reopen out of an open stage", () -> PipelineDefinition.builder("x")
            .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.1)).stage(Stage.won("won", "Won"))
            .path("a", "b", "won").reopen("b", "a").build(), InvalidDefinitionException.class,
            problems("transition b -> a: a reopen must start in a won or lost stage, not in "
                + "open stage 'b'")),
        // histories and events
        thrown("empty history", () -> DealHistory.of(List.of()), InvalidHistoryException.class,
            "a history needs at least the created event; got none"),
        thrown("history not starting with created", () -> DealHistory.of(firstMove),
            InvalidHistoryException.class, "event 0 must be the created event, not " + firstMove),
        thrown("out-of-order event", () -> DealHistory.of(created, early),
            InvalidHistoryException.class, "event 1: event at 2026-03-02T08:59:59Z is earlier "
                + "than the deal's latest event at 2026-03-02T09:00:00Z: " + early),
        thrown("move from a stage the deal is not in", () -> DealHistory.of(created,
            fromElsewhere), InvalidHistoryException.class, "event 1: move from 'qualification' "
                + "but deal 'D-1' is in 'prospecting': " + fromElsewhere),
        thrown("event of another deal", () -> DealHistory.of(created, otherDeal),
            InvalidHistoryException.class,
            "event 1: event of deal 'D-2' applied to deal 'D-1': " + otherDeal),
        thrown("second created event", () -> DealHistory.of(created, created),
            InvalidHistoryException.class,
            "event 1: created event applied to an existing deal 'D-1': " + created),
        thrown("previous value does not match", () -> DealHistory.of(created, wrongPrevious),
            InvalidHistoryException.class, "event 1: attribute 'budget' of deal 'D-1' is "
                + "Optional.empty but the event says it was Optional[5]: " + wrongPrevious),
        thrown("amount changes currency in a history", () -> DealHistory.of(created,
            currencyChange), InvalidHistoryException.class,
            "event 1: amount changes currency from EUR to USD: " + currencyChange),
        thrown("null event in a history", () -> DealHistory.of(withNull),
            NullPointerException.class, "event 1 is null"),
        thrown("appending an unfitting event names its index", () -> DealHistory.of(created)
            .append(firstMove, firstMove), InvalidHistoryException.class,
            "event 2: move from 'prospecting' but deal 'D-1' is in 'qualification': "
                + firstMove),
        thrown("stage change to itself", () -> new DealEvent.Moved(d1, T0, "ana", prospecting,
            prospecting), IllegalArgumentException.class,
            "stage change from 'prospecting' to itself"),
        thrown("NaN probability in an event", () -> new DealEvent.ProbabilityOverridden(d1, T0,
            "ana", OptionalDouble.empty(), OptionalDouble.of(Double.NaN)),
            IllegalArgumentException.class, "manual probability is NaN; it must be in [0, 1]"),
        // amounts
        thrown("negative money", () -> Money.of("-1.5", "EUR"), IllegalArgumentException.class,
            "amount is negative: -1.5 EUR"),
        thrown("non-numeric amount", () -> Money.of("ten", "EUR"),
            IllegalArgumentException.class, "amount is not a number: 'ten'"),
        thrown("unknown currency code", () -> Money.of("10", "XQZ"),
            IllegalArgumentException.class, "unknown currency code: 'XQZ'"),
        thrown("adding two currencies", () -> Money.of("1", "EUR").plus(Money.of("1", "USD")),
            IllegalArgumentException.class,
            "currency mismatch: 1.00 EUR and 1.00 USD; convert explicitly before combining"),
        thrown("NaN factor", () -> Money.of("1", "EUR").times(Double.NaN),
            IllegalArgumentException.class, "factor must be finite and non-negative: NaN"),
        thrown("definition currency mismatch at create", () -> pipeline(EUR).create(
            NewDeal.builder().id("D-1").title("T").amount(Money.of("10", "USD")).build(), ANA),
            IllegalArgumentException.class, "deal 'D-1': amount 10.00 USD is not in the currency "
                + "of pipeline 'eur' (EUR); convert it first"),
        // creation
        thrown("create in a stage that is not an entry stage", () -> pipeline(EUR).create(
            NewDeal.builder().id("D-1").title("T").stage(StageId.of("b")).build(), ANA),
            IllegalArgumentException.class,
            "deal 'D-1' cannot start in stage 'b'; entry stages of pipeline 'eur': [a] (an import"
                + " of a deal first seen there: importDeal)"),
        thrown("create in an unknown stage", () -> pipeline(EUR).create(
            NewDeal.builder().id("D-1").title("T").stage(StageId.of("zzz")).build(), ANA),
            IllegalArgumentException.class, "unknown stage 'zzz' in pipeline 'eur'; known "
                + "stages: [a, b, won, won-alt, lost]"),
        thrown("create with manual probability 1.5", () -> pipeline(EUR).create(
            NewDeal.builder().id("D-1").title("T").manualProbability(1.5).build(), ANA),
            IllegalArgumentException.class,
            "deal 'D-1': manual probability is 1.5; it must be in [0, 1]"),
        thrown("blank deal title", () -> Deal.builder().id(d1).title("  ").stage(prospecting)
            .createdAt(T0).build(), IllegalArgumentException.class,
            "deal 'D-1': title is blank"),
        // nulls name the parameter
        thrown("null stage id", () -> StageId.of(null), NullPointerException.class,
            "stage id is null"),
        thrown("null deal id", () -> DealId.of(null), NullPointerException.class,
            "deal id is null"),
        thrown("null deal in move", () -> pipeline(SAAS).move((Deal) null, "qualification", ANA),
            NullPointerException.class, "deal is null"),
        thrown("null history in move",
            () -> pipeline(SAAS).move((DealHistory) null, "qualification", ANA),
            NullPointerException.class, "history is null"),
        // these gave a message-less NPE from Optional.of(null)
        thrown("null attribute value", () -> pipeline(SAAS).setAttribute(deal(), "budget", null,
            ANA), NullPointerException.class, "attribute value is null"),
        thrown("null amount", () -> pipeline(SAAS).changeAmount(deal(), null, ANA),
            NullPointerException.class, "amount is null"),
        thrown("null owner", () -> pipeline(SAAS).changeOwner(deal(), null, ANA),
            NullPointerException.class, "owner is null"),
        thrown("null target in move", () -> pipeline(SAAS).move(deal(), (StageId) null, ANA),
            NullPointerException.class, "to is null"),
        thrown("null lost stage", () -> pipeline(SAAS).lose(deal(), (StageId) null, "why", ANA),
            NullPointerException.class, "lost stage is null"),
        thrown("null instant", () -> ANA.at(null), NullPointerException.class,
            "instant is null"),
        thrown("null history in appendTo", () -> pipeline(SAAS).win(deal(), ANA).appendTo(null),
            NullPointerException.class, "history is null"),
        thrown("null rejection", () -> new RejectedException(null), NullPointerException.class,
            "rejection is null"),
        thrown("null event array", () -> DealHistory.of((DealEvent[]) null),
            NullPointerException.class, "events is null"),
        thrown("null fact", () -> pipeline(SAAS).importFact(DealHistory.of(created()), null,
            ANA), NullPointerException.class, "fact is null"),
        thrown("null roles", () -> ANA.withRoles((String[]) null), NullPointerException.class,
            "roles is null"),
        // a clock returning null was a bare NPE deep in the engine
        thrown("clock returning null", () -> Pipeline.of(SAAS, new java.time.InstantSource() {
              @Override
              public java.time.Instant instant() {
                return null;
              }

              @Override
              public String toString() {
                return "NullClock";
              }
            }).win(deal(), ANA), NullPointerException.class,
            "clock NullClock returned null instead of an instant"),
        thrown("null request", () -> pipeline(SAAS).win(deal(), null),
            NullPointerException.class, "request is null"),
        thrown("null actor", () -> Request.by(null), NullPointerException.class,
            "actor is null"),
        thrown("null history list", () -> DealHistory.of((List<DealEvent>) null),
            NullPointerException.class, "events is null"),
        thrown("null currency code", () -> Money.of("1", null), NullPointerException.class,
            "currency code is null"),
        thrown("null guard name", () -> GuardFactories.create(null, Map.of()),
            NullPointerException.class, "guard name is null"),
        // blank and odd ids
        thrown("blank stage id", () -> StageId.of("   "), IllegalArgumentException.class,
            "stage id is blank: '   '"),
        thrown("stage id with surrounding whitespace", () -> StageId.of("won "),
            IllegalArgumentException.class,
            "stage id has leading or trailing whitespace: 'won '"),
        thrown("deal id with a tab", () -> DealId.of("D\t1"), IllegalArgumentException.class,
            "deal id contains U+0009 CHARACTER TABULATION at index 1: 'D?1'"),
        thrown("blank actor", () -> Request.by(" "), IllegalArgumentException.class,
            "actor is blank: ' '"),
        thrown("blank lost reason", () -> new Command.Lose(" "), IllegalArgumentException.class,
            "lost reason is blank"),
        thrown("NaN number attribute", () -> AttributeValue.of(Double.NaN),
            IllegalArgumentException.class, "number attribute must be finite, not NaN"),
        thrown("negative minimum touches", () -> Guards.minimumTouches(-1),
            IllegalArgumentException.class, "minimum touches must not be negative: -1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exceptions")
  void badInputThrowsWithAnExactMessage(String name, ThrowingCallable call,
      Class<? extends Throwable> type, String message) {
    Throwable t = catchThrowable(call);
    assertThat(t).as(name).isExactlyInstanceOf(type).hasMessage(message);
  }

  private static Arguments rejected(String name, Supplier<Deal> deal,
      java.util.function.BiFunction<Pipeline, Deal, Outcome> command, String code,
      String message, String... subjects) {
    return rejected(name, SAAS, deal, command, code, message, subjects);
  }

  private static Arguments rejected(String name, PipelineDefinition definition,
      Supplier<Deal> deal, java.util.function.BiFunction<Pipeline, Deal, Outcome> command,
      String code, String message, String... subjects) {
    return Arguments.of(name, definition, deal, command, code, message, List.of(subjects));
  }

  private static Deal eurDeal(String stage) {
    Pipeline p = pipeline(EUR);
    Deal d = p.create(NewDeal.builder().id("D-1").title("T").amount(Money.of("10", "EUR"))
        .build(), ANA).deal();
    return stage.equals("a") ? d : p.move(d, stage, ANA).orElseThrow();
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        rejected("currency change through changeAmount", BadInputTest::deal,
            (p, d) -> p.changeAmount(d, Money.of("5", "USD"), ANA), Violation.CURRENCY_MISMATCH,
            "amount 5.00 USD is in another currency than the deal's 10.00 EUR; the SDK never "
                + "mixes currencies silently: convert it first", "USD"),
        rejected("amount outside the definition currency", EUR, () -> eurDeal("a"),
            (p, d) -> p.execute(d, new Command.ChangeAmount(Optional.of(Money.of("5", "GBP"))),
                ANA), Violation.CURRENCY_MISMATCH,
            "amount 5.00 GBP is not in the currency of pipeline 'eur' (EUR); convert it first",
            "GBP"),
        rejected("NaN manual probability", BadInputTest::deal,
            (p, d) -> p.overrideProbability(d, Double.NaN, ANA), Violation.INVALID_VALUE,
            "manual probability is NaN; it must be in [0, 1]", "NaN"),
        rejected("manual probability above 1", BadInputTest::deal,
            (p, d) -> p.overrideProbability(d, 1.25, ANA), Violation.INVALID_VALUE,
            "manual probability is 1.25; it must be in [0, 1]", "1.25"),
        rejected("unknown stage in move", BadInputTest::deal,
            (p, d) -> p.move(d, "nowhere", ANA), Violation.UNKNOWN_STAGE,
            "pipeline 'saas-b2b' has no stage 'nowhere'; known stages: prospecting, "
                + "qualification, consideration, decision, won, lost, dormant", "nowhere"),
        rejected("undeclared transition", BadInputTest::deal,
            (p, d) -> p.move(d, "decision", ANA), Violation.NO_TRANSITION,
            "pipeline 'saas-b2b' has no transition from 'prospecting' to 'decision'; from "
                + "'prospecting' a deal may go to [qualification, lost, dormant]",
            "prospecting", "decision"),
        rejected("already in the stage", BadInputTest::deal,
            (p, d) -> p.move(d, "prospecting", ANA), Violation.ALREADY_IN_STAGE,
            "deal 'D-1' is already in 'prospecting'", "prospecting"),
        rejected("clock behind the deal", BadInputTest::deal,
            (p, d) -> p.recordTouch(d, Touch.inbound(Touch.Channel.EMAIL, Touch.Result.REPLIED),
                ANA.at(java.time.Instant.parse("2026-03-01T09:00:00Z"))),
            Violation.CLOCK_BEHIND, "the clock says 2026-03-01T09:00:00Z but deal 'D-1' "
                + "changed last at 2026-03-02T09:00:00Z", "2026-03-01T09:00:00Z"),
        rejected("win with two won stages", EUR, () -> eurDeal("b"),
            (p, d) -> p.win(d, ANA), Violation.AMBIGUOUS_TARGET,
            "several won stages can be reached from 'b': won, won-alt; move to one of them",
            "won", "won-alt"),
        rejected("win with no won stage in reach", BadInputTest::deal,
            (p, d) -> p.win(d, ANA), Violation.NO_TRANSITION,
            "no won stage can be reached from 'prospecting' in pipeline 'saas-b2b'",
            "prospecting"),
        rejected("blank attribute name", BadInputTest::deal,
            (p, d) -> p.setAttribute(d, " ", AttributeValue.of(1), ANA), Violation.INVALID_VALUE,
            "attribute name is blank: ' '", " "),
        rejected("owner with whitespace", BadInputTest::deal,
            (p, d) -> p.changeOwner(d, " ana", ANA), Violation.INVALID_VALUE,
            "owner has leading or trailing whitespace: ' ana'", " ana"),
        rejected("deal in a stage the pipeline does not have", BadInputTest::deal,
            (p, d) -> p.recordTouch(Deal.builder().from(d).stage(StageId.of("ghost")).build(),
                Touch.inbound(Touch.Channel.CALL, Touch.Result.REPLIED), ANA),
            Violation.UNKNOWN_STAGE,
            "deal 'D-1' is in stage 'ghost', which pipeline 'saas-b2b' does not have", "ghost"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void badCommandsAreRejectedWithAnExactReasonAndChangeNothing(String name,
      PipelineDefinition definition, Supplier<Deal> dealSupplier,
      java.util.function.BiFunction<Pipeline, Deal, Outcome> command, String code,
      String message, List<String> subjects) {
    ManualClock clock = ManualClock.at("2026-03-02T09:00:00Z").advance(Duration.ofHours(1));
    List<Outcome.Accepted> heard = new ArrayList<>();
    Pipeline pipeline = Pipeline.builder(definition).clock(clock)
        .listener((o, r) -> heard.add(o)).build();
    Deal deal = dealSupplier.get();
    Outcome outcome = command.apply(pipeline, deal);
    assertThat(outcome.isAccepted()).as(name).isFalse();
    assertThat(outcome.violations()).singleElement().satisfies(v -> {
      assertThat(v.guard()).isEqualTo(Violation.ENGINE);
      assertThat(v.code()).isEqualTo(code);
      assertThat(v.message()).isEqualTo(message);
      assertThat(v.subjects()).isEqualTo(subjects);
    });
    assertThat(outcome.events()).isEmpty();
    assertThat(heard).isEmpty();
    if (!name.startsWith("deal in a stage")) {
      assertThat(outcome.deal()).isSameAs(deal);
    }
  }
}
