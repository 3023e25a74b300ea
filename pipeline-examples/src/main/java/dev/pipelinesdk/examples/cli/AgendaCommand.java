package dev.pipelinesdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelinesdk.core.DealEvent;
import dev.pipelinesdk.core.DealHistory;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.automation.Agenda;
import dev.pipelinesdk.core.automation.AgendaItem;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.examples.BadInputException;
import dev.pipelinesdk.examples.Figures;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline agenda}: what is due on which deal at the as-of time. */
@Command(name = "agenda", usageHelpWidth = 100, sortOptions = false,
    description = {"What is due on which deal at the as-of time, by the pipeline's automation"
        + " rules: escalations (get a yes or no), contacts with the customer while a stage takes"
        + " long, cadence touches, snoozes that ended, idle deals. Escalations first, then by"
        + " kind, the longest due first.",
        "With --json: {asOf, asOfRule, pipeline, owner, counts, items: [{deal, owner, stage,"
            + " kind, due, rule, reason, messageKey, offer, snoozedUntil}], input}."})
final class AgendaCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  ActivitiesOptions activities;

  @Option(names = "--owner", paramLabel = "NAME",
      description = "Only the items of deals this owner owns at the as-of time.")
  String owner;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws BadInputException {
    InputOptions.Loaded in = input.load(spec.commandLine().getErr(), activities);
    PipelineDefinition definition = in.definition();
    Agenda agenda;
    try {
      agenda = Agenda.of(definition, in.histories(), in.asOf());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(input.events + ": " + e.getMessage());
    }
    if (owner != null) {
      TreeSet<String> owners = new TreeSet<>();
      in.histories().forEach(h -> h.current().owner().ifPresent(owners::add));
      if (!owners.contains(owner)) {
        throw new BadInputException("--owner: no deal in " + input.events + " is owned by '"
            + owner + "' at the as-of time; owners: " + (owners.isEmpty() ? "none"
                : String.join(", ", owners)));
      }
    }
    List<AgendaItem> items = owner == null ? agenda.items() : agenda.itemsOf(owner);
    Map<AgendaItem.Kind, Integer> counts = new EnumMap<>(AgendaItem.Kind.class);
    items.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = ForecastOptions.JSON.createObjectNode();
      root.put("asOf", agenda.asOf().toString());
      root.put("pipeline", definition.id());
      root.put("calendar", definition.calendar().toString());
      root.put("owner", owner);
      ObjectNode c = root.putObject("counts");
      for (AgendaItem.Kind k : AgendaItem.Kind.values()) {
        c.put(k.spelling(), counts.getOrDefault(k, 0));
      }
      ArrayNode list = root.putArray("items");
      for (AgendaItem i : items) {
        ObjectNode o = list.addObject();
        o.put("deal", i.deal().value());
        o.put("owner", i.owner().orElse(null));
        o.put("stage", i.stage().value());
        o.put("kind", i.kind().spelling());
        o.put("due", i.dueSince().toString());
        o.put("rule", i.rule());
        o.put("reason", i.reason());
        o.put("messageKey", i.messageKey().orElse(null));
        o.put("offer", i.offer().orElse(null));
        o.put("snoozedUntil", i.snoozedUntil().map(Object::toString).orElse(null));
      }
      root.setAll((ObjectNode) ForecastOptions.JSON.valueToTree(in.json(input.events)));
      ForecastOptions.print(out, root);
      out.flush();
      return 0;
    }
    out.println(in.summary(input.events));
    out.println();
    List<AutomationRule> rules = Agenda.rules(definition);
    out.println("Agenda of pipeline '" + definition.id() + "'" + (owner == null ? ""
        : " for " + owner) + " as of " + Figures.end(agenda.asOf()) + ": "
        + (items.isEmpty() ? "nothing is due" : Figures.count(items.size(), "item") + " ("
            + counts.entrySet().stream().map(e -> e.getKey().count(e.getValue()))
                .collect(Collectors.joining(", ")) + ")") + ".");
    if (rules.isEmpty()) {
      out.println("The pipeline has no automation rules and no stage has an idle threshold:"
          + " give it rules in a --definition file (see the README).");
    } else {
      out.println("Rules (" + definition.calendar() + "):");
      for (AutomationRule r : rules) {
        out.println("  " + stageName(definition, r) + ": " + r.description() + " [" + r.id()
            + "]");
      }
    }
    if (!rules.isEmpty() && noTouches(in.histories())) {
      boolean cadences = rules.stream().anyMatch(r -> r instanceof Cadence);
      String noStep = cadences ? " and no cadence step counts as done" : "";
      out.println(activities.file == null
          ? "The stage history records no touches and no activities file was given"
              + " (--activities FILE), so idle clocks run from each deal's last stage change"
              + noStep + ": a deal touched since then may still be listed."
          : "Neither file records a touch up to the as-of time, so idle clocks run from each"
              + " deal's last stage change" + noStep + ".");
    }
    AgendaItem.Kind kind = null;
    for (AgendaItem i : items) {
      if (i.kind() != kind) {
        kind = i.kind();
        out.println();
        out.println(heading(kind) + " (" + counts.get(kind) + ")");
        out.printf(Locale.ROOT, "  %-10s  %-10s  %-8s  %-14s  %s%n", "due since", "deal",
            "owner", "stage", "what and why");
      }
      out.printf(Locale.ROOT, "  %-10s  %-10s  %-8s  %-14s  %s%n",
          definition.calendar().date(i.dueSince()), i.deal(), i.owner().orElse("-"),
          definition.stage(i.stage()).map(Stage::name).orElse(i.stage().value()), i.reason());
    }
    out.flush();
    return 0;
  }

  private static String heading(AgendaItem.Kind kind) {
    switch (kind) {
      case ESCALATION:
        return "Escalations: get a yes or no";
      case DELAY_CONTACT:
        return "Contact the customer";
      case CADENCE_TOUCH:
        return "Cadence touches: the next planned touch";
      case SNOOZE_ENDED:
        return "Snoozes that ended";
      case IDLE:
        return "Idle deals";
      default:
        return kind.words();
    }
  }

  private static String stageName(PipelineDefinition d, AutomationRule r) {
    return d.stage(r.stage()).map(Stage::name).orElse(r.stage().value());
  }

  private static boolean noTouches(List<DealHistory> histories) {
    for (DealHistory h : histories) {
      for (DealEvent e : h.events()) {
        if (e instanceof DealEvent.TouchRecorded) {
          return false;
        }
      }
    }
    return true;
  }
}
