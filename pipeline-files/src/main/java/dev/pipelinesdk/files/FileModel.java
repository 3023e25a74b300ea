package dev.pipelinesdk.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The Jackson data model of a definition file: one record per JSON object. Every field may be
 * absent (null) when read; {@link DefinitionFiles} reports what is missing or wrong, with its
 * JSON path. Values that need checking (kinds, categories, durations) are kept as text here, so
 * a bad one is reported with the file's own spelling.
 */
final class FileModel {
  private FileModel() {}

  /** The whole file. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "name", "currency", "entryStages", "guards", "stages", "transitions",
      "calendar", "rules", "handoff"})
  record Definition(String id, String name, String currency,
      List<String> entryStages, List<GuardRef> guards,
      List<StageModel> stages, List<TransitionModel> transitions,
      CalendarModel calendar, List<RuleModel> rules, HandoffModel handoff) {}

  /** What happens when a deal is won: the follow-on pipeline and what the new deal carries. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"pipeline", "stage", "owner", "attributes", "amount", "idSuffix"})
  record HandoffModel(String pipeline, String stage, String owner, List<String> attributes,
      Boolean amount, String idSuffix) {}

  /** The business calendar the rules count in. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"weekend", "holidays", "zone"})
  record CalendarModel(List<String> weekend, List<String> holidays, String zone) {}

  /** An automation rule; which fields apply depends on {@code rule}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"rule", "id", "stage", "after", "resetOn", "message", "offer",
      "repeatEvery", "maxPerVisit", "steps", "stopOn", "manualOnly", "concurrent"})
  record RuleModel(String rule, String id, String stage, String after, List<String> resetOn,
      String message, String offer, String repeatEvery, Integer maxPerVisit,
      List<StepModel> steps, List<String> stopOn, Boolean manualOnly, Boolean concurrent) {}

  /** A step of a cadence. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"channel", "after", "message"})
  record StepModel(String channel, String after, String message) {}

  /** A stage; its position among the stages is its order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "name", "kind", "probability", "expectedDuration", "idleAfter",
      "forecastCategory"})
  record StageModel(String id, String name, String kind,
      Double probability, String expectedDuration,
      String idleAfter, String forecastCategory) {}

  /** A transition. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"from", "to", "name", "reopen", "guards"})
  record TransitionModel(String from, String to, String name,
      Boolean reopen, List<GuardRef> guards) {}

  /** A guard by factory name, with its parameters as text. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"guard", "parameters"})
  record GuardRef(String guard, Map<String, String> parameters) {}
}
