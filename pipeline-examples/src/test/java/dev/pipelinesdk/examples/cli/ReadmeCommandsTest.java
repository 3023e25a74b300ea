package dev.pipelinesdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the README's "The {@code pipeline} command line" section shows run as shown, and
 * its {@code metrics --json} example is what the command before it prints.
 */
class ReadmeCommandsTest {
  private static final String JAR = "java -jar pipeline-examples/target/pipeline.jar ";
  private static final String SECTION = "## The `pipeline` command line";

  @TempDir
  Path dir;

  /** A fenced block: its language and its lines. */
  private record Block(String language, int firstLine, List<String> lines) {}

  private static List<Block> sectionBlocks() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    List<String> md = Files.readAllLines(p.resolve("README.md"), StandardCharsets.UTF_8);
    int start = md.indexOf(SECTION);
    assertThat(start).as("README section " + SECTION).isNotNegative();
    List<Block> blocks = new ArrayList<>();
    for (int i = start + 1; i < md.size() && !md.get(i).startsWith("## "); i++) {
      if (md.get(i).startsWith("```")) {
        int end = i + 1;
        while (!md.get(end).startsWith("```")) {
          end++;
        }
        blocks.add(new Block(md.get(i).substring(3).strip(), i + 2, md.subList(i + 1, end)));
        i = end;
      }
    }
    return blocks;
  }

  /** Runs one README command line in-process, files named without a directory in {@code dir}. */
  private Cli.Run run(String line) throws IOException {
    assertThat(line).startsWith(JAR);
    List<String> args = new ArrayList<>(Arrays.asList(line.substring(JAR.length()).split(" +")));
    Path redirect = null;
    int gt = args.indexOf(">");
    if (gt >= 0) {
      redirect = dir.resolve(args.get(gt + 1));
      args = new ArrayList<>(args.subList(0, gt));
    }
    args.replaceAll(a -> a.matches("[\\w-]+\\.(csv|html|json|yaml)") ? dir.resolve(a).toString()
        : a);
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as("exit code of: %s%nstderr: %s", line, run.err()).isZero();
    assertThat(run.err()).as("stderr of: %s", line).isEmpty();
    if (redirect != null) {
      Files.writeString(redirect, run.out(), StandardCharsets.UTF_8);
    }
    return run;
  }

  @Test
  void everyCommandShownRunsAndTheJsonExampleIsTheOutputOfTheCommandBeforeIt()
      throws IOException {
    List<Block> blocks = sectionBlocks();
    int json = -1;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).language().equals("json")) {
        json = i;
        break;
      }
    }
    assertThat(json).as("a json block after a block of commands").isPositive();
    int commands = 0;
    Cli.Run last = null;
    for (int i = 0; i < json; i++) {
      if (!blocks.get(i).language().isEmpty()) {
        continue;
      }
      for (String line : blocks.get(i).lines()) {
        last = run(line);
        commands++;
      }
    }
    assertThat(commands).isGreaterThanOrEqualTo(9);
    assertThat(blocks.get(json - 1).language()).as("the block before the json").isEmpty();
    assertThat(String.join("\n", blocks.get(json).lines()) + "\n")
        .as("README.md:%d, the metrics --json example", blocks.get(json).firstLine())
        .isEqualTo(last.out().replace(dir + java.io.File.separator, "")); // files as shown
  }

  @Test
  void noCommandShownHasPlaceholdersOrAlternativesToPaste() throws IOException {
    for (Block b : sectionBlocks()) {
      if (b.language().isEmpty()) {
        assertThat(b.lines()).allSatisfy(l -> assertThat(l).doesNotContain("[", "|", "...")
            .doesNotMatch(".*\\b[A-Z]{3,}\\b.*"));
      }
    }
  }
}
