package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.guard.GuardContext;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.Readable;
import dev.pipelinesdk.testkit.internal.Draw;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators of what a guard sees: a definition, a deal in the stage a declared transition
 * leaves, that transition, a request, an instant not before the deal's last change and,
 * sometimes, the deal's history.
 *
 * <p>Mostly the deal is the end of a history generated through the real engine (so it is
 * reachable, and the history is attached half of the time); sometimes it is a snapshot in any
 * stage that has an outgoing transition ({@link Deals}).
 */
public final class GuardContexts {
  private GuardContexts() {}

  /**
   * Contexts over one definition.
   *
   * @param definition the definition (its own guards run while the histories are generated)
   * @param schema the attributes deals carry
   * @return the generator
   */
  public static Gen<GuardContext> forDefinition(PipelineDefinition definition,
      AttributeSchema schema) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(schema, "schema is null");
    if (definition.transitions().isEmpty()) {
      throw new IllegalArgumentException("pipeline '" + definition.id() + "' has no transitions");
    }
    Histories histories = Histories.forDefinition(definition).withAttributes(schema);
    Deals deals = Deals.forDefinition(definition).withAttributes(schema);
    Gen<GuardContext> gen = in -> context(in, definition, histories, deals);
    return gen.describedAs(Readable::context);
  }

  /**
   * Contexts over generated definitions.
   *
   * @param definitions the definitions
   * @param schema the attributes deals carry
   * @return the generator
   */
  public static Gen<GuardContext> forDefinitions(Gen<PipelineDefinition> definitions,
      AttributeSchema schema) {
    Objects.requireNonNull(definitions, "definitions is null");
    Objects.requireNonNull(schema, "schema is null");
    Gen<GuardContext> gen = in -> {
      PipelineDefinition d = definitions.generate(in);
      return context(in, d, Histories.forDefinition(d).withAttributes(schema),
          Deals.forDefinition(d).withAttributes(schema));
    };
    return gen.describedAs(Readable::context);
  }

  /**
   * Contexts over generated definitions of any shape ({@link StageGraphs#valid()}) with the
   * given attributes.
   *
   * @param schema the attributes deals carry
   * @return the generator
   */
  public static Gen<GuardContext> anywhere(AttributeSchema schema) {
    return forDefinitions(StageGraphs.valid(), schema);
  }

  private static GuardContext context(RandomnessSource in, PipelineDefinition definition,
      Histories histories, Deals deals) {
    Deal deal;
    Optional<DealHistory> history = Optional.empty();
    Transition transition;
    if (!Draw.chance(in, 25)) {
      DealHistory h = histories.scenario(in).history();
      deal = h.current();
      List<Transition> out = new ArrayList<>(definition.transitionsFrom(deal.stage()));
      if (out.isEmpty()) {
        transition = Draw.pick(in, definition.transitions());
        deal = Deal.builder().from(deal).stage(transition.from()).build();
      } else {
        transition = Draw.pick(in, out);
        if (Draw.chance(in, 50)) {
          history = Optional.of(h);
        }
      }
    } else {
      transition = Draw.pick(in, definition.transitions());
      deal = deals.deal(in, transition.from());
    }
    Request request = Commands.requests().generate(in);
    Instant at = deal.updatedAt().plus(Duration.ofMinutes(Draw.between(in, 0L, 60L * 24 * 45)));
    return new GuardContext(definition, deal, transition, request, at, history);
  }
}
