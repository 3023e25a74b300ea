package dev.pipelinesdk.core.metrics;

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
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Outcome;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import java.util.Optional;

/** Builds histories by driving the engine with a test clock; every command must be accepted. */
final class Driver {
  final TestClock clock = new TestClock(TestClock.T0);
  final Pipeline pipeline;
  private final Request ana = Request.by("ana");

  Driver(PipelineDefinition definition) {
    this.pipeline = Pipeline.of(definition, clock);
  }

  static Driver saas() {
    return new Driver(PipelineTemplates.definition("saas-b2b"));
  }

  /** A free pipeline: a, b, c, d open; every move between open stages allowed; reopen anywhere. */
  static PipelineDefinition free() {
    PipelineDefinition.Builder b = PipelineDefinition.builder("free")
        .stage(Stage.open("a", "A", 0.1)).stage(Stage.open("b", "B", 0.3)).stage(Stage.open("c", "C", 0.5))
        .stage(Stage.open("d", "D", 0.8))
        .stage(Stage.won("won", "Won")).stage(Stage.lost("lost", "Lost")).stage(Stage.dormant("dormant", "Dark"));
    String[] open = {"a", "b", "c", "d"};
    for (String from : open) {
      for (String to : open) {
        if (!from.equals(to)) {
          b.transition(from, to);
        }
      }
      b.transition("dormant", from).reopen("lost", from).reopen("won", from);
    }
    return b.fromEveryOpenStage("won").fromEveryOpenStage("lost").fromEveryOpenStage("dormant")
        .transition("dormant", "lost").build();
  }

  /** Creates a qualified-looking deal (passes every saas-b2b guard) at the given day. */
  DealHistory create(double day, String id, String amount, LeadSource source) {
    return create(day, id, Optional.of(Money.of(amount, "EUR")), Optional.of(source));
  }

  DealHistory create(double day, String id, Optional<Money> amount, Optional<LeadSource> source) {
    clock.setDay(day);
    NewDeal.Builder b = NewDeal.builder().id(id).title("deal " + id).amount(amount)
        .leadSource(source).owner("ana")
        .putAttribute(Deal.LEAD_SCORE, AttributeValue.of(80));
    for (String fact : new String[] {"need", "buying_process", "decision_maker"}) {
      b.putAttribute(fact, AttributeValue.of(true));
    }
    return DealHistory.of(pipeline.create(b.build(), ana).events());
  }

  DealHistory run(DealHistory h, double day, Command command) {
    clock.setDay(day);
    Outcome o = pipeline.execute(h, command, ana);
    if (!o.isAccepted()) {
      throw new AssertionError("expected " + command + " to be accepted: " + o);
    }
    return o.appendTo(h);
  }

  DealHistory move(DealHistory h, double day, String to) {
    return run(h, day, new Command.MoveTo(StageId.of(to)));
  }

  DealHistory win(DealHistory h, double day) {
    return run(h, day, new Command.Win());
  }

  DealHistory lose(DealHistory h, double day) {
    return run(h, day, new Command.Lose("no budget"));
  }

  DealHistory dark(DealHistory h, double day) {
    return run(h, day, new Command.GoDormant());
  }

  DealHistory touch(DealHistory h, double day) {
    return run(h, day, new Command.RecordTouch(
        Touch.outbound(Touch.Channel.CALL, Touch.Result.COMPLETED)));
  }

  DealHistory amount(DealHistory h, double day, String amount) {
    return run(h, day, new Command.ChangeAmount(Optional.of(Money.of(amount, "EUR"))));
  }

  DealHistory probability(DealHistory h, double day, double p) {
    return run(h, day, new Command.OverrideProbability(java.util.OptionalDouble.of(p)));
  }
}
