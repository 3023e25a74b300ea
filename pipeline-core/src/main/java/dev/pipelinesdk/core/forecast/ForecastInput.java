package dev.pipelinesdk.core.forecast;

import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.StageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a forecast model may know: the definition, the histories as they were at the as-of
 * instant (deals created after it left out, events after it cut off) and the horizon. Built once,
 * immutable, shared by every model and every thread.
 */
public final class ForecastInput {
  private final PipelineDefinition definition;
  private final List<DealHistory> histories;
  private final List<DealHistory> open;
  private final Instant asOf;
  private final Duration horizon;

  private ForecastInput(PipelineDefinition definition, List<DealHistory> histories,
      List<DealHistory> open, Instant asOf, Duration horizon) {
    this.definition = definition;
    this.histories = histories;
    this.open = open;
    this.asOf = asOf;
    this.horizon = horizon;
  }

  /**
   * The input at an instant.
   *
   * @param definition the pipeline definition
   * @param histories the histories, which may reach past the as-of instant: they are cut
   * @param asOf the instant: events at or before it are known
   * @param horizon how far to look ahead, positive
   * @return the input
   * @throws IllegalArgumentException if the horizon is not positive, or a history does not fit the
   *     definition ({@link DealHistory#checkImportedAgainst}), naming the deal
   * @throws NullPointerException if an argument is null
   */
  public static ForecastInput of(PipelineDefinition definition,
      Collection<DealHistory> histories, Instant asOf, Duration horizon) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Objects.requireNonNull(horizon, "horizon is null");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive, not " + horizon);
    }
    List<DealHistory> known = new ArrayList<>(histories.size());
    List<DealHistory> open = new ArrayList<>();
    for (DealHistory h : histories) {
      h.checkImportedAgainst(definition);
      List<DealEvent> events = h.events();
      int n = 0;
      while (n < events.size() && !events.get(n).at().isAfter(asOf)) {
        n++;
      }
      if (n == 0) {
        continue; // created after the as-of instant: not known yet
      }
      DealHistory cut = n == events.size() ? h : DealHistory.of(events.subList(0, n));
      known.add(cut);
      // the stage exists: the history was checked against the definition above
      StageKind kind = definition.stage(cut.current().stage()).orElseThrow().kind();
      if (kind == StageKind.OPEN || kind == StageKind.DORMANT) {
        open.add(cut);
      }
    }
    return new ForecastInput(definition, List.copyOf(known), List.copyOf(open), asOf, horizon);
  }

  /** {@return the pipeline definition} */
  public PipelineDefinition definition() {
    return definition;
  }

  /** {@return every deal created by the as-of instant, its events up to it} */
  public List<DealHistory> histories() {
    return histories;
  }

  /** {@return the deals open (in an open or dormant stage) at the as-of instant} */
  public List<DealHistory> open() {
    return open;
  }

  /** {@return the as-of instant} */
  public Instant asOf() {
    return asOf;
  }

  /** {@return how far the forecast looks ahead} */
  public Duration horizon() {
    return horizon;
  }

  /** {@return the end of the horizon: {@code asOf + horizon}} */
  public Instant end() {
    return asOf.plus(horizon);
  }
}
