package dev.pipelinesdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code java spark} blocks (the Spark section's example, which {@code
 * pipeline-examples}' README test skips: it has no Spark) compile against this module and Spark.
 */
class ReadmeSparkTest {
  private static final List<String> IMPORTS = List.of("dev.pipelinesdk.core.metrics.*",
      "dev.pipelinesdk.spark.*", "java.math.BigDecimal", "java.time.*",
      "org.apache.spark.sql.Dataset",
      "org.apache.spark.sql.Encoders", "org.apache.spark.sql.SparkSession",
      "org.apache.spark.api.java.function.MapFunction", "scala.Tuple2");

  @Test
  void theSparkExampleCompiles(@TempDir Path out) throws IOException {
    Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    List<String> lines = Files.readAllLines(readme);
    List<String> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("```java spark")) {
        for (i++; !lines.get(i).startsWith("```"); i++) {
          body.add(lines.get(i));
        }
      }
    }
    assertThat(body).as("java spark blocks in %s", readme).isNotEmpty();
    StringBuilder source = new StringBuilder();
    IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
    source.append("class ReadmeSpark {\n  public static void main(String[] args) {\n");
    body.forEach(l -> source.append(l).append('\n'));
    source.append("  }\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeSpark.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    boolean ok = javac.getTask(errors, null, null, List.of("-proc:none", "-classpath",
        System.getProperty("java.class.path"), "-d", out.toString()), null, List.of(file))
        .call();
    assertThat(ok).as("the README's Spark example compiles:%n%s%n%s", source, errors).isTrue();
  }
}
