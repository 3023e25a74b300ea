package dev.pipelinesdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Valid definitions build; broken ones report every injected problem at once. */
class DefinitionPropertyTest {

  @Test
  void generatedValidDefinitionsBuildWithTheExpectedGraph() {
    qt().withExamples(500).forAll(Blueprint.valid()).checkAssert(b -> {
      PipelineDefinition d = b.build();
      assertThat(d.stages()).extracting(s -> s.id().value())
          .containsExactlyElementsOf(b.stages.stream().map(Blueprint.StageSpec::id).toList());
      assertThat(d.entryStages()).containsExactly(StageId.of("s0"));
      Set<List<Object>> actual = d.transitions().stream()
          .map(t -> List.<Object>of(t.from().value(), t.to().value(), t.kind()))
          .collect(Collectors.toCollection(LinkedHashSet::new));
      assertThat(actual).isEqualTo(b.expectedTransitions());
      for (int i = 0; i < b.openCount; i++) {
        assertThat(d.funnelIndex(StageId.of(Blueprint.open(i)))).contains(i);
      }
      assertThat(d.currency().map(java.util.Currency::getCurrencyCode))
          .isEqualTo(java.util.Optional.ofNullable(b.currency));
      // Building the same blueprint twice gives equal definitions (guards are shared instances).
      assertThat(b.build()).isEqualTo(d).hasSameHashCodeAs(d);
    });
  }

  @Test
  void brokenDefinitionsReportEveryInjectedProblem() {
    qt().withExamples(500).forAll(Blueprint.broken()).checkAssert(broken -> {
      Blueprint.Injected injected = broken.inject();
      InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
          () -> injected.blueprint().build());
      assertThat(e).as("%s should not build", broken).isNotNull();
      assertThat(e.problems()).as(broken.toString())
          .containsAll(injected.expectedProblems())
          .hasSizeGreaterThanOrEqualTo(injected.expectedProblems().size());
      for (String p : injected.expectedProblems()) {
        assertThat(e.getMessage()).contains(System.lineSeparator() + "  - " + p);
      }
      assertThat(e.getMessage()).startsWith("invalid pipeline definition ("
          + e.problems().size() + (e.problems().size() == 1 ? " problem):" : " problems):"));
    });
  }

  @Test
  void eachBreakageAloneReportsExactlyItsProblem() {
    // With one breakage on a minimal valid shape, the problem list is exactly the expected one:
    // the breakages are independent, so the combined property above is meaningful.
    Blueprint.Shape minimal = new Blueprint.Shape(3, 0b1_0000_0011, List.of(), List.of(), 0);
    assertThatCode(() -> Blueprint.valid(minimal).build()).doesNotThrowAnyException();
    for (Blueprint.Breakage k : Blueprint.Breakage.values()) {
      for (int variant = 0; variant < 4; variant++) {
        Blueprint.Injected injected =
            new Blueprint.Broken(minimal, java.util.EnumSet.of(k), variant).inject();
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
            () -> injected.blueprint().build());
        assertThat(e).as(k.name()).isNotNull();
        assertThat(e.problems()).as(k.name()).isEqualTo(injected.expectedProblems());
      }
    }
  }

  @Test
  void everyBreakageAtOnceIsReportedAtOnce() {
    Blueprint.Shape shape = new Blueprint.Shape(4, 0b1_1111_1111, List.of(20, 13), List.of(2), 7);
    Blueprint.Injected injected = new Blueprint.Broken(shape,
        java.util.EnumSet.allOf(Blueprint.Breakage.class), 2).inject();
    InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
        () -> injected.blueprint().build());
    assertThat(e.problems()).containsAll(injected.expectedProblems());
    assertThat(injected.expectedProblems()).hasSize(Blueprint.Breakage.values().length);
  }
}
