package dev.pipelinesdk.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Column mappings and formats for the CRM exports the readers know by name: what {@code --preset
 * NAME} sets for the stage-history reader ({@link #ALL}) and {@code --activities-preset NAME} for
 * the activities reader ({@link #ACTIVITIES}, with the exports' values). Each names the export it
 * expects; columns a preset maps but a file lacks are simply absent (an optional column), the
 * required ones must be there.
 */
public final class ExportPresets {
  private ExportPresets() {}

  /**
   * A named export layout.
   *
   * @param name the name, as given to {@code --preset}
   * @param export the export it reads, in words, with where its columns come from
   * @param columns our column name to the export's
   * @param dateFormat the {@code at} format beyond the ISO forms, if the export needs one
   */
  public record Preset(String name, String export, Map<String, String> columns,
      Optional<String> dateFormat) {
    /**
     * Creates the value, copying the map.
     *
     * @param name the name
     * @param export the export it reads
     * @param columns our column name to the export's
     * @param dateFormat the date format, if any
     */
    public Preset {
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
  }

  private static Map<String, String> columns(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** Every preset, by name. */
  public static final List<Preset> ALL = List.of(
      new Preset("salesforce-opportunity-history",
          "Salesforce's OpportunityHistory object as Data Loader, Workbench or a SOQL query"
              + " export it (API field names): one row per change of any tracked field, so a row"
              + " in the stage the deal is already in is an update, not a re-entry; CreatedDate"
              + " such as 2022-03-02T16:11:00.000+0000; CurrencyIsoCode in multi-currency orgs",
          columns("deal_id", "OpportunityId", "at", "CreatedDate", "stage", "StageName",
              "amount", "Amount", "currency", "CurrencyIsoCode"),
          Optional.empty()),
      new Preset("hubspot-deal-stage-history",
          "HubSpot deals with the history of their dealstage property (CRM API v3,"
              + " propertiesWithHistory=dealstage), one row per history entry with the deal's"
              + " internal property names: hs_object_id, pipeline, dealstage (a stage id: pair"
              + " it with the pipeline's stages), timestamp (ISO; for the legacy API's epoch"
              + " milliseconds add --date-format epoch-millis), amount, deal_currency_code,"
              + " hubspot_owner_id and createdate (the deal's creation, before its first stage"
              + " entry)",
          columns("deal_id", "hs_object_id", "at", "timestamp", "stage", "dealstage",
              "amount", "amount", "currency", "deal_currency_code", "owner", "hubspot_owner_id",
              "pipeline", "pipeline", "created_at", "createdate"),
          Optional.empty()),
      new Preset("fivetran-salesforce-opportunity",
          "Fivetran's Salesforce connector in history mode: the opportunity table with one row"
              + " per version of a record, _fivetran_start saying when the version began"
              + " (warehouse timestamps such as 2023-01-05 10:11:12.123 UTC); id, stage_name,"
              + " amount, currency_iso_code, owner_id and created_date",
          columns("deal_id", "id", "at", "_fivetran_start", "stage", "stage_name", "amount",
              "amount", "currency", "currency_iso_code", "owner", "owner_id", "created_at",
              "created_date"),
          Optional.empty()));

  /**
   * A named activities export layout: what {@code --activities-preset NAME} sets for {@link
   * ActivitiesCsv}.
   *
   * @param name the name, as given to {@code --activities-preset}
   * @param export the export it reads, in words, with where its columns and values come from
   * @param columns our column name to the export's (two of ours may read one column)
   * @param values per column of ours, the export's values to ours ({@link
   *     ActivitiesCsv.Options#values()})
   * @param dateFormat the {@code at} format beyond the ISO forms, if the export needs one
   */
  public record ActivityPreset(String name, String export, Map<String, String> columns,
      Map<String, Map<String, String>> values, Optional<String> dateFormat) {
    /**
     * Creates the value, copying the maps.
     *
     * @param name the name
     * @param export the export it reads
     * @param columns our column name to the export's
     * @param values per column of ours, the export's values to ours
     * @param dateFormat the date format, if any
     */
    public ActivityPreset {
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
      Map<String, Map<String, String>> copy = new LinkedHashMap<>();
      values.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(v))));
      values = java.util.Collections.unmodifiableMap(copy);
    }
  }

  /** Every activities preset, by name. */
  public static final List<ActivityPreset> ACTIVITIES = List.of(
      new ActivityPreset("salesforce-task",
          "Salesforce's Task object as Data Loader or a SOQL query export it (API field names):"
              + " WhatId the opportunity (tasks on other records, or on none, are not a deal's),"
              + " CompletedDateTime when it was done, TaskSubtype what it was (Call, Email,"
              + " ListEmail, LinkedIn, Cadence, Task), CallType its direction (Inbound, Outbound;"
              + " Internal is no touch with the customer), Status whether it was done (Completed;"
              + " Not Started, In Progress, Waiting on someone else and Deferred are planned)",
          columns("deal_id", "WhatId", "at", "CompletedDateTime", "type", "TaskSubtype",
              "direction", "CallType", "outcome", "Status"),
          Map.of("type", columns("Call", "call", "Email", "email", "ListEmail", "email",
                  "LinkedIn", "social", "Cadence", "other", "Task", "other"),
              "direction", columns("Inbound", "inbound", "Outbound", "outbound", "Internal",
                  "internal"),
              "outcome", columns("Completed", "completed", "Not Started", "planned",
                  "In Progress", "planned", "Waiting on someone else", "planned", "Deferred",
                  "planned")),
          Optional.empty()),
      new ActivityPreset("salesforce-event",
          "Salesforce's Event object (meetings on the calendar) as Data Loader or a SOQL query"
              + " export it: WhatId the opportunity, StartDateTime when it began, EventSubtype"
              + " Event, a meeting; an event after the as-of time is left out like any later"
              + " activity",
          columns("deal_id", "WhatId", "at", "StartDateTime", "type", "EventSubtype"),
          Map.of("type", columns("Event", "meeting")),
          Optional.empty()),
      new ActivityPreset("hubspot-engagements",
          "HubSpot's engagements as the Engagements API (v1, /engagements/v1/engagements/paged)"
              + " returns them, flattened to one row per engagement and associated deal with the"
              + " JSON paths as column names: associations.dealIds the deal, engagement.timestamp"
              + " when (epoch milliseconds), engagement.type what (EMAIL, INCOMING_EMAIL and"
              + " FORWARDED_EMAIL emails, the incoming one inbound; CALL; MEETING; TASK; NOTE,"
              + " no touch), metadata.status how it went (calls: COMPLETED, NO_ANSWER and BUSY no"
              + " response, FAILED and CANCELED canceled, QUEUED, RINGING, CONNECTING,"
              + " IN_PROGRESS and CALLING_CRM_USER not done yet; tasks: COMPLETED, NOT_STARTED,"
              + " IN_PROGRESS, WAITING and DEFERRED; emails: SENT, BOUNCED); a meeting whose"
              + " outcome HubSpot still has as scheduled counts as held",
          columns("deal_id", "associations.dealIds", "at", "engagement.timestamp", "type",
              "engagement.type", "direction", "engagement.type", "outcome", "metadata.status"),
          Map.of("type", columns("EMAIL", "email", "INCOMING_EMAIL", "email",
                  "FORWARDED_EMAIL", "email", "CALL", "call", "MEETING", "meeting", "TASK",
                  "other", "NOTE", "note"),
              "direction", columns("EMAIL", "", "INCOMING_EMAIL", "inbound", "FORWARDED_EMAIL",
                  "", "CALL", "", "MEETING", "", "TASK", "", "NOTE", ""),
              "outcome", columns("COMPLETED", "completed", "NO_ANSWER", "no response", "BUSY",
                  "no response", "FAILED", "canceled", "CANCELED", "canceled", "QUEUED",
                  "planned", "RINGING", "planned", "CONNECTING", "planned", "IN_PROGRESS",
                  "planned", "CALLING_CRM_USER", "planned", "NOT_STARTED", "planned", "WAITING",
                  "planned", "DEFERRED", "planned", "SENT", "completed", "BOUNCED", "canceled",
                  "SCHEDULED", "completed")),
          Optional.of(Timestamps.EPOCH_MILLIS)),
      new ActivityPreset("pipedrive-activities",
          "Pipedrive's activities as the API (GET /v1/activities) or an export of its fields"
              + " gives them: deal_id, marked_as_done_time when it was done (UTC, such as"
              + " 2024-10-24 13:23:48), type the activity type's key (call, meeting, email,"
              + " lunch a meeting, task and deadline other; a custom type must be mapped), done"
              + " whether it was (true or 1; false or 0 is planned)",
          columns("deal_id", "deal_id", "at", "marked_as_done_time", "type", "type", "outcome",
              "done"),
          Map.of("type", columns("call", "call", "meeting", "meeting", "email", "email",
                  "lunch", "meeting", "task", "other", "deadline", "other"),
              "outcome", columns("true", "completed", "1", "completed", "false", "planned", "0",
                  "planned")),
          Optional.empty()));

  /**
   * Finds an activities preset.
   *
   * @param name its name
   * @return the preset
   * @throws IllegalArgumentException naming the presets there are, if none has the name
   */
  public static ActivityPreset activities(String name) {
    return ACTIVITIES.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no activities preset named '" + name
            + "'; activities presets: " + String.join(", ", ACTIVITIES.stream()
                .map(ActivityPreset::name).toList())));
  }

  /**
   * Finds a preset.
   *
   * @param name its name
   * @return the preset
   * @throws IllegalArgumentException naming the presets there are, if none has the name
   */
  public static Preset named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no preset named '" + name
            + "'; presets: " + String.join(", ", ALL.stream().map(Preset::name).toList())));
  }
}
