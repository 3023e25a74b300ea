package dev.pipelinesdk.core.guard;

import dev.pipelinesdk.core.Deal;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.engine.Request;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a guard may look at: the definition, the deal before the move, the transition, who
 * asks, the instant of the request and, when the caller passed it, the deal's history. Immutable.
 *
 * @param definition the pipeline definition
 * @param deal the deal as it is now (before the move)
 * @param transition the transition requested
 * @param request who asks, with which roles and reason
 * @param at the instant of the change: the request's explicit instant, else the pipeline's clock;
 *     guards must not read the wall clock
 * @param history the deal's history, if the caller drove the engine with one
 */
public record GuardContext(
    PipelineDefinition definition,
    Deal deal,
    Transition transition,
    Request request,
    Instant at,
    Optional<DealHistory> history) {

  /**
   * Checks the context.
   *
   * @param definition the pipeline definition
   * @param deal the deal as it is now (before the move)
   * @param transition the transition requested
   * @param request who asks, with which roles and reason
   * @param at the instant of the change: the request's explicit instant, else the pipeline's clock;
   *     guards must not read the wall clock
   * @param history the deal's history, if the caller drove the engine with one
   * @throws NullPointerException if any of {@code definition}, {@code deal}, {@code transition},
   *     {@code request}, {@code at} or {@code history} is null
   */
  public GuardContext {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(deal, "deal is null");
    Objects.requireNonNull(transition, "transition is null");
    Objects.requireNonNull(request, "request is null");
    Objects.requireNonNull(at, "at is null");
    Objects.requireNonNull(history, "history is null");
  }

  /** {@return the stage the deal leaves} */
  public StageId from() {
    return transition.from();
  }

  /** {@return the stage the deal enters} */
  public StageId to() {
    return transition.to();
  }

  /** {@return the stage the deal leaves, as declared} */
  public Stage fromStage() {
    return definition.requireStage(transition.from());
  }

  /** {@return the stage the deal enters, as declared} */
  public Stage toStage() {
    return definition.requireStage(transition.to());
  }
}
