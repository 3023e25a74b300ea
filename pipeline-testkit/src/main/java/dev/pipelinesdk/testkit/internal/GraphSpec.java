package dev.pipelinesdk.testkit.internal;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A recipe for a {@link PipelineDefinition.Builder}: stages and transitions as plain data, so a
 * generated graph can be rendered readably and built any number of times.
 */
public final class GraphSpec {
  /** A stage in the recipe. */
  public record StageDraft(String id, @Nullable String name, StageKind kind, double probability) {}

  /** A transition in the recipe. */
  public record TransitionDraft(String from, String to, boolean reopen) {}

  private final String id;
  private final @Nullable String currency;
  private final List<StageDraft> stages;
  private final List<TransitionDraft> transitions;

  /**
   * Creates a recipe.
   *
   * @param id the definition id
   * @param currency the currency code, or null
   * @param stages the stages in order
   * @param transitions the transitions in order
   */
  public GraphSpec(String id, @Nullable String currency, List<StageDraft> stages,
      List<TransitionDraft> transitions) {
    this.id = id;
    this.currency = currency;
    this.stages = List.copyOf(stages);
    this.transitions = List.copyOf(transitions);
  }

  /** {@return the stages} */
  public List<StageDraft> stages() {
    return stages;
  }

  /** {@return the transitions} */
  public List<TransitionDraft> transitions() {
    return transitions;
  }

  /** {@return the open stage ids in order} */
  public List<String> openIds() {
    List<String> ids = new ArrayList<>();
    for (StageDraft s : stages) {
      if (s.kind() == StageKind.OPEN) {
        ids.add(s.id());
      }
    }
    return ids;
  }

  /**
   * Returns a copy with another id, currency and more stages and transitions appended.
   *
   * @param newId the id
   * @param newCurrency the currency, or null
   * @param moreStages stages to append
   * @param moreTransitions transitions to append
   * @return the new recipe
   */
  public GraphSpec with(String newId, @Nullable String newCurrency, List<StageDraft> moreStages,
      List<TransitionDraft> moreTransitions) {
    List<StageDraft> s = new ArrayList<>(stages);
    s.addAll(moreStages);
    List<TransitionDraft> t = new ArrayList<>(transitions);
    t.addAll(moreTransitions);
    return new GraphSpec(newId, newCurrency, s, t);
  }

  /** {@return a fresh builder following the recipe} */
  public PipelineDefinition.Builder builder() {
    PipelineDefinition.Builder b = PipelineDefinition.builder(id);
    if (currency != null) {
      b.currency(currency);
    }
    for (StageDraft s : stages) {
      Stage.Builder x = Stage.builder().id(s.id());
      x.kind(s.kind()).defaultProbability(s.probability());
      if (s.name() != null) {
        x.name(s.name());
      }
      b.stage(x.build());
    }
    for (TransitionDraft t : transitions) {
      if (t.reopen()) {
        b.reopen(t.from(), t.to());
      } else {
        b.transition(t.from(), t.to());
      }
    }
    return b;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("definition '").append(id).append('\'');
    if (currency != null) {
      sb.append(" in ").append(currency);
    }
    sb.append(System.lineSeparator()).append("  stages:");
    for (StageDraft s : stages) {
      sb.append(' ').append(s.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(s.id());
      if (s.name() != null) {
        sb.append(" (name '").append(s.name()).append("')");
      }
      if (s.kind() == StageKind.OPEN || s.probability() != s.kind().defaultProbability()) {
        sb.append(" p=").append(s.probability());
      }
      sb.append(';');
    }
    sb.append(System.lineSeparator()).append("  transitions:");
    for (TransitionDraft t : transitions) {
      sb.append(' ').append(t.reopen() ? "reopen " : "").append(t.from()).append(" -> ")
          .append(t.to()).append(';');
    }
    return sb.toString();
  }
}
