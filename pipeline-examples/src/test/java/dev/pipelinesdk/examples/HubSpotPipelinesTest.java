package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HubSpot's pipelines JSON (GET /crm/v3/pipelines/deals) as the stages of a definition. */
class HubSpotPipelinesTest {
  static final String PIPELINES = SampleExports.HUBSPOT_PIPELINES;

  @TempDir
  Path dir;

  @Test
  void theStagesOfOnePipelineInDisplayOrderWithHubSpotsWonAndLostRule() throws Exception {
    Path f = dir.resolve("pipelines.json");
    Files.writeString(f, PIPELINES);
    List<Stage> stages = HubSpotPipelines.stages(f, Optional.of("default"));
    assertThat(stages).extracting(s -> s.id().value()).containsExactly("appointmentscheduled",
        "qualifiedtobuy", "closedwon", "closedlost");
    assertThat(stages).extracting(Stage::kind).containsExactly(StageKind.OPEN, StageKind.OPEN,
        StageKind.WON, StageKind.LOST);
    assertThat(stages.get(0).name()).isEqualTo("Appointment Scheduled");
    assertThat(stages.get(1).defaultProbability()).isEqualTo(0.4);
    PipelineDefinition d = HubSpotPipelines.definition(stages, "default", List.of());
    assertThat(d.id()).isEqualTo("default");
  }

  @Test
  void aClosedStageThatIsNeitherWonNorLostIsRefusedWithItsPath() throws Exception {
    Path f = dir.resolve("pipelines.json");
    Files.writeString(f, PIPELINES);
    assertThatThrownBy(() -> HubSpotPipelines.stages(f, Optional.of("renewals")))
        .isInstanceOf(BadInputException.class).hasMessage(f + ": $.results[1].stages[1]"
            + ".metadata.probability: a closed stage with probability 0.5 is neither won (1.0)"
            + " nor lost (0.0)");
  }

  @Test
  void severalPipelinesNeedAChoice() throws Exception {
    Path f = dir.resolve("pipelines.json");
    Files.writeString(f, PIPELINES);
    assertThatThrownBy(() -> HubSpotPipelines.stages(f, Optional.empty()))
        .hasMessage(f + ": several pipelines: say which with --pipeline; the file has default,"
            + " renewals");
    assertThatThrownBy(() -> HubSpotPipelines.stages(f, Optional.of("nope")))
        .hasMessage(f + ": no pipeline 'nope'; the file has default, renewals");
  }

  @Test
  void notJsonNamesTheLine() throws Exception {
    Path f = dir.resolve("pipelines.json");
    Files.writeString(f, "{\n  \"results\": [\n  oops\n");
    assertThatThrownBy(() -> HubSpotPipelines.stages(f, Optional.empty()))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith(f + ":3: not JSON: ");
  }
}
