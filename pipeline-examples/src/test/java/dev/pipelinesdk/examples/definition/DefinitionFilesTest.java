package dev.pipelinesdk.examples.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.guard.Guards;
import dev.pipelinesdk.core.template.PipelineTemplates;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.definition.DefinitionFiles.Format;
import dev.pipelinesdk.testkit.gen.StageGraphs;
import java.time.Duration;
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
      throws BadInputException {
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
            } catch (BadInputException e) {
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
      b.stage(x.build());
    }
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

  @Test
  void theBuiltInTemplatesReadBackEqual() throws BadInputException {
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
