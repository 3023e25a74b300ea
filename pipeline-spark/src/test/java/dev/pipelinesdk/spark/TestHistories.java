package dev.pipelinesdk.spark;

import dev.pipelinesdk.core.AttributeValue;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.NewDeal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Pipeline;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.SyntheticHistories;
import dev.pipelinesdk.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Histories of three pipelines, made once per JVM: {@code acme} and {@code globex} on the {@code
 * saas-b2b} template (the CLI's synthetic histories, two seeds), {@code initech} on {@code
 * customer-success} (driven through the engine here, with touches, snoozes and probability
 * overrides the synthetic ones do not have).
 */
final class TestHistories {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant END = Instant.parse("2026-07-01T00:00:00Z");
  static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");
  static final PipelineDefinition SUCCESS = PipelineTemplates.definition("customer-success");
  private static List<DealHistory> acme;
  private static List<DealHistory> globex;
  private static List<DealHistory> initech;

  private TestHistories() {}

  static Definitions definitions() {
    return Definitions.builder().template("acme", "saas-b2b").template("globex", "saas-b2b")
        .template("initech", "customer-success").build();
  }

  static synchronized List<DealHistory> acme() {
    if (acme == null) {
      acme = SyntheticHistories.generate(160, 11, START, END, n -> { });
    }
    return acme;
  }

  static synchronized List<DealHistory> globex() {
    if (globex == null) {
      globex = SyntheticHistories.generate(90, 12, START, END, n -> { });
    }
    return globex;
  }

  static synchronized List<DealHistory> initech() {
    if (initech == null) {
      initech = customerSuccess(70, 13);
    }
    return initech;
  }

  /** Every history with its pipeline key, pipeline by pipeline. */
  static List<PipelineHistory> all() {
    List<PipelineHistory> out = new ArrayList<>();
    acme().forEach(h -> out.add(new PipelineHistory("acme", h)));
    globex().forEach(h -> out.add(new PipelineHistory("globex", h)));
    initech().forEach(h -> out.add(new PipelineHistory("initech", h)));
    return out;
  }

  static List<DealHistory> of(String pipeline) {
    return switch (pipeline) {
      case "acme" -> acme();
      case "globex" -> globex();
      case "initech" -> initech();
      default -> throw new IllegalArgumentException(pipeline);
    };
  }

  /** Onboarding deals: kickoff, onboarding, live or churned, with touches and snoozes. */
  private static List<DealHistory> customerSuccess(int deals, long seed) {
    Random random = new Random(seed);
    List<DealHistory> out = new ArrayList<>();
    Request by = Request.by("csm");
    for (int i = 0; i < deals; i++) {
      ManualClock clock = ManualClock.at(START.plus(Duration.ofHours(random.nextInt(24 * 150))));
      Pipeline pipeline = Pipeline.of(SUCCESS, clock);
      Optional<Money> amount = random.nextInt(4) == 0 ? Optional.empty()
          : Optional.of(Money.of(Integer.toString(500 * (1 + random.nextInt(40))), "EUR"));
      DealHistory h = pipeline.create(NewDeal.builder().id("cs-" + i).title("Onboarding " + i)
          .amount(amount).build(), by).historyOrThrow();
      int steps = random.nextInt(8);
      for (int s = 0; s < steps; s++) {
        clock.advance(Duration.ofHours(1 + random.nextInt(24 * 10)));
        Command c = switch (random.nextInt(8)) {
          case 0 -> new Command.MoveTo(StageId.of("onboarding"));
          case 1 -> new Command.SetAttribute("go_live_signed_off",
              Optional.of(AttributeValue.of(true)));
          case 2 -> new Command.MoveTo(StageId.of("live"));
          case 3 -> new Command.Lose("budget cut");
          case 4 -> new Command.RecordTouch(Touch.outbound(Touch.Channel.EMAIL,
              Touch.Result.COMPLETED));
          case 5 -> new Command.Snooze(LocalDate.ofInstant(clock.instant(),
              java.time.ZoneOffset.UTC).plusDays(3), "customer on holiday");
          case 6 -> new Command.OverrideProbability(java.util.OptionalDouble.of(0.6));
          default -> new Command.ChangeOwner(Optional.of("owner" + random.nextInt(3)));
        };
        h = pipeline.execute(h, c, by).appendTo(h); // a refused command changes nothing
      }
      out.add(h);
    }
    return out;
  }
}
