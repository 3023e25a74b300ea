package dev.pipelinesdk.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages of a HubSpot deal pipeline, read from the JSON its API gives ({@code GET
 * /crm/v3/pipelines/deals}, saved to a file, or one pipeline of it, {@code GET
 * /crm/v3/pipelines/deals/{id}}), so a deal stage history whose {@code dealstage} holds stage
 * ids is read with the pipeline's own stages, names and probabilities.
 *
 * <p>Each stage: {@code id} (the id the history names), {@code label} (its name), {@code
 * displayOrder} (the funnel order) and {@code metadata}: {@code isClosed} and {@code
 * probability} (HubSpot writes both as strings: {@code "true"}, {@code "0.2"}). An open stage's
 * probability is its default win probability; a closed stage is won if its probability is 1 and
 * lost if it is 0, HubSpot's own rule (any other probability on a closed stage is refused, as it
 * says neither). The transitions are those of {@link PermissiveDefinition#of(String, String,
 * List, Collection)}.
 */
public final class HubSpotPipelines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HubSpotPipelines() {}

  /**
   * Reads the stages of one pipeline.
   *
   * @param file the JSON file
   * @param pipeline the pipeline id, or empty if the file holds exactly one pipeline
   * @return the stages, open ones in display order, then won, then lost
   * @throws BadInputException naming the file, the JSON path and the value when the file cannot
   *     be read or says something this does not understand
   */
  public static List<Stage> stages(Path file, Optional<String> pipeline)
      throws BadInputException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + ":" + e.getLocation().getLineNr() + ": not JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage());
    }
    List<JsonNode> pipelines = new ArrayList<>();
    String base;
    if (root != null && root.has("results")) {
      root.get("results").forEach(pipelines::add);
      base = "$.results";
    } else {
      pipelines.add(root);
      base = "$";
    }
    int chosen = -1;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < pipelines.size(); i++) {
      String id = pipelines.get(i) == null ? "" : pipelines.get(i).path("id").asText("");
      ids.add(id);
      if (pipeline.isPresent() ? pipeline.get().equals(id) : pipelines.size() == 1) {
        chosen = i;
      }
    }
    if (chosen < 0) {
      throw new BadInputException(file + ": " + (pipeline.isPresent() ? "no pipeline '"
          + pipeline.get() + "'" : "several pipelines: say which with --pipeline") + "; the"
          + " file has " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
    }
    String at = base.equals("$") ? "$" : base + "[" + chosen + "]";
    JsonNode stages = pipelines.get(chosen).path("stages");
    if (!stages.isArray() || stages.isEmpty()) {
      throw new BadInputException(file + ": " + at + ".stages: no stages");
    }
    record Entry(int order, JsonNode node, String path) {}
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      entries.add(new Entry(stages.get(i).path("displayOrder").asInt(i), stages.get(i),
          at + ".stages[" + i + "]"));
    }
    entries.sort(Comparator.comparingInt(Entry::order));
    List<String> problems = new ArrayList<>();
    Map<StageKind, List<Stage>> byKind = new LinkedHashMap<>();
    for (StageKind k : List.of(StageKind.OPEN, StageKind.WON, StageKind.LOST)) {
      byKind.put(k, new ArrayList<>());
    }
    for (Entry e : entries) {
      String id = e.node().path("id").asText("");
      String label = e.node().path("label").asText(id);
      JsonNode metadata = e.node().path("metadata");
      boolean closed = metadata.path("isClosed").asText("false").equals("true");
      String p = metadata.path("probability").asText("");
      double probability;
      try {
        probability = Double.parseDouble(p);
      } catch (NumberFormatException ex) {
        problems.add(e.path() + ".metadata.probability: not a number: '" + p + "'");
        continue;
      }
      if (id.isEmpty()) {
        problems.add(e.path() + ".id: missing");
        continue;
      }
      try {
        StageId.of(id);
        if (!closed) {
          byKind.get(StageKind.OPEN).add(Stage.open(id, label, probability));
        } else if (probability == 1.0) {
          byKind.get(StageKind.WON).add(Stage.won(id, label));
        } else if (probability == 0.0) {
          byKind.get(StageKind.LOST).add(Stage.lost(id, label));
        } else {
          problems.add(e.path() + ".metadata.probability: a closed stage with probability " + p
              + " is neither won (1.0) nor lost (0.0)");
        }
      } catch (IllegalArgumentException ex) {
        problems.add(e.path() + ": " + ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(file + ": " + String.join("; ", problems));
    }
    List<Stage> out = new ArrayList<>();
    byKind.values().forEach(out::addAll);
    return out;
  }

  /**
   * The definition of one pipeline's stages.
   *
   * @param stages the stages read by {@link #stages}
   * @param pipeline the pipeline id, for the definition's id
   * @param moves the moves found in the history, allowed
   * @return the definition
   * @throws IllegalArgumentException if the stages make no valid definition (no open or no won
   *     stage)
   */
  public static PipelineDefinition definition(List<Stage> stages, String pipeline,
      Collection<StageHistoryCsv.Move> moves) {
    return PermissiveDefinition.of(pipeline.isEmpty() ? "hubspot" : pipeline,
        "HubSpot pipeline " + pipeline, stages, moves);
  }
}
