package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.LeadSource;
import dev.pipelinesdk.core.Money;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.internal.Draw;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators of deal snapshots consistent with a definition: in one of its stages, with amounts
 * in its currency (or one currency per deal if it fixes none), attributes drawn from a schema,
 * and consistent timestamps and touch counts. Unlike {@link Histories#deals()} these deals need
 * not be reachable through the engine: a snapshot may sit in any stage. Immutable.
 */
public final class Deals {
  static final List<String> LOST_REASONS = List.of("no budget", "went with a competitor",
      "no decision", "bad fit");

  private final PipelineDefinition definition;
  private final AttributeSchema schema;

  private Deals(PipelineDefinition definition, AttributeSchema schema) {
    this.definition = definition;
    this.schema = schema;
  }

  /**
   * Deals of a definition with {@link AttributeSchema#defaults()}.
   *
   * @param definition the definition
   * @return the configuration
   */
  public static Deals forDefinition(PipelineDefinition definition) {
    return new Deals(Objects.requireNonNull(definition, "definition is null"),
        AttributeSchema.defaults());
  }

  /**
   * Returns this configuration with another attribute schema.
   *
   * @param schema the attributes deals may carry
   * @return the new configuration
   */
  public Deals withAttributes(AttributeSchema schema) {
    return new Deals(definition, Objects.requireNonNull(schema, "schema is null"));
  }

  /** {@return deals in any stage of the definition} */
  public Gen<Deal> deals() {
    List<StageId> stages = new ArrayList<>();
    for (Stage s : definition.stages()) {
      stages.add(s.id());
    }
    Gen<Deal> gen = in -> deal(in, Draw.pick(in, stages));
    return gen.describedAs(Readable::deal);
  }

  /**
   * Deals in one stage.
   *
   * @param stage a stage of the definition
   * @return the generator
   * @throws IllegalArgumentException if the definition has no such stage
   */
  public Gen<Deal> inStage(StageId stage) {
    definition.requireStage(stage);
    Gen<Deal> gen = in -> deal(in, stage);
    return gen.describedAs(Readable::deal);
  }

  Deal deal(RandomnessSource in, StageId stage) {
    Instant created = Instants.recent().generate(in);
    Instant entered = created.plus(Duration.ofMinutes(Draw.between(in, 0L, 60L * 24 * 60)));
    Instant updated = entered.plus(Duration.ofMinutes(Draw.between(in, 0L, 60L * 24 * 30)));
    Deal.Builder b = Deal.builder().id(DealId.of("D-" + Draw.between(in, 1, 999)))
        .title(Draw.pick(in, Histories.TITLES)).stage(stage).createdAt(created)
        .stageEnteredAt(entered).updatedAt(updated).attributes(schema.maps().generate(in));
    if (Draw.chance(in, 50)) {
      int touches = Draw.between(in, 1, 12);
      long span = Duration.between(created, updated).toMinutes();
      b.touchCount(touches).lastTouchAt(created.plus(Duration.ofMinutes(
          Draw.between(in, 0L, span))));
    }
    if (Draw.chance(in, 50)) {
      Currency c = definition.currency()
          .orElseGet(() -> Money.currency(Draw.pick(in, StageGraphs.CURRENCIES)));
      b.amount(Money.ofMinor(Draw.between(in, 0L, 10_000_000L), c));
    }
    if (Draw.chance(in, 50)) {
      b.owner(Draw.pick(in, Histories.OWNERS));
    }
    if (Draw.chance(in, 50)) {
      b.leadSource(new LeadSource(Draw.pick(in, List.of(LeadSource.Temperature.values())),
          Draw.pick(in, List.of("webinar", "referral", "call", "social"))));
    }
    if (Draw.chance(in, 10)) {
      b.manualProbability(Draw.between(in, 0, 20) / 20.0);
    }
    if (Draw.chance(in, 50)) {
      b.closeDate(created.atOffset(ZoneOffset.UTC).toLocalDate()
          .plusDays(Draw.between(in, 0, 180)));
    }
    if (definition.requireStage(stage).kind() == StageKind.LOST) {
      b.lostReason(Draw.pick(in, LOST_REASONS));
    }
    return b.build();
  }
}
