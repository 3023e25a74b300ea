package dev.pipelinesdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.DealLink;
import dev.pipelinesdk.core.Handoff;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.guard.Violation;
import dev.pipelinesdk.core.metrics.Metrics;
import dev.pipelinesdk.core.template.PipelineTemplates;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {
  private static final Instant MAY_4 = Instant.parse("2026-05-04T09:00:00Z");
  private static final Instant MAY_20 = Instant.parse("2026-05-20T15:00:00Z");
  private static final InstantSource NO_CLOCK = () -> {
    throw new AssertionError("the test passes every instant");
  };

  private static PipelineDefinition sales(Handoff handoff) {
    return PipelineDefinition.builder("sales")
        .stage(Stage.open("proposal", "Proposal", 0.5))
        .stage(Stage.won("won", "Won"))
        .stage(Stage.lost("lost", "Lost"))
        .path("proposal", "won")
        .fromEveryOpenStage("lost")
        .handoff(handoff)
        .build();
  }

  private final PipelineDefinition customerSuccess =
      PipelineTemplates.definition("customer-success");
  private final Pipeline cs = Pipeline.of(customerSuccess, NO_CLOCK);
  private final Pipeline engine = Pipeline.of(sales(Handoff.to("customer-success")
      .owner("csm-lea").idSuffix("cs").attributes("seats").build()), NO_CLOCK);

  private DealHistory won() {
    DealHistory h = engine.create(NewDeal.builder().id("D-7").title("Acme, 40 seats")
        .owner("ana").amount(Money.of("48000", "EUR"))
        .putAttribute("seats", new AttributeValue.Number(BigDecimal.valueOf(40)))
        .putAttribute("discount", new AttributeValue.Text("10%")).build(),
        Request.by("ana").at(MAY_4)).historyOrThrow();
    return engine.win(h, Request.by("ana").at(MAY_20)).historyOrThrow();
  }

  @Test
  void linksBothHistoriesAtOneInstantAndCarriesWhatTheHandoffSays() {
    HandoffOutcome.Accepted out = engine.handOff(won(), cs, Request.by("ana").at(MAY_20))
        .orElseThrow();

    DealEvent.Linked there = (DealEvent.Linked) last(out.origin());
    assertThat(there.link()).isEqualTo(
        new DealLink("customer-success", DealId.of("D-7-cs"), DealLink.Role.FOLLOW_ON));
    assertThat(there.at()).isEqualTo(MAY_20);
    assertThat(out.origin().current().stage()).isEqualTo(StageId.of("won"));

    List<DealEvent> opened = out.followOn().events();
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0)).isInstanceOf(DealEvent.Created.class);
    assertThat(((DealEvent.Linked) opened.get(1)).link())
        .isEqualTo(new DealLink("sales", DealId.of("D-7"), DealLink.Role.ORIGIN));
    assertThat(opened).allSatisfy(e -> assertThat(e.at()).isEqualTo(MAY_20));
    var deal = out.followOn().current();
    assertThat(deal.id()).isEqualTo(DealId.of("D-7-cs"));
    assertThat(deal.stage()).isEqualTo(StageId.of("kickoff")); // the first entry stage
    assertThat(deal.owner()).contains("csm-lea");
    assertThat(deal.title()).isEqualTo("Acme, 40 seats");
    assertThat(deal.amount()).contains(Money.of("48000", "EUR"));
    assertThat(deal.attributes()).containsOnlyKeys("seats"); // discount not carried
    assertThat(out.link().deal()).isEqualTo(DealId.of("D-7-cs"));
  }

  @Test
  void theLinksSurviveReplayAndTheHistoriesFitTheirDefinitions() {
    HandoffOutcome.Accepted out = engine.handOff(won(), cs, Request.by("ana").at(MAY_20))
        .orElseThrow();
    for (DealHistory h : List.of(out.origin(), out.followOn())) {
      DealHistory replayed = DealHistory.of(h.events());
      assertThat(replayed).isEqualTo(h);
      assertThat(replayed.replay()).isEqualTo(h.current());
      assertThat(replayed.links()).isEqualTo(h.links()).hasSize(1);
    }
    out.origin().checkAgainst(engine.definition());
    out.followOn().checkAgainst(customerSuccess);
    // metrics read the follow-on deal like any other deal in its first stage
    assertThat(Metrics.compute(Metrics.funnel(customerSuccess).build(),
        List.of(out.followOn())).stage(StageId.of("kickoff")).reached()).isEqualTo(1);
  }

  @Test
  void anOpenDealOrOneHandedOffAlreadyIsRejectedAndNothingIsRecorded() {
    DealHistory open = engine.create(NewDeal.builder().id("D-8").title("Open").build(),
        Request.by("ana").at(MAY_4)).historyOrThrow();
    HandoffOutcome notWon = engine.handOff(open, cs, Request.by("ana").at(MAY_20));
    assertThat(notWon.isAccepted()).isFalse();
    assertThat(notWon.violations()).extracting(Violation::message).containsExactly(
        "deal 'D-8' is in stage 'proposal' (open); only a won deal is handed off");

    HandoffOutcome.Accepted first = engine.handOff(won(), cs, Request.by("ana").at(MAY_20))
        .orElseThrow();
    HandoffOutcome again = engine.handOff(first.origin(), cs, Request.by("ana").at(MAY_20));
    assertThat(again.violations()).extracting(Violation::message).containsExactly(
        "deal 'D-7' was handed off to pipeline 'customer-success' already, as deal 'D-7-cs'");
    assertThat(((HandoffOutcome.Rejected) again).deal()).isEqualTo(first.origin().current());
  }

  @Test
  void aHandoffBeforeTheDealsLatestChangeIsRejected() {
    HandoffOutcome early = engine.handOff(won(), cs, Request.by("ana").at(MAY_4));
    assertThat(early.violations()).extracting(Violation::code)
        .containsExactly(Violation.CLOCK_BEHIND);
  }

  @Test
  void anAmountInAnotherCurrencyThanTheFollowOnPipelinesIsRejected() {
    PipelineDefinition usd = PipelineDefinition.builder("customer-success").currency("USD")
        .stage(Stage.open("kickoff", "Kickoff", 0.9)).stage(Stage.won("live", "Live"))
        .path("kickoff", "live").build();
    HandoffOutcome out = engine.handOff(won(), Pipeline.of(usd, NO_CLOCK),
        Request.by("ana").at(MAY_20));
    assertThat(out.violations()).extracting(Violation::code)
        .containsExactly(Violation.CURRENCY_MISMATCH);
    assertThat(out.violations().get(0).message()).startsWith("the follow-on deal of 'D-7': ");
  }

  @Test
  void aWrongFollowOnEngineOrStageIsAProgrammingErrorNamed() {
    assertThatThrownBy(() -> engine.handOff(won(), engine, Request.by("ana").at(MAY_20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the handoff goes to pipeline 'customer-success', but the follow-on engine"
            + " runs pipeline 'sales'");
    Handoff toLive = Handoff.to("customer-success").stage("live").build();
    assertThatThrownBy(() -> engine.handOff(won(), toLive, cs, Request.by("ana").at(MAY_20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the handoff opens deals in stage 'live', which is not an entry stage of"
            + " pipeline 'customer-success'; entry stages: [kickoff]");
    Pipeline none = Pipeline.of(PipelineDefinition.builder("plain")
        .stage(Stage.open("a", "A", 0.5)).stage(Stage.won("w", "W")).path("a", "w").build(),
        NO_CLOCK);
    DealHistory h = none.create(NewDeal.builder().id("P-1").title("P").build(),
        Request.by("ana").at(MAY_4)).historyOrThrow();
    assertThatThrownBy(() -> none.handOff(h, cs, Request.by("ana").at(MAY_20)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("pipeline 'plain' declares no handoff");
  }

  @Test
  void theHandoffIsPartOfTheDefinitionsValue() {
    Handoff h = Handoff.to("customer-success").owner("csm-lea").build();
    assertThat(sales(h)).isEqualTo(sales(Handoff.to("customer-success").owner("csm-lea")
        .build()));
    assertThat(sales(h)).isNotEqualTo(sales(Handoff.to("customer-success").build()));
    assertThat(sales(h).handoff()).contains(h);
    assertThat(h.description()).isEqualTo("hand off to customer-success, owner csm-lea");
    assertThat(Handoff.to("cs").stage("kickoff").withoutAmount().attributes().idSuffix("x")
        .build().description()).isEqualTo(
            "hand off to cs (kickoff), without the amount, no attributes, id suffix -x");
    assertThatThrownBy(() -> PipelineDefinition.builder("renewals")
        .stage(Stage.open("a", "A", 0.5)).stage(Stage.won("w", "W")).path("a", "w")
        .handoff(Handoff.to("renewals").build()).build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("handoff to its own pipeline 'renewals' needs an id suffix");
  }

  @Test
  void aLinkToItselfIsRejectedAndARepeatedLinkRecordsNothing() {
    DealHistory h = won();
    Outcome self = engine.execute(h, new Command.Link(
        new DealLink("sales", DealId.of("D-7"), DealLink.Role.FOLLOW_ON)),
        Request.by("ana").at(MAY_20));
    assertThat(self.violations()).extracting(Violation::message)
        .containsExactly("deal 'D-7' cannot be linked to itself");
    Command.Link link = new Command.Link(
        new DealLink("renewals", DealId.of("R-7"), DealLink.Role.FOLLOW_ON));
    DealHistory once = engine.execute(h, link, Request.by("ana").at(MAY_20)).historyOrThrow();
    Outcome twice = engine.execute(once, link, Request.by("ana").at(MAY_20));
    assertThat(twice.isAccepted()).isTrue();
    assertThat(twice.events()).isEmpty();
    assertThat(twice.history()).contains(once);
  }

  /** The README's example ("When a deal is won: the handoff"), with what it says it prints. */
  @Test
  void theReadmeExamplePrintsWhatItSays() {
    Pipeline seller = Pipeline.of(PipelineTemplates.definition("saas-b2b"), InstantSource.system());
    Pipeline success = Pipeline.of(PipelineTemplates.definition("customer-success"),
        InstantSource.system());
    Request rep = Request.by("ana");
    DealHistory initech = seller.importDeal(NewDeal.builder().id("D-9").title("Initech, 25 seats")
        .stage(StageId.of("decision")).amount(Money.of("30000", "EUR")).owner("ana").build(),
        rep.at(Instant.parse("2026-05-04T09:00:00Z"))).historyOrThrow();
    initech = seller.win(initech, rep.at(MAY_20)).historyOrThrow();
    HandoffOutcome.Accepted handed = seller.handOff(initech, success, rep.at(MAY_20))
        .orElseThrow();
    assertThat(handed.link() + " " + handed.followOn().current().stage())
        .isEqualTo("follow-on customer-success/D-9 kickoff");
    assertThat(DealHistory.of(handed.followOn().events()).links().toString())
        .isEqualTo("[origin saas-b2b/D-9]");
    assertThat(handed.followOn().current().owner()).contains("ana");
  }

  private static DealEvent last(DealHistory h) {
    return h.events().get(h.size() - 1);
  }
}
