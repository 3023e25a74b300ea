package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's last section: the vendor's mortgage pipeline simulated over eight weeks. */
class TourMortgageSectionTest {

  @Test
  void theTourEndsWithTheMortgageLoanItsContactsTheOfferAndWhatTheBorrowerReads(
      @TempDir Path dir) {
    List<String> lines = Tour.runToLines(dir.resolve("tour.html"));
    int section = lines.indexOf("== 11. A vendor's pipeline: mortgage, and the borrower kept"
        + " informed while it stalls");
    assertThat(section).as("section 11").isGreaterThan(lines.indexOf(
        "== 10. The same as a page to look at"));
    List<String> tail = lines.subList(section, lines.size());
    assertThat(tail).noneMatch(l -> l.startsWith("== ")
        && !l.startsWith("== 11.")); // the last section
    // The dates are those MortgageSixtyDaysTest works out by hand (same loan, same stalls).
    assertThat(tail).filteredOn(l -> l.startsWith("   2026-")).extracting(l -> l.substring(3,
        l.indexOf(" (due") > 0 ? l.indexOf(" (due") : l.length())).containsExactly(
        "2026-06-11  email mortgage.processing.delayed",
        "2026-06-22  email mortgage.processing.delayed",
        "2026-06-30  email mortgage.processing.delayed",
        "2026-07-07  moved: Processing -> Underwriting",
        "2026-07-15  email mortgage.underwriting.delayed + offer home-insurance",
        "2026-07-23  moved: Underwriting -> Conditions");
    assertThat(tail).anyMatch(l -> l.contains("(due 2026-06-18, contact 2 of at most 3)"));
    assertThat(tail).contains("   never sent: mortgage.underwriting.delayed, due 2026-07-22;"
        + " the loan left Underwriting before the officer got to it",
        "   processing: 3 emails, its cap; none in the 7 days the loan stayed after the last.");
    // Replies are drawn from a seed: some emails are answered, not all.
    assertThat(tail).anyMatch(l -> l.endsWith("; the borrower replied"))
        .anyMatch(l -> l.contains("email") && !l.endsWith("; the borrower replied"));
    assertThat(tail).contains("   Ihr Antrag liegt bei unserer Kreditprüfung. Dieser Schritt"
        + " dauert manchmal etwas länger; wir melden uns, sobald eine Entscheidung vorliegt.");
    assertThat(tail).anyMatch(l -> l.contains("Gebäudeversicherung"));
    assertThat(String.join("\n", tail)).doesNotContain("OUTBOUND", "EMAIL", "Exception");
  }
}
