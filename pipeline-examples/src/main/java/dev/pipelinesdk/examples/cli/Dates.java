package dev.pipelinesdk.examples.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line dates: an ISO date means a whole day (UTC), a date-time is taken as given. */
final class Dates {
  private Dates() {}

  /**
   * An instant or a whole day given on the command line.
   *
   * @param start the instant, or the start of the day (UTC)
   * @param wholeDay whether a date was given
   */
  record When(Instant start, boolean wholeDay) {
    /** {@return the instant after it: the start of the next day for a date, else the instant} */
    Instant end() {
      return wholeDay ? start.plusSeconds(86_400) : start;
    }
  }

  /** Reads {@code 2017-03-01} or {@code 2017-03-01T10:15:00Z} / {@code ...+01:00}. */
  static final class Converter implements ITypeConverter<When> {
    @Override
    public When convert(String text) {
      try {
        if (text.length() == 10) {
          return new When(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        }
        return new When(OffsetDateTime.parse(text).toInstant(), false);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("bad date '" + text + "': expected an ISO date"
            + " (2017-03-01) or an ISO date-time with offset (2017-03-01T10:15:00Z)");
      }
    }
  }
}
