package dev.pipelinesdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipelinesdk.benchmarks.forecast.ForecastReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sections other runs wrote survive a rewrite of {@code BENCHMARKS.md}: read before it,
 * written back in place of their old text or before {@code ## Reproduce}.
 */
class MarkedSectionsTest {
  @Test
  void theForecastAndAgendaSectionsAreReadAndWrittenBack(@TempDir Path dir) throws Exception {
    String agenda = BenchmarkReport.AGENDA_BEGIN + "\n## Agenda\nnumbers\n"
        + BenchmarkReport.AGENDA_END + "\n";
    String forecast = ForecastReport.BEGIN + "\n## Forecast\nmore numbers\n" + ForecastReport.END
        + "\n";
    Path md = dir.resolve("BENCHMARKS.md");
    Files.writeString(md, "# Benchmarks\n\n" + forecast + agenda + "\n## Reproduce\n\nrun it\n");
    Optional<String> keptAgenda = MarkedSections.read(md, BenchmarkReport.AGENDA_BEGIN,
        BenchmarkReport.AGENDA_END);
    Optional<String> keptForecast = MarkedSections.read(md, ForecastReport.BEGIN,
        ForecastReport.END);
    assertEquals(Optional.of(agenda), keptAgenda);
    assertEquals(Optional.of(forecast), keptForecast);
    // a rewrite as BenchmarkReport makes it: new text, then the kept sections back
    Files.writeString(md, "# Benchmarks\n\nnew transition numbers\n\n## Reproduce\n\nrun it\n");
    ForecastReport.writeSection(md, keptForecast.get());
    MarkedSections.write(md, keptAgenda.get(), BenchmarkReport.AGENDA_BEGIN,
        BenchmarkReport.AGENDA_END);
    assertEquals("# Benchmarks\n\nnew transition numbers\n\n" + forecast + "\n" + agenda
        + "\n## Reproduce\n\nrun it\n", Files.readString(md));
    // written again, a section replaces its old text in place
    MarkedSections.write(md, agenda.replace("numbers", "other numbers"),
        BenchmarkReport.AGENDA_BEGIN, BenchmarkReport.AGENDA_END);
    assertEquals("# Benchmarks\n\nnew transition numbers\n\n" + forecast + "\n"
        + agenda.replace("numbers", "other numbers") + "\n## Reproduce\n\nrun it\n",
        Files.readString(md));
  }

  @Test
  void everySectionWrittenByHandInTheRepositoryReportIsMarked() throws Exception {
    // the project's BENCHMARKS.md: a section without both markers would be lost on a rewrite
    Path md = Path.of("..", "BENCHMARKS.md");
    String text = Files.readString(md);
    for (String[] markers : new String[][] {{ForecastReport.BEGIN, ForecastReport.END},
        {BenchmarkReport.AGENDA_BEGIN, BenchmarkReport.AGENDA_END},
        {BenchmarkReport.SPARK_BEGIN, BenchmarkReport.SPARK_END}}) {
      assertEquals(text.indexOf(markers[0]), text.lastIndexOf(markers[0]), markers[0]);
      Optional<String> section = MarkedSections.read(md, markers[0], markers[1]);
      assertEquals(true, section.isPresent(), markers[0]);
    }
  }
}
