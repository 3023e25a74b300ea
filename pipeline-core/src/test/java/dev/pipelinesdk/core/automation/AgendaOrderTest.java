package dev.pipelinesdk.core.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.pipelinesdk.core.DealId;
import dev.pipelinesdk.core.StageId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link Agenda#ORDER}, written by hand for speed, is the order its Javadoc states: the chain of
 * comparators by kind, due since, deal id and rule id, on items drawn from few values so that
 * every tie occurs.
 */
class AgendaOrderTest {
  private static final Comparator<AgendaItem> STATED = Comparator
      .comparing(AgendaItem::kind)
      .thenComparing(AgendaItem::dueSince)
      .thenComparing(i -> i.deal().value())
      .thenComparing(AgendaItem::rule);

  private static final Gen<AgendaItem> ITEMS = integers().between(0, 3)
      .zip(integers().between(0, 3), integers().between(0, 2), integers().between(0, 2),
          (kind, due, deal, rule) -> new AgendaItem(DealId.of(new String[] {"D-10", "D-9", "a"}
              [deal]), Optional.empty(), StageId.of("lead"), AgendaItem.Kind.values()[kind],
              Instant.parse("2026-05-01T00:00:00Z").plusSeconds(due * 3_600L),
              new String[] {"idle:lead", "delay-contact:lead", "b"}[rule], "why",
              Optional.empty(), Optional.empty(), Optional.empty()));

  @Test
  void theHandWrittenOrderIsTheStatedOne() {
    qt().withFixedSeed(27L).withExamples(2_000).forAll(ITEMS, ITEMS).checkAssert((a, b) ->
        assertThat(Integer.signum(Agenda.ORDER.compare(a, b)))
            .as("%s vs %s", a, b).isEqualTo(Integer.signum(STATED.compare(a, b))));
  }
}
