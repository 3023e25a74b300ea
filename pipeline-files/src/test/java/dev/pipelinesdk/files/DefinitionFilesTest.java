package dev.pipelinesdk.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.automation.Activity;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.files.DefinitionFiles.Format;
import dev.pipelinesdk.testkit.gen.StageGraphs;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trips of definition files: write, read back, equal. */
class DefinitionFilesTest {
  /** Factory-made guards, the kind a file can name. */
  private static final List<Guard> GUARDS = List.of(
      GuardFactories.create("minimum-lead-score", Map.of("min", "50")),
      GuardFactories.create("required-attributes", Map.of("names", "need,budget")),
      GuardFactories.create("amount-present", Map.of()),
      GuardFactories.create("minimum-time-in-stage", Map.of("duration", "PT36H")),
      GuardFactories.create("owner-in", Map.of("owners", "ana, ben")),
      GuardFactories.create("no-skipping", Map.of()));

  private static String write(PipelineDefinition d, Format format) {
    StringBuilder sb = new StringBuilder();
    DefinitionFiles.write(d, sb, format);
    return sb.toString();
  }

  private static PipelineDefinition roundTrip(PipelineDefinition d, Format format)
      throws DefinitionFileException {
    return DefinitionFiles.read("test." + format.name().toLowerCase(java.util.Locale.ROOT),
        write(d, format), format);
  }

  @Test
  void generatedDefinitionsWithEveryBuilderFieldReadBackEqual() {
    qt().withExamples(300).forAll(StageGraphs.valid(), longs().all())
        .checkAssert((generated, seed) -> {
          PipelineDefinition d = decorated(generated, new Random(seed));
          for (Format format : Format.values()) {
            try {
              PipelineDefinition back = roundTrip(d, format);
              assertThat(back).as(format + "\n" + write(d, format)).isEqualTo(d);
              assertThat(write(back, format)).isEqualTo(write(d, format));
            } catch (DefinitionFileException e) {
              throw new AssertionError(format + ": " + e.getMessage() + "\n" + write(d, format), e);
            }
          }
        });
  }

  /**
   * The generated definition (stages, transitions, currency) with the fields the generator leaves
   * at their defaults set at random: names, durations, forecast categories, transition names,
   * factory-made guards, entry stages.
   */
  private static PipelineDefinition decorated(PipelineDefinition g, Random r) {
    PipelineDefinition.Builder b = PipelineDefinition.builder(g.id());
    if (r.nextBoolean()) {
      b.name("Pipeline \"" + r.nextInt(100) + "\" — ünïcode");
    }
    g.currency().ifPresent(c -> b.currency(c.getCurrencyCode()));
    if (r.nextInt(4) == 0) {
      b.guard(GUARDS.get(r.nextInt(GUARDS.size())));
    }
    List<Stage> built = new ArrayList<>();
    for (Stage s : g.stages()) {
      Stage.Builder x = Stage.builder().from(s);
      if (r.nextBoolean()) {
        x.name(s.id() + " stage: " + r.nextInt(10));
      }
      if (r.nextBoolean()) {
        x.expectedDuration(r.nextBoolean() ? Duration.ofDays(1 + r.nextInt(60))
            : Duration.ofMinutes(1 + r.nextInt(100_000)).plusMillis(r.nextInt(1000)));
      }
      if (r.nextBoolean()) {
        x.idleAfter(Duration.ofDays(1 + r.nextInt(30)));
      }
      if (s.kind() == StageKind.OPEN && r.nextBoolean()) {
        x.forecastCategory(ForecastCategory.values()[r.nextInt(ForecastCategory.values().length)]);
      }
      Stage stage = x.build();
      built.add(stage);
      b.stage(stage);
    }
    rules(b, built, r);
    List<String> open = new ArrayList<>();
    g.openStages().forEach(s -> open.add(s.id().value()));
    if (open.size() > 1 && r.nextBoolean()) {
      b.entryStages(open.get(open.size() - 1), open.get(0));
    }
    for (Transition t : g.transitions()) {
      Guard[] guards = r.nextInt(3) == 0
          ? new Guard[] {GUARDS.get(r.nextInt(GUARDS.size())), GUARDS.get(r.nextInt(GUARDS.size()))}
          : new Guard[0];
      String from = t.from().value();
      String to = t.to().value();
      if (t.kind() == TransitionKind.REOPEN) {
        b.reopen(from, to, guards);
      } else if (r.nextBoolean()) {
        b.transition(from, to, "move " + r.nextInt(1000) + " 'quoted'", guards);
      } else {
        b.transition(from, to, guards);
      }
    }
    return b.build();
  }

  private static final List<Span> SPANS = List.of(Span.days(1), Span.days(14),
      Span.businessDays(1), Span.businessDays(7), Span.of(Duration.ofHours(36)));

  /** Rules of every kind on random open or dormant stages, and sometimes a calendar. */
  private static void rules(PipelineDefinition.Builder b, List<Stage> stages, Random r) {
    List<Stage> watched = stages.stream().filter(s -> !s.isTerminal()).toList();
    int n = watched.isEmpty() ? 0 : r.nextInt(4);
    for (int i = 0; i < n; i++) {
      Stage s = watched.get(r.nextInt(watched.size()));
      String stage = s.id().value();
      Span span = SPANS.get(r.nextInt(SPANS.size()));
      switch (r.nextInt(4)) {
        case 0: {
          IdleRule rule = IdleRule.of(stage, span).withId("idle " + i);
          b.rule(r.nextBoolean() ? rule : rule.resetBy(Activity.values()[r.nextInt(4)],
              Activity.values()[r.nextInt(4)]));
          break;
        }
        case 1:
          b.rule(r.nextBoolean() ? DecisionTimeout.of(stage, span).withId("timeout " + i)
              : DecisionTimeout.of(stage, span).withId("timeout " + i)
                  .resetBy(Activity.ATTRIBUTE_CHANGE));
          break;
        case 3: {
          Cadence.Builder c = Cadence.builder(stage);
          if (i > 0 || r.nextBoolean()) { // one default id per definition at most
            c.id("cadence " + i);
          }
          for (int k = 1 + r.nextInt(8); k > 0; k--) {
            Touch.Channel channel = Touch.Channel.values()[r.nextInt(Touch.Channel.values().length)];
            Span delay = SPANS.get(r.nextInt(SPANS.size()));
            if (r.nextBoolean()) {
              c.step(channel, delay, "cadence." + i + "." + k);
            } else {
              c.step(channel, delay);
            }
          }
          int stops = r.nextInt(4);
          if (stops < 3) {
            c.stopOn(stops == 0 ? new Cadence.StopOn[0]
                : new Cadence.StopOn[] {Cadence.StopOn.values()[stops - 1]});
          }
          if (r.nextBoolean()) {
            c.manualOnly();
          }
          if (r.nextBoolean()) {
            c.concurrent();
          }
          b.rule(c.build());
          break;
        }
        default: {
          DelayContactRule.Builder c = DelayContactRule.builder(stage, "msg." + i).id("dc" + i);
          if (s.expectedDuration().isEmpty() || r.nextBoolean()) {
            c.after(span);
          }
          if (r.nextBoolean()) {
            c.offer("product-" + r.nextInt(5));
          }
          if (r.nextBoolean()) {
            c.repeat(SPANS.get(r.nextInt(SPANS.size())), 2 + r.nextInt(5));
          }
          b.rule(c.build());
        }
      }
    }
    if (r.nextInt(3) == 0) {
      BusinessCalendar.Builder c = BusinessCalendar.builder();
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d != DayOfWeek.WEDNESDAY && r.nextInt(3) == 0) {
          c.weekend(d);
        }
      }
      for (int i = r.nextInt(4); i > 0; i--) {
        c.holidays(LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365)));
      }
      List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "+05:30");
      b.calendar(c.zone(ZoneId.of(zones.get(r.nextInt(zones.size())))).build());
    }
  }

  @Test
  void rulesAndTheCalendarAreWrittenAsTheReadmeShows() throws DefinitionFileException {
    PipelineDefinition d = PipelineDefinition.builder("loans")
        .stage(Stage.builder().id("processing").name("Processing")
            .expectedDuration(Duration.ofDays(10)).build())
        .stage(Stage.open("decision", "Decision", 0.8))
        .stage(Stage.won("funded", "Funded")).stage(Stage.lost("denied", "Denied"))
        .path("processing", "decision", "funded").fromEveryOpenStage("denied")
        .calendar(BusinessCalendar.builder().weekend(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
            .holidays(LocalDate.of(2026, 12, 25)).zone(ZoneId.of("Europe/Berlin")).build())
        .rule(DelayContactRule.builder("processing", "loan.processing.delayed")
            .offer("home-insurance").repeat(Span.businessDays(5), 3).build())
        .rule(IdleRule.of("processing", Span.businessDays(3)).resetBy(Activity.TOUCH,
            Activity.ATTRIBUTE_CHANGE))
        .rule(DecisionTimeout.of("decision", Span.days(7)).withId("get a decision"))
        .build();
    String yaml = write(d, Format.YAML);
    assertThat(yaml).endsWith("calendar:\n"
        + "  weekend:\n    - saturday\n    - sunday\n"
        + "  holidays:\n    - 2026-12-25\n"
        + "  zone: Europe/Berlin\n"
        + "rules:\n"
        + "  - rule: delay-contact\n    stage: processing\n"
        + "    message: loan.processing.delayed\n    offer: home-insurance\n"
        + "    repeatEvery: 5 business days\n    maxPerVisit: 3\n"
        + "  - rule: idle\n    stage: processing\n    after: 3 business days\n"
        + "    resetOn:\n      - touch\n      - attribute-change\n"
        + "  - rule: decision-timeout\n    id: get a decision\n    stage: decision\n"
        + "    after: 7 days\n");
    for (Format format : Format.values()) {
      assertThat(roundTrip(d, format)).as(format.name()).isEqualTo(d);
    }
  }

  @Test
  void badRulesAreReportedWithTheirPaths() {
    String json = "{\"id\": \"x\", \"stages\": [{\"id\": \"a\", \"kind\": \"open\"},"
        + " {\"id\": \"w\", \"kind\": \"won\"}], \"transitions\": [{\"from\": \"a\","
        + " \"to\": \"w\"}],"
        + " \"calendar\": {\"weekend\": [\"caturday\"], \"holidays\": [\"25.12.2026\"],"
        + " \"zone\": \"Mars/Olympus\"},"
        + " \"rules\": [{\"rule\": \"rotting\", \"stage\": \"a\"},"
        + " {\"rule\": \"idle\", \"stage\": \"a\", \"after\": \"soon\"},"
        + " {\"rule\": \"idle\", \"stage\": \"a\", \"after\": \"2 days\","
        + " \"message\": \"m\", \"resetOn\": [\"call\"]},"
        + " {\"rule\": \"delay-contact\", \"stage\": \"a\"},"
        + " {\"rule\": \"delay-contact\", \"stage\": \"a\", \"message\": \"m\","
        + " \"maxPerVisit\": 3},"
        + " {\"rule\": \"decision-timeout\", \"stage\": \"w\", \"after\": \"1 day\"}]}";
    assertThatThrownBy(() -> DefinitionFiles.read("x.json", json, Format.JSON))
        .isInstanceOf(DefinitionFileException.class)
        .hasMessage(String.join("\n",
            "x.json: $.calendar.weekend[0]: unknown day of the week 'caturday'; known: monday,"
                + " tuesday, wednesday, thursday, friday, saturday, sunday",
            "x.json: $.calendar.holidays[0]: '25.12.2026' is not an ISO date such as 2026-12-25",
            "x.json: $.calendar.zone: unknown zone 'Mars/Olympus'; use UTC, an offset such as"
                + " +01:00, or a region such as Europe/Berlin",
            "x.json: $.rules[0].rule: unknown rule 'rotting'; known: idle, decision-timeout,"
                + " delay-contact, cadence",
            "x.json: $.rules[1].after: 'soon' is not a span such as 14 days, 10 business days or"
                + " PT36H",
            "x.json: $.rules[2].message: not a field of an idle rule",
            "x.json: $.rules[2].resetOn[0]: unknown activity 'call'; known: touch, stage-change,"
                + " attribute-change, field-change",
            "x.json: $.rules[3].message: missing; a delay contact names the message to send, such"
                + " as mortgage.processing.delayed",
            "x.json: $.rules[4].repeatEvery: missing; 3 contacts per visit need a repeat span,"
                + " such as 5 business days",
            "x.json: rule 'decision-timeout:w': stage 'w' is won; rules watch open or dormant"
                + " stages, where deals wait"));
  }

  @Test
  void cadencesAreWrittenWithTheirStepsAndReadBackEqual() throws DefinitionFileException {
    PipelineDefinition d = PipelineDefinition.builder("leads")
        .stage(Stage.open("lead", "Lead", 0.1)).stage(Stage.open("talks", "Talks", 0.3))
        .stage(Stage.won("won", "Won")).path("lead", "talks", "won")
        .rule(Cadence.builder("talks").id("follow-up")
            .step(Touch.Channel.EMAIL, Span.businessDays(1), "talks.follow-up.1")
            .step(Touch.Channel.CALL, Span.days(3)).build())
        .rule(Cadence.builder("talks").stopOn(Cadence.StopOn.MEETING_BOOKED).manualOnly()
            .concurrent().step(Touch.Channel.SOCIAL, Span.of(Duration.ofHours(36))).build())
        .rule(Cadence.builder("lead").stopOn().step(Touch.Channel.EMAIL, Span.days(1)).build())
        .build();
    String yaml = write(d, Format.YAML);
    assertThat(yaml).endsWith("rules:\n"
        + "  - rule: cadence\n    id: follow-up\n    stage: talks\n    steps:\n"
        + "      - channel: email\n        after: 1 business day\n"
        + "        message: talks.follow-up.1\n"
        + "      - channel: call\n        after: 3 days\n"
        + "  - rule: cadence\n    stage: talks\n    steps:\n"
        + "      - channel: social\n        after: PT36H\n"
        + "    stopOn:\n      - meeting-booked\n    manualOnly: true\n    concurrent: true\n"
        + "  - rule: cadence\n    stage: lead\n    steps:\n"
        + "      - channel: email\n        after: 1 day\n"
        + "    stopOn: []\n");
    for (Format format : Format.values()) {
      assertThat(roundTrip(d, format)).as(format.name()).isEqualTo(d);
    }
  }

  @Test
  void badCadencesAreReportedWithTheirPaths() {
    String json = "{\"id\": \"x\", \"stages\": [{\"id\": \"a\", \"kind\": \"open\"},"
        + " {\"id\": \"w\", \"kind\": \"won\"}], \"transitions\": [{\"from\": \"a\","
        + " \"to\": \"w\"}],"
        + " \"rules\": [{\"rule\": \"cadence\", \"stage\": \"a\"},"
        + " {\"rule\": \"cadence\", \"stage\": \"a\", \"after\": \"2 days\", \"steps\": ["
        + "   {\"channel\": \"fax\", \"after\": \"1 day\"},"
        + "   {\"channel\": \"email\"},"
        + "   {\"channel\": \"call\", \"after\": \"soon\"},"
        + "   {\"channel\": \"email\", \"after\": \"1 day\", \"message\": \" bad\"},"
        + "   {\"after\": \"1 day\", \"tone\": \"warm\"}],"
        + "  \"stopOn\": [\"unsubscribe\"]},"
        + " {\"rule\": \"idle\", \"stage\": \"a\", \"after\": \"1 day\", \"stopOn\": []},"
        + " {\"rule\": \"cadence\", \"stage\": \"w\", \"steps\": [{\"channel\": \"email\","
        + " \"after\": \"1 day\"}]},"
        + " {\"rule\": \"cadence\", \"id\": \"c\", \"stage\": \"a\", \"steps\": "
        + "[{\"channel\": \"email\", \"after\": \"1 day\"}], \"manualOnly\": \"yes\"}]}";
    assertThatThrownBy(() -> DefinitionFiles.read("x.json", json, Format.JSON))
        .isInstanceOf(DefinitionFileException.class)
        .hasMessage(String.join("\n",
            "x.json: $.rules[1].steps[4].tone: unknown field 'tone'; known fields: after, channel,"
                + " message",
            "x.json: $.rules[4].manualOnly: 'yes' is not true or false",
            "x.json: $.rules[0].steps: missing; a cadence lists its touches, each with a channel"
                + " and a span after the step before, such as {channel: email, after: 2 business"
                + " days, message: lead.follow-up.1}",
            "x.json: $.rules[1].after: not a field of a cadence rule",
            "x.json: $.rules[1].steps[0].channel: unknown channel 'fax'; known: call, email,"
                + " meeting, message, social, event, other",
            "x.json: $.rules[1].steps[1].after: missing; how long after the step before (after"
                + " the enrolment, for the first), such as 2 business days",
            "x.json: $.rules[1].steps[2].after: 'soon' is not a span such as 14 days, 10 business"
                + " days or PT36H",
            "x.json: $.rules[1].steps[3].message: message key has leading or trailing"
                + " whitespace: ' bad'",
            "x.json: $.rules[1].steps[4].channel: missing; one of call, email, meeting, message,"
                + " social, event, other",
            "x.json: $.rules[1].stopOn[0]: unknown stop 'unsubscribe'; known: reply,"
                + " meeting-booked",
            "x.json: $.rules[2].stopOn: not a field of an idle rule",
            "x.json: rule 'cadence:w': stage 'w' is won; rules watch open or dormant stages,"
                + " where deals wait"));
  }

  @Test
  void aHandoffIsWrittenAndReadBackEqual() throws DefinitionFileException {
    PipelineDefinition.Builder b = PipelineDefinition.builder("sales")
        .stage(Stage.open("lead", "Lead", 0.1)).stage(Stage.won("won", "Won"))
        .path("lead", "won");
    PipelineDefinition full = b.handoff(dev.pipelinesdk.core.Handoff.to("customer-success")
        .stage("kickoff").owner("cs-team").attributes("seats", "plan").withoutAmount()
        .idSuffix("cs").build()).build();
    assertThat(write(full, Format.YAML)).endsWith("handoff:\n  pipeline: customer-success\n"
        + "  stage: kickoff\n  owner: cs-team\n  attributes:\n    - seats\n    - plan\n"
        + "  amount: false\n  idSuffix: cs\n");
    PipelineDefinition plain = b.handoff(dev.pipelinesdk.core.Handoff.to("renewals")
        .attributes().idSuffix("r").build()).build();
    assertThat(write(plain, Format.YAML)).endsWith("handoff:\n  pipeline: renewals\n"
        + "  attributes: []\n  idSuffix: r\n");
    for (PipelineDefinition d : List.of(full, plain)) {
      for (Format format : Format.values()) {
        assertThat(roundTrip(d, format)).as(format.name()).isEqualTo(d);
      }
    }
  }

  @Test
  void badHandoffsAreReportedWithTheirPaths() {
    String stages = "{\"id\": \"x\", \"stages\": [{\"id\": \"a\", \"kind\": \"open\"},"
        + " {\"id\": \"w\", \"kind\": \"won\"}], \"transitions\": [{\"from\": \"a\","
        + " \"to\": \"w\"}], \"handoff\": ";
    assertThatThrownBy(() -> DefinitionFiles.read("x.json", stages + "{\"stage\": \"k\"}}",
        Format.JSON)).isInstanceOf(DefinitionFileException.class)
        .hasMessage("x.json: $.handoff.pipeline: missing; name the follow-on pipeline's id");
    assertThatThrownBy(() -> DefinitionFiles.read("x.json", stages + "{\"pipeline\": \"cs\","
        + " \"owner\": \" ana\", \"attributes\": [\"ok\", null], \"idSuffix\": \"\"}}",
        Format.JSON)).isInstanceOf(DefinitionFileException.class)
        .hasMessage(String.join("\n",
            "x.json: $.handoff.owner: follow-on owner has leading or trailing whitespace: ' ana'",
            "x.json: $.handoff.attributes[1]: null is not an attribute name",
            "x.json: $.handoff.idSuffix: follow-on id suffix is blank: ''"));
    assertThatThrownBy(() -> DefinitionFiles.read("x.json", stages + "{\"pipeline\": \"x\"}}",
        Format.JSON)).isInstanceOf(DefinitionFileException.class)
        .hasMessageContaining("handoff to its own pipeline 'x' needs an id suffix");
  }

  @Test
  void theBuiltInTemplatesReadBackEqual() throws DefinitionFileException {
    // core's templates; the mortgage template ships with pipeline-examples, whose
    // MortgageTemplateTest writes and reads it back the same way
    for (String name : List.of("saas-b2b", "customer-success")) {
      PipelineDefinition template = PipelineTemplates.definition(name);
      for (Format format : Format.values()) {
        assertThat(roundTrip(template, format)).as(name + " " + format).isEqualTo(template);
      }
    }
  }

  @Test
  void writeRefusesGuardsThatNoFactoryMade() {
    PipelineDefinition d = PipelineDefinition.builder("lambdas")
        .stage(Stage.open("a", "A", 0.5)).stage(Stage.won("w", "W")).stage(Stage.lost("l", "L"))
        .transition("a", "w", "sign", Guard.named("has budget", c -> null))
        .transition("a", "l", Guards.amountPresent())
        .build();
    assertThatThrownBy(() -> write(d, Format.JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write definition 'lambdas': transition sign (a -> w): guard 'has"
            + " budget' was not made by a guard factory; transition a -> l: guard 'amount"
            + " present' was not made by a guard factory (only guards made by a GuardFactory,"
            + " through GuardFactories.create, can be written by name)");
  }

  @Test
  void wholeDaysAreWrittenInDaysOtherDurationsAsJavaWritesThem() {
    assertThat(DefinitionFiles.iso(Duration.ofDays(14))).isEqualTo("P14D");
    assertThat(DefinitionFiles.iso(Duration.ofHours(36))).isEqualTo("PT36H");
    assertThat(DefinitionFiles.iso(Duration.ofDays(1).plusNanos(1))).isEqualTo("PT24H0.000000001S");
  }
}
