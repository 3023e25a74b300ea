package dev.pipelinesdk.testkit.gen;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.engine.Command;
import dev.pipelinesdk.core.engine.Request;
import dev.pipelinesdk.testkit.internal.Draw;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.core.Gen;

/**
 * Generators of move requests and of who asks. Valid moves follow a declared transition from the
 * deal's stage; invalid ones do not (the same stage, an undeclared target or an unknown stage),
 * so the engine must reject them.
 */
public final class Commands {
  /** The actors generated requests come from. */
  public static final List<String> ACTORS = List.of("ana", "ben", "chloe", Request.SYSTEM);
  /** The roles generated requests may carry. */
  public static final List<String> ROLES = List.of("sales", "manager", "admin");
  /** The stage id invalid moves use for a stage no definition has: {@value}. */
  public static final String UNKNOWN_STAGE = "no-such-stage";

  private Commands() {}

  /**
   * Requests: an actor from {@link #ACTORS}, a subset of {@link #ROLES}, sometimes a reason.
   * Shrinks toward {@code ana} without roles or reason.
   *
   * @return the generator
   */
  public static Gen<Request> requests() {
    Gen<Request> gen = in -> {
      String actor = Draw.pick(in, ACTORS);
      Set<String> roles = new TreeSet<>();
      for (String r : ROLES) {
        if (Draw.chance(in, 40)) {
          roles.add(r);
        }
      }
      Optional<String> reason = Draw.chance(in, 20)
          ? Optional.of(Draw.pick(in, List.of("customer asked", "weekly review", "cleanup")))
          : Optional.empty();
      return new Request(actor, roles, reason);
    };
    return gen.describedAs(r -> r.actor() + " " + r.roles() + r.reason().map(x -> " (" + x + ")")
        .orElse(""));
  }

  /**
   * Touches of any channel, direction and result; shrinks toward an outbound call, completed.
   *
   * @return the generator
   */
  public static Gen<Touch> touches() {
    return in -> new Touch(Draw.pick(in, List.of(Touch.Channel.values())),
        Draw.pick(in, List.of(Touch.Direction.values())),
        Draw.pick(in, List.of(Touch.Result.values())));
  }

  /**
   * Valid moves for a deal: to a stage a declared transition leads to from the deal's stage.
   *
   * @param definition the definition
   * @param deal the deal
   * @return the generator
   * @throws IllegalArgumentException if no transition leaves the deal's stage
   */
  public static Gen<Command.MoveTo> validMoves(PipelineDefinition definition, Deal deal) {
    List<StageId> targets = new ArrayList<>();
    for (Transition t : definition.transitionsFrom(deal.stage())) {
      targets.add(t.to());
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no transition leaves stage '" + deal.stage()
          + "' of pipeline '" + definition.id() + "'");
    }
    return in -> new Command.MoveTo(Draw.pick(in, targets));
  }

  /**
   * Invalid moves for a deal: to its own stage, to a stage no declared transition leads to from
   * its stage, or to a stage the definition does not have ({@value #UNKNOWN_STAGE}).
   *
   * @param definition the definition
   * @param deal the deal
   * @return the generator
   */
  public static Gen<Command.MoveTo> invalidMoves(PipelineDefinition definition, Deal deal) {
    Objects.requireNonNull(definition, "definition is null");
    List<StageId> targets = new ArrayList<>();
    targets.add(deal.stage());
    for (Stage s : definition.stages()) {
      if (!s.id().equals(deal.stage())
          && definition.transition(deal.stage(), s.id()).isEmpty()) {
        targets.add(s.id());
      }
    }
    targets.add(StageId.of(UNKNOWN_STAGE));
    return in -> new Command.MoveTo(Draw.pick(in, targets));
  }

  /**
   * Valid and invalid moves, about three valid ones to one invalid (only invalid ones when no
   * transition leaves the deal's stage).
   *
   * @param definition the definition
   * @param deal the deal
   * @return the generator
   */
  public static Gen<Command.MoveTo> moves(PipelineDefinition definition, Deal deal) {
    Gen<Command.MoveTo> invalid = invalidMoves(definition, deal);
    if (definition.transitionsFrom(deal.stage()).isEmpty()) {
      return invalid;
    }
    Gen<Command.MoveTo> valid = validMoves(definition, deal);
    return in -> Draw.chance(in, 25) ? invalid.generate(in) : valid.generate(in);
  }
}
