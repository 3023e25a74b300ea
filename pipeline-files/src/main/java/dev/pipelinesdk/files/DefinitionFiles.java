package dev.pipelinesdk.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipelinesdk.core.ForecastCategory;
import dev.pipelinesdk.core.Handoff;
import dev.pipelinesdk.core.InvalidDefinitionException;
import dev.pipelinesdk.core.PipelineDefinition;
import dev.pipelinesdk.core.Stage;
import dev.pipelinesdk.core.StageKind;
import dev.pipelinesdk.core.Transition;
import dev.pipelinesdk.core.Touch;
import dev.pipelinesdk.core.TransitionKind;
import dev.pipelinesdk.core.automation.Activity;
import dev.pipelinesdk.core.automation.AutomationRule;
import dev.pipelinesdk.core.automation.BusinessCalendar;
import dev.pipelinesdk.core.automation.Cadence;
import dev.pipelinesdk.core.automation.DecisionTimeout;
import dev.pipelinesdk.core.automation.DelayContactRule;
import dev.pipelinesdk.core.automation.IdleRule;
import dev.pipelinesdk.core.automation.Span;
import dev.pipelinesdk.core.guard.Guard;
import dev.pipelinesdk.core.guard.GuardFactories;
import dev.pipelinesdk.core.guard.GuardRecipe;
import dev.pipelinesdk.files.FileModel.CalendarModel;
import dev.pipelinesdk.files.FileModel.HandoffModel;
import dev.pipelinesdk.files.FileModel.Definition;
import dev.pipelinesdk.files.FileModel.GuardRef;
import dev.pipelinesdk.files.FileModel.RuleModel;
import dev.pipelinesdk.files.FileModel.StageModel;
import dev.pipelinesdk.files.FileModel.StepModel;
import dev.pipelinesdk.files.FileModel.TransitionModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes a {@link PipelineDefinition} as a file, JSON or YAML (the same fields in
 * both). A file says everything {@link PipelineDefinition#builder(String)} can:
 *
 * <pre>{@code
 * {
 *   "id": "demo",                      // the definition id (required)
 *   "name": "Demo pipeline",           // shown to people; default: the id
 *   "currency": "EUR",                 // ISO 4217; default: none fixed
 *   "entryStages": ["lead"],           // default: the first open stage
 *   "guards": [ ... ],                 // checked on every transition, like "transitions[].guards"
 *   "stages": [                        // in order: the open ones in this order are the funnel
 *     {"id": "lead", "name": "Lead", "kind": "open", "probability": 0.2,
 *      "expectedDuration": "P14D", "idleAfter": "P7D", "forecastCategory": "pipeline"},
 *     {"id": "won", "kind": "won"}, {"id": "lost", "kind": "lost"}
 *   ],
 *   "transitions": [
 *     {"from": "lead", "to": "won", "name": "signed",
 *      "guards": [{"guard": "minimum-lead-score", "parameters": {"min": "50"}}]},
 *     {"from": "lead", "to": "lost"}, {"from": "lost", "to": "lead", "reopen": true}
 *   ],
 *   "calendar": {"weekend": ["saturday", "sunday"], "holidays": ["2026-12-25"],
 *                "zone": "Europe/Berlin"},   // default: every day, UTC
 *   "rules": [
 *     {"rule": "idle", "stage": "lead", "after": "7 business days",
 *      "resetOn": ["touch", "stage-change"]},
 *     {"rule": "decision-timeout", "stage": "lead", "after": "10 business days"},
 *     {"rule": "delay-contact", "stage": "lead", "after": "5 business days",
 *      "message": "lead.delayed", "offer": "webinar", "repeatEvery": "5 business days",
 *      "maxPerVisit": 3},
 *     {"rule": "cadence", "id": "follow-up", "stage": "lead", "steps": [
 *       {"channel": "email", "after": "1 business day", "message": "lead.follow-up.1"},
 *       {"channel": "call", "after": "2 business days"}],
 *      "stopOn": ["reply", "meeting-booked"], "manualOnly": false, "concurrent": false}
 *   ],
 *   "handoff": {"pipeline": "customer-success", "stage": "kickoff", "owner": "cs-team",
 *               "attributes": ["seats"], "amount": true, "idSuffix": "cs"}  // default: none
 * }
 * }</pre>
 *
 * <p>Handoff ({@link Handoff}): what opens in a follow-on pipeline when a deal is won; {@code
 * pipeline} is required; {@code stage} (default: the follow-on pipeline's first entry stage),
 * {@code owner} (default: the won deal's), {@code attributes} (default: all of them; {@code []}
 * for none), {@code amount} ({@code false} to leave it out; default {@code true}) and {@code
 * idSuffix} (default: the won deal's id) are optional.
 *
 * <p>Stage fields: {@code kind} is {@code open} (the default), {@code won}, {@code lost} or
 * {@code dormant}; {@code probability} is the stage's default win probability in [0, 1]
 * (default: the kind's); {@code expectedDuration} and {@code idleAfter} are ISO-8601 durations
 * ({@code P14D}, {@code PT36H}; default: none); {@code forecastCategory} is {@code pipeline},
 * {@code best-case}, {@code commit}, {@code closed} or {@code omitted} (default: the kind's).
 * Transition fields: {@code name} defaults to {@code "from -> to"}; {@code reopen: true} declares
 * a reopen out of a won or lost stage, whose name is always {@code "reopen from -> to"}. A guard
 * is the name of a {@link dev.pipelinesdk.core.guard.GuardFactory} and its parameters as text,
 * made through {@link GuardFactories#create(String, Map)}.
 *
 * <p>Calendar and rules (see {@code dev.pipelinesdk.core.automation}): {@code weekend} lists days
 * of the week ({@code monday} to {@code sunday}), {@code holidays} ISO dates, {@code zone} a
 * time-zone id. A rule is {@code idle} ({@link IdleRule}), {@code decision-timeout} ({@link
 * DecisionTimeout}), {@code delay-contact} ({@link DelayContactRule}) or {@code cadence} ({@link
 * Cadence}); spans ({@code after}, {@code repeatEvery}) are written as {@link Span} writes them:
 * {@code 14 days}, {@code 10 business days}, or ISO-8601 such as {@code PT36H}. {@code id}
 * defaults to {@code KIND:STAGE} ({@code idle:lead}); {@code resetOn} (idle and decision-timeout)
 * lists {@code touch}, {@code stage-change}, {@code attribute-change}, {@code field-change},
 * default the first two; a delay contact needs {@code message}, and without {@code after} it is
 * due after the stage's expected duration; {@code repeatEvery} and {@code maxPerVisit} (2 or
 * more) go together. A cadence needs {@code steps}, each with a {@code channel} ({@code call},
 * {@code email}, {@code meeting}, {@code message}, {@code social}, {@code event}, {@code other}),
 * an {@code after} span and optionally a {@code message} key; {@code stopOn} lists {@code reply}
 * and {@code meeting-booked} (default both; {@code []} for none); {@code manualOnly} and {@code
 * concurrent} default to false.
 *
 * <p>Reading reports every problem at once in a {@link DefinitionFileException}, one line each,
 * naming the file, the JSON path and the value: first what the format itself refuses (unknown
 * fields, with the known ones; values of the wrong type; unknown kinds, categories and guards;
 * probabilities outside [0, 1]; bad durations), then what {@link PipelineDefinition.Builder#build()}
 * finds ({@link InvalidDefinitionException}), each prefixed with the file name. A file that is not
 * JSON (or YAML) is one line with Jackson's line and column.
 *
 * <p>Round trip: {@code read(write(d))} equals {@code d} for every definition whose guards were
 * all made by {@link GuardFactories} (or that has none) and whose rules are all built-in ones;
 * {@link #write write} refuses any other.
 * Stateless and thread-safe.
 */
public final class DefinitionFiles {
  /** The two spellings of a definition file. */
  public enum Format {
    /** JSON, the default; any file whose name does not end in {@code .yaml} or {@code .yml}. */
    JSON,
    /** YAML, for files ending in {@code .yaml} or {@code .yml}. */
    YAML;

    /**
     * The format a file name implies.
     *
     * @param file the file
     * @return {@link #YAML} for names ending in {@code .yaml} or {@code .yml}, else {@link #JSON}
     */
    public static Format of(Path file) {
      Path name = file.getFileName();
      return of(name == null ? "" : name.toString());
    }

    /**
     * The format a file name or address implies, such as {@code s3a://lake/acme.yaml}.
     *
     * @param name the name or address
     * @return {@link #YAML} for names ending in {@code .yaml} or {@code .yml} (in any case), else
     *     {@link #JSON}
     */
    public static Format of(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return n.endsWith(".yaml") || n.endsWith(".yml") ? YAML : JSON;
    }
  }

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private DefinitionFiles() {}

  /**
   * Reads a definition file, JSON or YAML by its name ({@link Format#of(Path)}).
   *
   * @param file the file
   * @return the definition
   * @throws DefinitionFileException listing every problem, one line each, naming the file, the
   *     JSON path and the value; or saying the file is missing, unreadable or not JSON / YAML
   */
  public static PipelineDefinition read(Path file) throws DefinitionFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DefinitionFileException(file.toString(), List.of(file + ": no such file"), e);
    } catch (IOException e) {
      throw new DefinitionFileException(file.toString(),
          List.of(file + ": cannot read the file: " + e), e);
    }
    return read(file.toString(), bytes, Format.of(file));
  }

  /**
   * Reads a definition from text.
   *
   * @param source what to call the text in messages, such as its file name
   * @param text the file's content
   * @param format how it is written
   * @return the definition
   * @throws DefinitionFileException as {@link #read(Path)}
   */
  public static PipelineDefinition read(String source, String text, Format format)
      throws DefinitionFileException {
    return read(source, text.getBytes(StandardCharsets.UTF_8), format);
  }

  private static PipelineDefinition read(String source, byte[] bytes, Format format)
      throws DefinitionFileException {
    List<String> problems = new ArrayList<>();
    Definition model;
    try {
      model = reader(format, problems).readValue(bytes, Definition.class);
    } catch (JsonProcessingException e) {
      throw new DefinitionFileException(source, List.of(source + where(e.getLocation())
          + ": not " + format + ": " + firstLine(e.getOriginalMessage())), e);
    } catch (IOException e) {
      throw new DefinitionFileException(source, List.of(source + ": cannot read the file: "
          + e), e);
    }
    if (model == null && problems.isEmpty()) {
      problems.add("$: the file holds no definition (null); expected an object");
    }
    PipelineDefinition definition = null;
    if (model != null) {
      try {
        definition = new Reader(problems).definition(model);
      } catch (InvalidDefinitionException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new DefinitionFileException(source, problems.stream().map(p -> source + ": " + p)
          .toList(), null);
    }
    return Objects.requireNonNull(definition);
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
  }

  /**
   * Jackson's message on one line, without what it repeats of the location: the lines that do not
   * start with whitespace (SnakeYAML adds indented location and snippet lines), and no "(for
   * Array starting at [Source: ...])" tail.
   */
  private static String firstLine(String message) {
    String m = message == null ? "no detail" : message.strip();
    String joined = m.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .map(String::strip).collect(Collectors.joining("; "));
    int source = joined.indexOf(" (for ");
    if (source >= 0 && joined.indexOf("[Source:", source) >= 0) {
      joined = joined.substring(0, source);
    }
    return joined.isEmpty() ? m.lines().findFirst().orElse(m).strip() : joined;
  }

  private static ObjectMapper reader(Format format, List<String> problems) {
    ObjectMapper mapper = format == Format.YAML ? new YAMLMapper() : new JsonMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.addHandler(new Collector(problems));
    return mapper;
  }

  /** Collects what Jackson cannot bind, with its JSON path, and lets it go on. */
  private static final class Collector extends DeserializationProblemHandler {
    private final List<String> problems;

    Collector(List<String> problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
        throws IOException {
      TreeSet<String> known = new TreeSet<>();
      deserializer.getKnownPropertyNames().forEach(o -> known.add(String.valueOf(o)));
      problems.add(path(p.getParsingContext()) + ": unknown field '" + propertyName
          + "'; known fields: " + String.join(", ", known));
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType,
        String valueToConvert, String failureMsg) {
      problems.add(path(ctxt.getParser().getParsingContext()) + ": '" + valueToConvert
          + "' is not " + expected(targetType));
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType,
        Number valueToConvert, String failureMsg) {
      problems.add(path(ctxt.getParser().getParsingContext()) + ": " + valueToConvert
          + " is not " + expected(targetType));
      return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType,
        JsonToken t, JsonParser p, String failureMsg) throws IOException {
      JsonStreamContext at = p.getParsingContext();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        at = at.getParent() == null ? at : at.getParent();
      }
      String found = t == null ? "nothing" : switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "'" + p.getText() + "'";
        case VALUE_NULL -> "null";
        default -> p.getText();
      };
      problems.add(path(at) + ": " + found + " is not " + expected(targetType.getRawClass()));
      p.skipChildren();
      return null;
    }

    private static String expected(Class<?> type) {
      if (type == String.class) {
        return "text";
      }
      if (Number.class.isAssignableFrom(type) || type == double.class) {
        return "a number";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
        return "a list";
      }
      return "an object";
    }
  }

  /** The JSON path of where a parser is, such as {@code $.stages[2].probability}. */
  static String path(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        String n = c.getCurrentName();
        parts.add(PLAIN_NAME.matcher(n).matches() ? "." + n
            : "['" + n.replace("\\", "\\\\").replace("'", "\\'") + "']");
      }
    }
    StringBuilder sb = new StringBuilder("$");
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.toString();
  }

  /** Turns the data model into builder calls, collecting format problems with their paths. */
  private static final class Reader {
    private final List<String> problems;

    Reader(List<String> problems) {
      this.problems = problems;
    }

    PipelineDefinition definition(Definition m) {
      String id = m.id();
      if (id == null) {
        problems.add("$.id: missing; every definition needs an id");
        id = "definition";
      }
      PipelineDefinition.Builder b = PipelineDefinition.builder(id);
      if (m.name() != null) {
        b.name(m.name());
      }
      if (m.currency() != null) {
        b.currency(m.currency());
      }
      guards("$.guards", m.guards()).forEach(b::guard);
      List<StageModel> stages = m.stages() == null ? List.of() : m.stages();
      for (int i = 0; i < stages.size(); i++) {
        stage("$.stages[" + i + "]", stages.get(i)).ifPresent(b::stage);
      }
      if (m.entryStages() != null) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < m.entryStages().size(); i++) {
          String e = m.entryStages().get(i);
          if (e == null) {
            problems.add("$.entryStages[" + i + "]: null is not a stage id");
          } else {
            entries.add(e);
          }
        }
        b.entryStages(entries.toArray(String[]::new));
      }
      List<TransitionModel> transitions = m.transitions() == null ? List.of() : m.transitions();
      for (int i = 0; i < transitions.size(); i++) {
        transition(b, "$.transitions[" + i + "]", transitions.get(i));
      }
      if (m.calendar() != null) {
        calendar("$.calendar", m.calendar()).ifPresent(b::calendar);
      }
      List<RuleModel> rules = m.rules() == null ? List.of() : m.rules();
      for (int i = 0; i < rules.size(); i++) {
        rule("$.rules[" + i + "]", rules.get(i)).ifPresent(b::rule);
      }
      if (m.handoff() != null) {
        handoff("$.handoff", m.handoff()).ifPresent(b::handoff);
      }
      return b.build(); // throws InvalidDefinitionException with the rest
    }

    private Optional<Handoff> handoff(String at, HandoffModel h) {
      int before = problems.size();
      if (h.pipeline() == null) {
        problems.add(at + ".pipeline: missing; name the follow-on pipeline's id");
        return Optional.empty();
      }
      Handoff.Builder b;
      try {
        b = Handoff.to(h.pipeline());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".pipeline: " + e.getMessage());
        return Optional.empty();
      }
      try {
        if (h.stage() != null) {
          b.stage(h.stage());
        }
      } catch (IllegalArgumentException e) {
        problems.add(at + ".stage: " + e.getMessage());
      }
      try {
        if (h.owner() != null) {
          b.owner(h.owner());
        }
      } catch (IllegalArgumentException e) {
        problems.add(at + ".owner: " + e.getMessage());
      }
      if (h.attributes() != null) {
        if (h.attributes().contains(null)) {
          problems.add(at + ".attributes[" + h.attributes().indexOf(null)
              + "]: null is not an attribute name");
        } else {
          try {
            b.attributes(h.attributes());
          } catch (IllegalArgumentException e) {
            problems.add(at + ".attributes: " + e.getMessage());
          }
        }
      }
      if (Boolean.FALSE.equals(h.amount())) {
        b.withoutAmount();
      }
      try {
        if (h.idSuffix() != null) {
          b.idSuffix(h.idSuffix());
        }
      } catch (IllegalArgumentException e) {
        problems.add(at + ".idSuffix: " + e.getMessage());
      }
      return problems.size() == before ? Optional.of(b.build()) : Optional.empty();
    }

    private Optional<BusinessCalendar> calendar(String at, CalendarModel c) {
      int before = problems.size();
      BusinessCalendar.Builder b = BusinessCalendar.builder();
      List<String> weekend = c.weekend() == null ? List.of() : c.weekend();
      for (int i = 0; i < weekend.size(); i++) {
        String day = weekend.get(i);
        if (day == null) {
          problems.add(at + ".weekend[" + i + "]: null is not a day of the week");
        } else {
          named(at + ".weekend[" + i + "]", "day of the week", day, DayOfWeek.values())
              .ifPresent(b::weekend);
        }
      }
      List<String> holidays = c.holidays() == null ? List.of() : c.holidays();
      for (int i = 0; i < holidays.size(); i++) {
        String h = holidays.get(i);
        try {
          b.holidays(LocalDate.parse(String.valueOf(h).strip()));
        } catch (DateTimeException e) {
          problems.add(at + ".holidays[" + i + "]: '" + h + "' is not an ISO date such as"
              + " 2026-12-25");
        }
      }
      if (c.zone() != null) {
        try {
          b.zone(ZoneId.of(c.zone().strip()));
        } catch (DateTimeException e) {
          problems.add(at + ".zone: unknown zone '" + c.zone() + "'; use UTC, an offset such as"
              + " +01:00, or a region such as Europe/Berlin");
        }
      }
      try {
        BusinessCalendar built = b.build();
        return problems.size() == before ? Optional.of(built) : Optional.empty();
      } catch (IllegalArgumentException e) {
        problems.add(at + ".weekend: " + e.getMessage());
        return Optional.empty();
      }
    }

    private Optional<AutomationRule> rule(String at, RuleModel r) {
      if (r == null) {
        problems.add(at + ": null is not a rule");
        return Optional.empty();
      }
      int before = problems.size();
      if (r.rule() == null) {
        problems.add(at + ".rule: missing; one of " + String.join(", ", RULE_KINDS));
      } else if (!RULE_KINDS.contains(r.rule())) {
        problems.add(at + ".rule: unknown rule '" + r.rule() + "'; known: "
            + String.join(", ", RULE_KINDS));
      }
      if (r.stage() == null) {
        problems.add(at + ".stage: missing; every rule watches a stage");
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      if (r.rule().equals("cadence")) {
        return cadence(at, r);
      }
      notFor(at + ".steps", r.steps(), r.rule());
      notFor(at + ".stopOn", r.stopOn(), r.rule());
      notFor(at + ".manualOnly", r.manualOnly(), r.rule());
      notFor(at + ".concurrent", r.concurrent(), r.rule());
      boolean delayContact = r.rule().equals("delay-contact");
      if (delayContact) {
        notFor(at + ".resetOn", r.resetOn(), r.rule());
        if (r.message() == null) {
          problems.add(at + ".message: missing; a delay contact names the message to send, such"
              + " as mortgage.processing.delayed");
        }
        if (r.repeatEvery() != null && r.maxPerVisit() == null) {
          problems.add(at + ".maxPerVisit: missing; a repeat needs the most contacts per visit"
              + " (2 or more)");
        }
      } else {
        notFor(at + ".message", r.message(), r.rule());
        notFor(at + ".offer", r.offer(), r.rule());
        notFor(at + ".repeatEvery", r.repeatEvery(), r.rule());
        notFor(at + ".maxPerVisit", r.maxPerVisit(), r.rule());
        if (r.after() == null) {
          problems.add(at + ".after: missing; how long a deal may sit, such as 10 business days");
        }
      }
      Optional<Span> after = r.after() == null || delayContact
          && r.after().strip().equals(EXPECTED_DURATION) ? Optional.empty()
          : span(at + ".after", r.after());
      Optional<Span> repeat = r.repeatEvery() == null ? Optional.empty()
          : span(at + ".repeatEvery", r.repeatEvery());
      List<Activity> resets = new ArrayList<>();
      if (r.resetOn() != null) {
        for (int i = 0; i < r.resetOn().size(); i++) {
          String a = r.resetOn().get(i);
          if (a == null) {
            problems.add(at + ".resetOn[" + i + "]: null is not an activity");
          } else {
            named(at + ".resetOn[" + i + "]", "activity", a, Activity.values())
                .ifPresent(resets::add);
          }
        }
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      try {
        if (delayContact) {
          DelayContactRule.Builder b = DelayContactRule.builder(r.stage(), r.message());
          after.ifPresent(b::after);
          if (r.offer() != null) {
            b.offer(r.offer());
          }
          if (r.id() != null) {
            b.id(r.id());
          }
          if (repeat.isPresent()) {
            b.repeat(repeat.get(), r.maxPerVisit());
          } else if (r.maxPerVisit() != null && r.maxPerVisit() != 1) {
            problems.add(at + ".repeatEvery: missing; " + r.maxPerVisit() + " contacts per visit"
                + " need a repeat span, such as 5 business days");
            return Optional.empty();
          }
          return Optional.of(b.build());
        }
        Span span = after.orElseThrow();
        if (r.rule().equals("idle")) {
          IdleRule rule = IdleRule.of(r.stage(), span);
          rule = r.id() == null ? rule : rule.withId(r.id());
          return Optional.of(r.resetOn() == null ? rule
              : new IdleRule(rule.id(), rule.stage(), span, Set.copyOf(resets)));
        }
        DecisionTimeout rule = DecisionTimeout.of(r.stage(), span);
        rule = r.id() == null ? rule : rule.withId(r.id());
        return Optional.of(r.resetOn() == null ? rule
            : new DecisionTimeout(rule.id(), rule.stage(), span, Set.copyOf(resets)));
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private Optional<AutomationRule> cadence(String at, RuleModel r) {
      int before = problems.size();
      notFor(at + ".after", r.after(), r.rule()); // the steps have their own
      notFor(at + ".resetOn", r.resetOn(), r.rule());
      notFor(at + ".message", r.message(), r.rule());
      notFor(at + ".offer", r.offer(), r.rule());
      notFor(at + ".repeatEvery", r.repeatEvery(), r.rule());
      notFor(at + ".maxPerVisit", r.maxPerVisit(), r.rule());
      Cadence.Builder b;
      try {
        b = Cadence.builder(r.stage());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".stage: " + e.getMessage());
        return Optional.empty();
      }
      List<StepModel> steps = r.steps() == null ? List.of() : r.steps();
      if (steps.isEmpty()) {
        problems.add(at + ".steps: missing; a cadence lists its touches, each with a channel and"
            + " a span after the step before, such as {channel: email, after: 2 business days,"
            + " message: lead.follow-up.1}");
      }
      for (int i = 0; i < steps.size(); i++) {
        String where = at + ".steps[" + i + "]";
        StepModel s = steps.get(i);
        if (s == null) {
          problems.add(where + ": null is not a step");
          continue;
        }
        Optional<Touch.Channel> channel = Optional.empty();
        if (s.channel() == null) {
          problems.add(where + ".channel: missing; one of " + Arrays.stream(Touch.Channel.values())
              .map(DefinitionFiles::spelling).collect(Collectors.joining(", ")));
        } else {
          channel = named(where + ".channel", "channel", s.channel(), Touch.Channel.values());
        }
        Optional<Span> delay = Optional.empty();
        if (s.after() == null) {
          problems.add(where + ".after: missing; how long after the step before (after the"
              + " enrolment, for the first), such as 2 business days");
        } else {
          delay = span(where + ".after", s.after());
        }
        if (channel.isPresent() && delay.isPresent()) {
          try {
            if (s.message() == null) {
              b.step(channel.get(), delay.get());
            } else {
              b.step(channel.get(), delay.get(), s.message());
            }
          } catch (IllegalArgumentException e) {
            problems.add(where + ".message: " + e.getMessage());
          }
        }
      }
      if (r.stopOn() != null) {
        List<Cadence.StopOn> stops = new ArrayList<>();
        for (int i = 0; i < r.stopOn().size(); i++) {
          String stop = r.stopOn().get(i);
          if (stop == null) {
            problems.add(at + ".stopOn[" + i + "]: null is not a stop");
          } else {
            named(at + ".stopOn[" + i + "]", "stop", stop, Cadence.StopOn.values())
                .ifPresent(stops::add);
          }
        }
        b.stopOn(stops.toArray(Cadence.StopOn[]::new));
      }
      if (Boolean.TRUE.equals(r.manualOnly())) {
        b.manualOnly();
      }
      if (Boolean.TRUE.equals(r.concurrent())) {
        b.concurrent();
      }
      if (r.id() != null) {
        b.id(r.id());
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      try {
        return Optional.of(b.build());
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private void notFor(String at, Object value, String kind) {
      if (value != null) {
        problems.add(at + ": not a field of " + (kind.equals("idle") ? "an " : "a ") + kind
            + " rule");
      }
    }

    private Optional<Span> span(String at, String text) {
      try {
        return Optional.of(Span.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private Optional<Stage> stage(String at, StageModel s) {
      if (s == null) {
        problems.add(at + ": null is not a stage");
        return Optional.empty();
      }
      if (s.id() == null) {
        problems.add(at + ".id: missing; every stage needs an id");
        return Optional.empty();
      }
      Stage.Builder b = Stage.builder();
      try {
        b.id(s.id());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".id: " + e.getMessage());
        return Optional.empty();
      }
      StageKind kind = StageKind.OPEN;
      if (s.kind() != null) {
        kind = named(at + ".kind", "kind", s.kind(), StageKind.values()).orElse(StageKind.OPEN);
      }
      b.kind(kind);
      if (s.name() != null) {
        b.name(s.name());
      }
      Double p = s.probability();
      if (p != null) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
          problems.add(at + ".probability: " + p + " is not in [0, 1]");
        } else {
          b.defaultProbability(p);
        }
      }
      duration(at + ".expectedDuration", s.expectedDuration()).ifPresent(b::expectedDuration);
      duration(at + ".idleAfter", s.idleAfter()).ifPresent(b::idleAfter);
      if (s.forecastCategory() != null) {
        named(at + ".forecastCategory", "forecast category", s.forecastCategory(),
            ForecastCategory.values()).ifPresent(b::forecastCategory);
      }
      try {
        return Optional.of(b.build());
      } catch (InvalidDefinitionException e) {
        e.problems().forEach(x -> problems.add(at + ": " + x));
        // A stand-in with the id and kind alone, so the checks between stages still run (the
        // file is refused either way).
        return Optional.of(Stage.builder().id(s.id()).kind(kind).build());
      }
    }

    private Optional<Duration> duration(String at, String text) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        Duration d = Duration.parse(text.strip());
        if (d.isNegative() || d.isZero()) {
          problems.add(at + ": '" + text + "' is not a positive duration");
          return Optional.empty();
        }
        return Optional.of(d);
      } catch (DateTimeParseException e) {
        problems.add(at + ": '" + text + "' is not an ISO-8601 duration such as P14D or PT36H");
        return Optional.empty();
      }
    }

    private <E extends Enum<E>> Optional<E> named(String at, String what, String text,
        E[] values) {
      for (E v : values) {
        if (spelling(v).equals(text)) {
          return Optional.of(v);
        }
      }
      problems.add(at + ": unknown " + what + " '" + text + "'; known: "
          + Arrays.stream(values).map(DefinitionFiles::spelling).collect(Collectors.joining(", ")));
      return Optional.empty();
    }

    private void transition(PipelineDefinition.Builder b, String at, TransitionModel t) {
      if (t == null) {
        problems.add(at + ": null is not a transition");
        return;
      }
      int before = problems.size();
      if (t.from() == null) {
        problems.add(at + ".from: missing; every transition needs a from stage");
      }
      if (t.to() == null) {
        problems.add(at + ".to: missing; every transition needs a to stage");
      }
      if (problems.size() > before) {
        return;
      }
      // A guard that cannot be made is reported and left out; the transition is still declared,
      // so the checks between stages see the graph the file meant.
      Guard[] guards = guards(at + ".guards", t.guards()).toArray(Guard[]::new);
      boolean reopen = Boolean.TRUE.equals(t.reopen());
      if (reopen) {
        String fixed = "reopen " + t.from() + " -> " + t.to();
        if (t.name() != null && !t.name().equals(fixed)) {
          problems.add(at + ".name: '" + t.name() + "'; a reopen is always named '" + fixed
              + "'");
          return;
        }
        b.reopen(t.from(), t.to(), guards);
      } else if (t.name() != null) {
        b.transition(t.from(), t.to(), t.name(), guards);
      } else {
        b.transition(t.from(), t.to(), guards);
      }
    }

    private List<Guard> guards(String at, List<GuardRef> refs) {
      List<Guard> out = new ArrayList<>();
      if (refs == null) {
        return out;
      }
      for (int i = 0; i < refs.size(); i++) {
        GuardRef g = refs.get(i);
        String here = at + "[" + i + "]";
        if (g == null) {
          problems.add(here + ": null is not a guard");
        } else if (g.guard() == null) {
          problems.add(here + ".guard: missing; name the guard's factory, such as"
              + " 'required-attributes'");
        } else {
          Map<String, String> params = g.parameters() == null ? Map.of() : g.parameters();
          if (params.values().stream().anyMatch(Objects::isNull)) { // Map.of refuses the query
            params.forEach((k, v) -> {
              if (v == null) {
                problems.add(here + ".parameters." + k + ": null is not text");
              }
            });
            continue;
          }
          try {
            out.add(GuardFactories.create(g.guard(), params));
          } catch (IllegalArgumentException | IllegalStateException e) {
            boolean unknown = !GuardFactories.load().containsKey(g.guard());
            problems.add(here + (unknown ? ".guard" : ".parameters") + ": " + e.getMessage());
          }
        }
      }
      return out;
    }
  }

  /**
   * Writes a definition as JSON.
   *
   * @param definition the definition; every guard must have been made by {@link GuardFactories}
   * @param out where the file's text goes
   * @throws IllegalArgumentException naming each transition (and definition guard) whose guard
   *     was not made by a {@link dev.pipelinesdk.core.guard.GuardFactory}, such as a lambda or a
   *     guard of {@link dev.pipelinesdk.core.guard.Guards} called directly: such a guard has no
   *     name a file could make it from again
   * @throws UncheckedIOException if {@code out} throws
   */
  public static void write(PipelineDefinition definition, Appendable out) {
    write(definition, out, Format.JSON);
  }

  /**
   * Writes a definition as JSON or YAML. Values equal to the builder's defaults (a stage name
   * equal to its id, a kind's default probability and forecast category, a transition named
   * {@code "from -> to"}, the first open stage as the only entry stage) are left out, except
   * every stage's kind and every open stage's probability.
   *
   * @param definition the definition; every guard must have been made by {@link GuardFactories}
   * @param out where the file's text goes
   * @param format JSON or YAML
   * @throws IllegalArgumentException as {@link #write(PipelineDefinition, Appendable)}
   * @throws UncheckedIOException if {@code out} throws
   */
  public static void write(PipelineDefinition definition, Appendable out, Format format) {
    Objects.requireNonNull(definition, "definition is null");
    Objects.requireNonNull(out, "out is null");
    Objects.requireNonNull(format, "format is null");
    List<String> refused = new ArrayList<>();
    Definition model = model(definition, refused);
    if (!refused.isEmpty()) {
      boolean guards = refused.stream().anyMatch(r -> !r.startsWith("rule '"));
      throw new IllegalArgumentException("cannot write definition '" + definition.id()
          + "': " + String.join("; ", refused) + (guards ? " (only guards made by a"
              + " GuardFactory, through GuardFactories.create, can be written by name)" : ""));
    }
    try {
      String text;
      if (format == Format.YAML) {
        text = YAMLMapper.builder(YAMLFactory.builder().build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build().writeValueAsString(model);
      } else {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        text = new JsonMapper().writer(pretty).writeValueAsString(model) + "\n";
      }
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rule kinds a file can hold. */
  private static final List<String> RULE_KINDS = List.of("idle", "decision-timeout",
      "delay-contact", "cadence");
  /** How a delay contact says "after the stage's expected duration" (also: no {@code after}). */
  private static final String EXPECTED_DURATION = "expected-duration";

  private static CalendarModel calendar(BusinessCalendar c) {
    if (c.equals(BusinessCalendar.calendarDays())) {
      return null;
    }
    return new CalendarModel(c.weekend().stream().map(DefinitionFiles::spelling)
        .collect(Collectors.toList()),
        c.holidays().stream().map(LocalDate::toString).collect(Collectors.toList()),
        c.zone().equals(ZoneOffset.UTC) ? null : c.zone().getId());
  }

  private static List<RuleModel> rules(List<AutomationRule> rules, List<String> refused) {
    if (rules.isEmpty()) {
      return null;
    }
    List<RuleModel> out = new ArrayList<>();
    for (AutomationRule r : rules) {
      String stage = r.stage().value();
      if (r instanceof IdleRule i) {
        out.add(new RuleModel("idle", i.id().equals("idle:" + stage) ? null : i.id(), stage,
            i.after().toString(), resets(i.resets()), null, null, null, null, null, null, null,
            null));
      } else if (r instanceof DecisionTimeout t) {
        out.add(new RuleModel("decision-timeout",
            t.id().equals("decision-timeout:" + stage) ? null : t.id(), stage,
            t.after().toString(), resets(t.resets()), null, null, null, null, null, null, null,
            null));
      } else if (r instanceof DelayContactRule c) {
        out.add(new RuleModel("delay-contact",
            c.id().equals("delay-contact:" + stage) ? null : c.id(), stage,
            c.after().map(Span::toString).orElse(null), null, c.messageKey(),
            c.offer().orElse(null), c.repeatEvery().map(Span::toString).orElse(null),
            c.repeatEvery().isPresent() ? c.maxPerVisit() : null, null, null, null, null));
      } else if (r instanceof Cadence k) {
        List<StepModel> steps = new ArrayList<>();
        for (Cadence.Step s : k.steps()) {
          steps.add(new StepModel(spelling(s.channel()), s.delay().toString(),
              s.messageKey().orElse(null)));
        }
        out.add(new RuleModel("cadence", k.id().equals("cadence:" + stage) ? null : k.id(),
            stage, null, null, null, null, null, null, steps,
            k.stopOn().equals(EnumSet.allOf(Cadence.StopOn.class)) ? null
                : k.stopOn().stream().map(DefinitionFiles::spelling).collect(Collectors.toList()),
            k.manualOnly() ? Boolean.TRUE : null, k.concurrent() ? Boolean.TRUE : null));
      } else {
        refused.add("rule '" + r.id() + "' is a " + r.getClass().getName() + ", not one of the"
            + " rules a file can hold (" + String.join(", ", RULE_KINDS) + ")");
      }
    }
    return out;
  }

  /** The resets as a file writes them: left out when they are the default. */
  private static List<String> resets(Set<Activity> resets) {
    if (resets.equals(Set.of(Activity.TOUCH, Activity.STAGE_CHANGE))) {
      return null;
    }
    return resets.stream().map(DefinitionFiles::spelling).collect(Collectors.toList());
  }

  private static Definition model(PipelineDefinition d, List<String> refused) {
    List<StageModel> stages = new ArrayList<>();
    for (Stage s : d.stages()) {
      StageKind k = s.kind();
      stages.add(new StageModel(s.id().value(),
          s.name().equals(s.id().value()) ? null : s.name(), spelling(k),
          k == StageKind.OPEN || s.defaultProbability() != k.defaultProbability()
              ? s.defaultProbability() : null,
          s.expectedDuration().map(DefinitionFiles::iso).orElse(null),
          s.idleAfter().map(DefinitionFiles::iso).orElse(null),
          s.forecastCategory() == k.defaultForecastCategory() ? null
              : spelling(s.forecastCategory())));
    }
    List<TransitionModel> transitions = new ArrayList<>();
    for (Transition t : d.transitions()) {
      boolean reopen = t.kind() == TransitionKind.REOPEN;
      String arrow = t.from() + " -> " + t.to();
      String name = reopen || t.name().equals(arrow) ? null : t.name();
      transitions.add(new TransitionModel(t.from().value(), t.to().value(), name,
          reopen ? Boolean.TRUE : null, refs(t.guards(), "transition " + t, refused)));
    }
    List<String> defaultEntry = d.openStages().isEmpty() ? List.of()
        : List.of(d.openStages().get(0).id().value());
    List<String> entries = d.entryStages().stream().map(Object::toString)
        .collect(Collectors.toList());
    return new Definition(d.id(), d.name().equals(d.id()) ? null : d.name(),
        d.currency().map(c -> c.getCurrencyCode()).orElse(null),
        entries.equals(defaultEntry) ? null : entries, refs(d.guards(), "the definition", refused),
        stages, transitions.isEmpty() ? null : transitions, calendar(d.calendar()),
        rules(d.automationRules(), refused), d.handoff().map(DefinitionFiles::handoff)
            .orElse(null));
  }

  private static HandoffModel handoff(Handoff h) {
    return new HandoffModel(h.pipeline(), h.stage().map(Object::toString).orElse(null),
        h.owner().orElse(null), h.attributes().map(a -> List.copyOf(a)).orElse(null),
        h.carriesAmount() ? null : Boolean.FALSE, h.idSuffix().orElse(null));
  }

  private static List<GuardRef> refs(List<Guard> guards, String where, List<String> refused) {
    if (guards.isEmpty()) {
      return null;
    }
    List<GuardRef> refs = new ArrayList<>();
    for (Guard g : guards) {
      Optional<GuardRecipe> r = GuardFactories.recipe(g);
      if (r.isEmpty()) {
        refused.add(where + ": guard '" + g.name() + "' was not made by a guard factory");
      } else {
        refs.add(new GuardRef(r.get().factory(),
            r.get().parameters().isEmpty() ? null : r.get().parameters()));
      }
    }
    return refs;
  }

  /** {@code P14D} for whole days, else {@link Duration#toString()} ({@code PT36H}). */
  static String iso(Duration d) {
    return d.getNano() == 0 && d.getSeconds() % 86_400 == 0 && d.getSeconds() > 0
        ? "P" + d.toDays() + "D" : d.toString();
  }

  /** {@code best-case} for {@code BEST_CASE}: how a file spells an enum constant. */
  static String spelling(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
