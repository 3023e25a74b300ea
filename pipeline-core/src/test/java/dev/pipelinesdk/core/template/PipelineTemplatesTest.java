package dev.pipelinesdk.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelinesdk.core.StageId;
import org.junit.jupiter.api.Test;

class PipelineTemplatesTest {
  @Test
  void templatesLoadByName() {
    assertThat(PipelineTemplates.load().keySet()).containsExactly("customer-success", "saas-b2b");
    assertThat(PipelineTemplates.definition("saas-b2b")).isEqualTo(PipelineTemplates.definition("saas-b2b"));
    assertThat(PipelineTemplates.definition("saas-b2b").name()).isEqualTo("SaaS B2B sales");
    assertThat(PipelineTemplates.definition("customer-success").entryStages())
        .containsExactly(StageId.of("kickoff"));
    assertThat(PipelineTemplates.definition("customer-success"))
        .isSameAs(PipelineTemplates.definition("customer-success"));
  }

  @Test
  void unknownNamesListTheKnownTemplates() {
    assertThatThrownBy(() -> PipelineTemplates.definition("mortgage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no pipeline template named 'mortgage'; known templates: "
            + "[customer-success, saas-b2b]");
    assertThatThrownBy(() -> PipelineTemplates.definition("SaaS-B2B"))
        .hasMessageStartingWith("no pipeline template named 'SaaS-B2B'");
    assertThatThrownBy(() -> PipelineTemplates.definition(null))
        .isInstanceOf(NullPointerException.class).hasMessage("template name is null");
  }
}
