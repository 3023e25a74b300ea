package dev.pipelinesdk.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * An activities file merged into the stage history: the options of the commands whose output
 * touches change ({@code agenda}, {@code report}, {@code metrics}); {@link InputOptions#load}
 * reads the file with the events' {@code --zone}, {@code --encoding} and {@code
 * --skip-bad-rows}.
 */
final class ActivitiesOptions {
  @Option(names = "--activities", paramLabel = "FILE",
      description = "Activities CSV (touches and snoozes, as CRMs export them apart from the"
          + " deals): deal_id,at,type[,direction,outcome,until,reason], merged into the"
          + " histories in time order (see the README).")
  Path file;

  @Option(names = "--activities-preset", paramLabel = "NAME",
      description = "A known activities export's columns and values: salesforce-task,"
          + " salesforce-event, hubspot-engagements, pipedrive-activities; --activities-map and"
          + " --activities-date-format given too win.")
  String preset;

  @Option(names = "--activities-map", paramLabel = "COLUMN=NAME,...",
      description = "Read an activities column under another name, e.g. deal_id=WhatId,"
          + "at=CompletedDateTime.")
  String map;

  @Option(names = "--activities-date-format", paramLabel = "PATTERN",
      description = "Activity dates in another form besides ISO, as --date-format.")
  String dateFormat;

  /** {@return the option that needs --activities, if one was given without it; else null} */
  String orphan() {
    if (file != null) {
      return null;
    }
    return preset != null ? "--activities-preset" : map != null ? "--activities-map"
        : dateFormat != null ? "--activities-date-format" : null;
  }
}
