package dev.pipelinesdk.core.diagram;

import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageId;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.guard.Guard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a definition's stage graph as text: Mermaid {@code stateDiagram-v2} (renders on GitHub
 * and in most Markdown tools) or Graphviz DOT. Edges are labelled with the transition name and
 * the names of its guards; an edge with neither a name of its own nor guards has no label (never
 * a blank one). Definition-wide guards are listed in a note. A stage's automation rules (the
 * ones {@link Agenda#rules} applies: idle thresholds, decision timeouts, delay contacts,
 * cadences, each as its {@linkplain AutomationRule#description() description}) are a
 * note on the stage in Mermaid and extra lines of the stage's box in DOT, with the business
 * calendar they count in when it is not every day; a declared {@linkplain
 * PipelineDefinition#handoff() handoff} is a line on each won stage. Output is deterministic:
 * stages, transitions and rules in declaration order.
 */
public final class Diagrams {
  private Diagrams() {}

  /**
   * A Mermaid {@code stateDiagram-v2}.
   *
   * @param definition the definition
   * @return the diagram source, ending with a newline
   */
  public static String mermaid(PipelineDefinition definition) {
    Map<StageId, String> ids = safeIds(definition);
    StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
    sb.append("    %% ").append(oneLine(definition.name())).append('\n');
    for (Stage s : definition.stages()) {
      sb.append("    state \"").append(mermaidText(label(s))).append("\" as ")
          .append(ids.get(s.id())).append('\n');
    }
    for (StageId e : definition.entryStages()) {
      sb.append("    [*] --> ").append(ids.get(e)).append('\n');
    }
    for (Transition t : definition.transitions()) {
      String label = edgeLabel(t);
      sb.append("    ").append(ids.get(t.from())).append(" --> ").append(ids.get(t.to()));
      if (!label.isEmpty()) {
        sb.append(" : ").append(mermaidText(label));
      }
      sb.append('\n');
    }
    for (Stage s : definition.stages()) {
      if (s.isTerminal()) {
        sb.append("    ").append(ids.get(s.id())).append(" --> [*]\n");
      }
    }
    for (Stage s : definition.stages()) {
      if (s.kind() != StageKind.OPEN) {
        sb.append("    class ").append(ids.get(s.id())).append(' ')
            .append(s.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
      }
    }
    sb.append("    classDef won fill:#d4f7d4\n");
    sb.append("    classDef lost fill:#f7d4d4\n");
    sb.append("    classDef dormant fill:#e0e0e0\n");
    if (!definition.guards().isEmpty()) {
      StageId first = definition.entryStages().iterator().next();
      sb.append("    note right of ").append(ids.get(first)).append(" : every move: ")
          .append(mermaidText(guardNames(definition.guards()))).append('\n');
    }
    Map<StageId, List<String>> rules = ruleLines(definition);
    boolean calendarShown = definition.calendar().isTrivial();
    for (Stage s : definition.stages()) {
      List<String> lines = rules.get(s.id());
      if (lines != null) {
        sb.append("    note left of ").append(ids.get(s.id())).append('\n');
        for (String line : lines) {
          sb.append("        ").append(mermaidText(line)).append('\n');
        }
        if (!calendarShown) { // once, with the first rules
          sb.append("        ").append(mermaidText("(" + definition.calendar() + ")"))
              .append('\n');
          calendarShown = true;
        }
        sb.append("    end note\n");
      }
    }
    return sb.toString();
  }

  /** Per stage with rules, a line per rule; on each won stage, the handoff if one is declared. */
  private static Map<StageId, List<String>> ruleLines(PipelineDefinition definition) {
    Map<StageId, List<String>> out = new HashMap<>();
    for (AutomationRule r : Agenda.rules(definition)) {
      out.computeIfAbsent(r.stage(), s -> new ArrayList<>()).add(r.description());
    }
    definition.handoff().ifPresent(h -> definition.stages().stream()
        .filter(s -> s.kind() == StageKind.WON)
        .forEach(s -> out.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(h.description())));
    return out;
  }

  /**
   * A Graphviz DOT digraph.
   *
   * @param definition the definition
   * @return the graph source, ending with a newline
   */
  public static String dot(PipelineDefinition definition) {
    StringBuilder sb = new StringBuilder("digraph ").append(dotString(definition.id()))
        .append(" {\n");
    sb.append("  rankdir=LR;\n");
    sb.append("  label=").append(dotString(definition.name()
        + (definition.guards().isEmpty() ? "" : "\nevery move: "
            + guardNames(definition.guards()))
        + (definition.calendar().isTrivial() ? "" : "\nrules count " + definition.calendar())))
        .append(";\n");
    sb.append("  node [shape=box, style=rounded];\n");
    Map<StageId, List<String>> rules = ruleLines(definition);
    for (Stage s : definition.stages()) {
      List<String> lines = rules.getOrDefault(s.id(), List.of());
      sb.append("  ").append(dotString(s.id().value())).append(" [label=")
          .append(dotString(lines.isEmpty() ? label(s)
              : label(s) + "\n" + String.join("\n", lines))).append(nodeStyle(s.kind()))
          .append(definition.entryStages().contains(s.id()) ? ", penwidth=2" : "")
          .append("];\n");
    }
    for (Transition t : definition.transitions()) {
      List<String> attributes = new ArrayList<>();
      String label = edgeLabel(t);
      if (!label.isEmpty()) {
        attributes.add("label=" + dotString(label));
      }
      if (t.kind() == dev.pipelinesdk.core.TransitionKind.BACKWARD
          || t.kind() == dev.pipelinesdk.core.TransitionKind.REOPEN
          || t.kind() == dev.pipelinesdk.core.TransitionKind.REVIVAL) {
        attributes.add("style=dashed");
      }
      sb.append("  ").append(dotString(t.from().value())).append(" -> ")
          .append(dotString(t.to().value()))
          .append(attributes.isEmpty() ? "" : " [" + String.join(", ", attributes) + "]")
          .append(";\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  private static String nodeStyle(StageKind kind) {
    switch (kind) {
      case WON:
        return ", shape=doublecircle, color=darkgreen";
      case LOST:
        return ", shape=doublecircle, color=firebrick";
      case DORMANT:
        return ", style=\"rounded,dashed\", color=gray40";
      default:
        return "";
    }
  }

  private static String label(Stage s) {
    String p = s.isOpen() ? " (" + Math.round(s.defaultProbability() * 100) + "%)" : "";
    return s.name() + p;
  }

  private static String edgeLabel(Transition t) {
    String defaultName = t.from() + " -> " + t.to();
    String name = t.name().equals(defaultName) ? "" : t.name();
    String guards = t.guards().isEmpty() ? "" : "[" + guardNames(t.guards()) + "]";
    // empty when the transition has neither a name of its own nor guards: no label is drawn
    return (name + " " + guards).strip();
  }

  private static String guardNames(List<Guard> guards) {
    return guards.stream().map(Guard::name).collect(Collectors.joining("; "));
  }

  /** Mermaid state ids must be simple identifiers: map each stage id to a unique safe one. */
  private static Map<StageId, String> safeIds(PipelineDefinition definition) {
    Map<StageId, String> ids = new HashMap<>();
    Map<String, Integer> used = new HashMap<>();
    for (Stage s : definition.stages()) {
      String base = s.id().value().replaceAll("[^A-Za-z0-9_]", "_");
      if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
        base = "s_" + base;
      }
      int n = used.merge(base, 1, Integer::sum);
      ids.put(s.id(), n == 1 ? base : base + "_" + n);
    }
    return ids;
  }

  /** Mermaid labels: no quotes, colons, semicolons or line breaks break the syntax. */
  private static String mermaidText(String text) {
    // Semicolons first: the entity for ':' ends in ';' and must not be escaped again.
    return oneLine(text).replace("\"", "'").replace(";", "#59;").replace(":", "#58;");
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }

  private static String dotString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
