package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The help of tour, generate and diagram reads well: options in order of use, no dead -V. */
class HelpTest {
  @Test
  void subcommandsOfferNoVersionOptionThatPrintsNothing() {
    for (String command : new String[] {"tour", "generate", "diagram"}) {
      Cli.Run help = Cli.run(command, "--help");
      assertThat(help.exit()).isZero();
      assertThat(help.out()).startsWith("Usage: pipeline " + command + " [-hv]")
          .doesNotContain("-V", "--version");
    }
    assertThat(Cli.run("--version").out().strip()).isEqualTo("pipeline 0.1.0-SNAPSHOT");
  }

  @Test
  void generateListsItsOptionsInTheOrderOfUse() {
    String help = Cli.run("generate", "--help").out();
    assertThat(help).startsWith("Usage: pipeline generate [-hv] --deals=N [--template=NAME]"
        + " [--seed=S]\n                         [--from=DATE] [--to=DATE] [--activities=FILE]\n");
    assertThat(help.indexOf("--deals=N   ")).isLessThan(help.indexOf("--seed=S  "));
    assertThat(help.indexOf("--to=DATE  ")).isLessThan(help.indexOf("-h, --help"));
    assertThat(help).contains("included");
  }

  @Test
  void diagramNamesBothFormats() {
    String help = Cli.run("diagram", "--help").out();
    assertThat(help).contains("One of: mermaid, dot (default: mermaid).", "```mermaid");
  }
}
