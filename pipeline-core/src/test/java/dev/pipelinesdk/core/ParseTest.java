package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link LeadSource#parse} and {@link AttributeValue#parse}: what the readers type text as. */
class ParseTest {
  @Test
  void aLeadSourceReadsBackAsItIsWritten() {
    for (LeadSource s : new LeadSource[] {LeadSource.cold("call"), LeadSource.warm("webinar")}) {
      assertThat(LeadSource.parse(s.toString())).contains(s);
    }
    assertThat(LeadSource.parse("WARM:form")).contains(LeadSource.warm("form"));
    for (String no : new String[] {"webinar", "warm:", "hot:call", "cold: call", ":x", ""}) {
      assertThat(LeadSource.parse(no)).as(no).isEqualTo(Optional.empty());
    }
  }

  @Test
  void textIsTypedAsANumberAFlagADateOrText() {
    assertThat(AttributeValue.parse("-12")).isEqualTo(new AttributeValue.Number(
        BigDecimal.valueOf(-12)));
    assertThat(AttributeValue.parse("48000.50")).isEqualTo(new AttributeValue.Number(
        new BigDecimal("48000.50")));
    assertThat(AttributeValue.parse("TRUE")).isEqualTo(new AttributeValue.Flag(true));
    assertThat(AttributeValue.parse("false")).isEqualTo(new AttributeValue.Flag(false));
    assertThat(AttributeValue.parse("2026-05-04")).isEqualTo(
        new AttributeValue.Date(LocalDate.of(2026, 5, 4)));
    for (String text : new String[] {"2026-13-04", "1e5", "12.", "+3", "yes", "40 seats"}) {
      assertThat(AttributeValue.parse(text)).as(text).isEqualTo(new AttributeValue.Text(text));
    }
    assertThatThrownBy(() -> AttributeValue.parse("1" + "0".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
