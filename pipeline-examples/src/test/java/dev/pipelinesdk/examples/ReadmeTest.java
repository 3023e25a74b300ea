package dev.pipelinesdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of {@code README.md} compiles against the library, as the README says: a
 * block that declares a class is a whole file, any other block is the body of a {@code main}
 * method, continued by the later blocks of its section ({@code ##} heading); all get the imports
 * of {@link #IMPORTS}. A failure names the README line and quotes the compiler.
 */
class ReadmeTest {
  /** The imports every README block is compiled with; the README lists the same. */
  static final List<String> IMPORTS = List.of("dev.pipelinesdk.core.*",
      "dev.pipelinesdk.core.automation.*", "dev.pipelinesdk.core.diagram.*", "dev.pipelinesdk.core.engine.*",
      "dev.pipelinesdk.core.guard.*", "dev.pipelinesdk.core.metrics.*",
      "dev.pipelinesdk.core.scoring.*",
      "dev.pipelinesdk.core.template.*", "dev.pipelinesdk.testkit.*",
      "dev.pipelinesdk.testkit.contract.*", "dev.pipelinesdk.testkit.gen.*",
      "dev.pipelinesdk.examples.*", "java.time.*", "java.util.*", "org.junit.jupiter.api.Test");

  private static final Pattern CLASS = Pattern.compile(
      "(?m)^(public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s+\\w+");
  private static final Pattern PUBLIC = Pattern.compile(
      "(?m)^public\\s+(final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

  /** A fenced block of the README: its language, first content line (1-based) and lines. */
  record Block(String language, String section, int firstLine, List<String> lines) {}

  /** One source file made from README blocks, and the README line of each of its lines. */
  record Unit(String className, String source, List<Integer> readmeLines) {}

  static Path readme() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md").normalize())) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("README.md");
  }

  /** {@return the fenced blocks of a Markdown text, in order} */
  static List<Block> blocks(List<String> markdown) {
    List<Block> blocks = new ArrayList<>();
    String section = "";
    for (int i = 0; i < markdown.size(); i++) {
      String line = markdown.get(i);
      if (line.startsWith("## ")) {
        section = line.substring(3);
      }
      if (line.startsWith("```")) {
        String language = line.substring(3).strip().toLowerCase(Locale.ROOT);
        int start = i + 1;
        int end = start;
        while (end < markdown.size() && !markdown.get(end).startsWith("```")) {
          end++;
        }
        blocks.add(new Block(language, section, start + 1, markdown.subList(start, end)));
        i = end;
      }
    }
    return blocks;
  }

  /** {@return the Java blocks as compilation units, following the README's convention} */
  static List<Unit> units(List<Block> blocks) {
    List<Unit> units = new ArrayList<>();
    Map<String, List<Block>> fragments = new LinkedHashMap<>();
    for (Block b : blocks) {
      if (!b.language().equals("java")) {
        continue;
      }
      if (CLASS.matcher(String.join("\n", b.lines())).find()) {
        units.add(unit("ReadmeLine" + b.firstLine(), List.of(b), false));
      } else {
        fragments.computeIfAbsent(b.section(), s -> new ArrayList<>()).add(b);
      }
    }
    for (List<Block> section : fragments.values()) {
      units.add(unit("ReadmeLine" + section.get(0).firstLine(), section, true));
    }
    return units;
  }

  private static Unit unit(String className, List<Block> blocks, boolean fragment) {
    StringBuilder source = new StringBuilder();
    List<Integer> lines = new ArrayList<>();
    Block first = blocks.get(0);
    boolean packaged = !fragment && !first.lines().isEmpty()
        && first.lines().get(0).startsWith("package ");
    if (packaged) { // a whole file in a package: its package line comes before the imports
      source.append(first.lines().get(0)).append('\n');
      lines.add(first.firstLine());
    }
    for (String i : IMPORTS) {
      source.append("import ").append(i).append(";\n");
      lines.add(0);
    }
    if (fragment) {
      source.append("class ").append(className).append(" {\n")
          .append("  public static void main(String[] args) throws Exception {\n");
      lines.add(0);
      lines.add(0);
    }
    for (Block b : blocks) {
      for (int i = b == first && packaged ? 1 : 0; i < b.lines().size(); i++) {
        source.append(b.lines().get(i)).append('\n');
        lines.add(b.firstLine() + i);
      }
    }
    if (fragment) {
      source.append("  }\n}\n");
    }
    return new Unit(className, source.toString(), lines);
  }

  /** {@return the compiler's errors for the units, each naming its README line; empty if none} */
  static List<String> compile(List<Unit> units, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> errors = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      for (Unit u : units) {
        // a public class must be in a file of its name
        java.util.regex.Matcher pub = PUBLIC.matcher(u.source());
        String fileName = pub.find() ? pub.group(2) : u.className();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + fileName
            + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return u.source();
          }
        };
        StringWriter output = new StringWriter();
        // each unit alone, so a class name or a variable in one cannot hide a problem in another
        boolean ok = javac.getTask(output, files, diagnostics, List.of("--release", "17",
            "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d",
            Files.createDirectories(out.resolve(u.className())).toString()), null,
            List.of(file)).call();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() != Diagnostic.Kind.ERROR) {
            continue;
          }
          int line = (int) d.getLineNumber();
          int readmeLine = line >= 1 && line <= u.readmeLines().size()
              ? u.readmeLines().get(line - 1) : 0;
          errors.add("README.md:" + readmeLine + ": " + d.getMessage(Locale.ROOT)
              + (readmeLine == 0 ? "\n(in the code the test wraps around the block:\n"
                  + u.source() + ")" : ""));
        }
        diagnostics = new DiagnosticCollector<>();
        if (!ok && errors.isEmpty()) {
          errors.add(u.className() + " did not compile: " + output);
        }
      }
    }
    return errors;
  }

  @Test
  void everyJavaBlockOfTheReadmeCompiles(@TempDir Path out) throws IOException {
    List<Unit> units = units(blocks(Files.readAllLines(readme())));
    assertThat(units).as("Java blocks of the README").hasSizeGreaterThanOrEqualTo(3);
    List<String> errors = compile(units, out);
    assertThat(errors).as("README Java blocks that do not compile").isEmpty();
  }

  @Test
  void aBlockThatDoesNotCompileIsReportedWithItsReadmeLine(@TempDir Path out)
      throws IOException {
    List<String> markdown = List.of("# Title", "## A section", "", "```java",
        "List<String> names = List.of(\"a\");", "int n = names.size();", "```", "",
        "## Another", "```java", "Pipeline p = Pipeline.of(unknownVariable);", "```");
    List<String> errors = compile(units(blocks(markdown)), out);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("README.md:11: ").contains("unknownVariable");
  }

  @Test
  void fragmentsOfOneSectionContinueEachOtherAndClassesStandAlone() {
    List<String> markdown = List.of("## S", "```java", "int a = 1;", "```", "text", "```java",
        "int b = a + 1;", "```", "```java", "class Whole {}", "```", "```", "not java", "```");
    List<Unit> units = units(blocks(markdown));
    assertThat(units).extracting(Unit::className).containsExactly("ReadmeLine10",
        "ReadmeLine3");
    Unit fragment = units.get(1);
    assertThat(fragment.source()).contains("public static void main(String[] args)",
        "int a = 1;\nint b = a + 1;\n");
    assertThat(fragment.readmeLines().subList(fragment.readmeLines().size() - 2,
        fragment.readmeLines().size())).containsExactly(3, 7);
  }

  @Test
  void theQuickstartBlockIsTheQuickstartThatExamplesTestRuns() throws IOException {
    Block quickstart = blocks(Files.readAllLines(readme())).stream()
        .filter(b -> b.section().equals("Quickstart") && b.language().equals("java"))
        .findFirst().orElseThrow();
    List<String> source = Files.readAllLines(Path.of(
        "src/main/java/dev/pipelinesdk/examples/Quickstart.java"));
    int begin = source.indexOf("    // README quickstart begins");
    int end = source.indexOf("    // README quickstart ends");
    assertThat(begin).isPositive();
    assertThat(end).isGreaterThan(begin);
    String body = source.subList(begin + 1, end).stream()
        .map(l -> l.startsWith("    ") ? l.substring(4) : l).collect(Collectors.joining("\n"));
    assertThat(String.join("\n", quickstart.lines())).isEqualTo(body);
  }
}
