package dev.pipelinesdk.core.diagram;

import dev.pipelinesdk.core.template.PipelineTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.guard.Guards;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagramsTest {
  private static final PipelineDefinition SAAS = PipelineTemplates.definition("saas-b2b");

  @Test
  void mermaidOfTheSaasTemplate() {
    String m = Diagrams.mermaid(SAAS);
    List<String> lines = m.lines().toList();
    assertThat(m).startsWith("stateDiagram-v2\n    %% SaaS B2B sales\n").endsWith("\n");
    assertThat(lines).contains(
        "    state \"Prospecting (5%)\" as prospecting",
        "    state \"Decision (70%)\" as decision",
        "    state \"Gone dark\" as dormant",
        "    [*] --> prospecting",
        "    prospecting --> qualification : marketing-qualified [lead_score >= 50]",
        "    qualification --> consideration : sales-qualified [sales-qualified [need, "
            + "buying_process, decision_maker]]",
        "    consideration --> decision : proposal [amount present]",
        "    decision --> won : signed",
        "    consideration --> qualification : back to qualification",
        "    prospecting --> lost",
        "    dormant --> decision : revive to decision",
        "    lost --> qualification : reopen lost -> qualification",
        "    won --> [*]",
        "    lost --> [*]",
        "    class dormant dormant");
    assertThat(lines.stream().filter(l -> l.contains(" --> ") && !l.contains("[*]")))
        .hasSize(SAAS.transitions().size());
    assertThat(m).doesNotContain("note right of");
    assertThat(m).contains("    note left of prospecting\n"
        + "        idle after 10 business days without a touch or stage change\n"
        + "        (business days#58; weekend Sat, Sun#59; no holidays#59; UTC)\n"
        + "    end note\n", "    note left of decision\n"
        + "        escalate after 5 business days without a touch or stage change#58; get a yes"
        + " or no\n    end note\n", "    note left of won\n        hand off to customer-success\n"
        + "    end note\n");
  }

  @Test
  void cadencesAreDrawnOnTheirStageLikeTheOtherRules() {
    String cadence = "cadence follow-up: 7 touches over 15 business days (email, call, email,"
        + " social, call, email, call), until a reply or a meeting booked";
    assertThat(Diagrams.mermaid(SAAS)).contains("    note left of qualification\n"
        + "        idle after 7 business days without a touch or stage change\n"
        + "        " + cadence.replace(":", "#58;") + "\n"
        + "    end note\n");
    assertThat(Diagrams.dot(SAAS)).contains("\n  \"qualification\" [label=\"Qualification"
        + " (15%)\\nidle after 7 business days without a touch or stage change\\n" + cadence
        + "\"");
  }

  @Test
  void dotContainsEveryStageAndEveryEdge() {
    String dot = Diagrams.dot(SAAS);
    assertThat(dot).startsWith("digraph \"saas-b2b\" {\n  rankdir=LR;\n  label=\"SaaS B2B sales"
        + "\\nrules count business days: weekend Sat, Sun; no holidays; UTC\";")
        .endsWith("}\n");
    for (Stage s : SAAS.stages()) {
      assertThat(dot).contains("\n  \"" + s.id() + "\" [label=\"" + s.name());
    }
    for (Transition t : SAAS.transitions()) {
      assertThat(dot).contains("\n  \"" + t.from() + "\" -> \"" + t.to() + "\"");
    }
    assertThat(dot.lines().filter(l -> l.contains("\" -> \""))).hasSize(SAAS.transitions().size());
    assertThat(dot).contains(
        "  \"prospecting\" [label=\"Prospecting (5%)\\nidle after 10 business days without a"
            + " touch or stage change\", penwidth=2];\n",
        "  \"won\" [label=\"Won\\nhand off to customer-success\", shape=doublecircle,"
            + " color=darkgreen];\n",
        "  \"prospecting\" -> \"qualification\" [label=\"marketing-qualified [lead_score >= 50]\"];\n",
        "  \"consideration\" -> \"qualification\" [label=\"back to qualification\", style=dashed];\n",
        "  \"prospecting\" -> \"lost\";\n",
        "  \"dormant\" -> \"qualification\" [label=\"revive to qualification\", style=dashed];\n");
  }

  @Test
  void definitionGuardsAndOddIdsAreRenderedSafely() {
    PipelineDefinition d = PipelineDefinition.builder("odd \"one\"").name("Odd: one; two")
        .stage(Stage.open("1st", "First: \"A\"", 0.125)).stage(Stage.open("a-b", "AB", 0.5))
        .stage(Stage.open("a_b", "A_B", 0.6)).stage(Stage.won("won", "Won"))
        .path("1st", "a-b", "a_b", "won").guard(Guards.noSkipping())
        .guard(Guards.minimumTouches(1)).build();
    String m = Diagrams.mermaid(d);
    assertThat(m.lines()).contains(
        "    %% Odd: one; two",
        "    state \"First#58; 'A' (13%)\" as s_1st",
        "    state \"AB (50%)\" as a_b",
        "    state \"A_B (60%)\" as a_b_2",
        "    s_1st --> a_b",
        "    a_b --> a_b_2",
        "    note right of s_1st : every move: no skipping#59; touches >= 1");
    assertThat(Diagrams.dot(d)).startsWith("digraph \"odd \\\"one\\\"\" {\n  rankdir=LR;\n"
        + "  label=\"Odd: one; two\\nevery move: no skipping; touches >= 1\";\n");
  }

  @Test
  void anEdgeWithoutNameOrGuardsHasNoLabelRatherThanABlankOne() {
    PipelineDefinition d = PipelineDefinition.builder("plain").name("Plain")
        .stage(Stage.open("lead", "Lead", 0.2)).stage(Stage.open("demo", "Demo", 0.5))
        .stage(Stage.won("won", "Won")).path("lead", "demo", "won").build();
    assertThat(Diagrams.mermaid(d).lines().filter(l -> l.contains(" --> ")))
        .contains("    lead --> demo", "    demo --> won")
        .noneMatch(l -> l.contains(" :"));
    assertThat(Diagrams.dot(d)).contains("  \"lead\" -> \"demo\";\n", "  \"demo\" -> \"won\";\n")
        .doesNotContain("label=\" \"", "label=\"\"", "[]");
    for (PipelineDefinition any : List.of(d, SAAS)) {
      assertThat(Diagrams.mermaid(any).lines()).noneMatch(l -> l.matches(".* :\\s*"));
      assertThat(Diagrams.dot(any)).doesNotContain("label=\" \"", "label=\"\"");
    }
  }
}
