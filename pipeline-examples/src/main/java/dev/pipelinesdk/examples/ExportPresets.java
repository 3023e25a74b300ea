package dev.pipelinesdk.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Column mappings and formats for the CRM exports the stage-history reader knows by name: what
 * {@code --preset NAME} sets. Each names the export it expects; columns a preset maps but a file
 * lacks are simply absent (an optional column), the required ones must be there.
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
