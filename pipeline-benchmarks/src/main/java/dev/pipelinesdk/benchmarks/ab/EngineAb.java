package dev.pipelinesdk.benchmarks.ab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares builds of core in one JVM, for engine work on a noisy machine: {@code AbDriver} is
 * loaded once per build in the build's own class loader (the JIT compiles each copy on its own),
 * and the copies run in alternating batches of 100,000 deals, the order rotating every round. A
 * slow stretch of the machine hits every copy alike, so the per-round ratios stay tight where
 * separate JMH runs differ by 30%. Run it through {@code pipeline-benchmarks/ab.sh}, which builds
 * the jars and lists the first build twice: the two copies of one build show how far apart equal
 * code lands (the JIT decides each copy's inlining on its own), the resolution of the comparison.
 *
 * <p>Not a JMH benchmark and not part of the report: a tool for deciding whether a change to the
 * engine is faster. The report's numbers come from JMH.
 *
 * <p>Usage: {@code java -cp <this class, Guava, SLF4J API, jmh-core> EngineAb rounds
 * label=driver.jar:core.jar ...}; core must not be on this class's own class path.
 */
public final class EngineAb {
  /** Not {@code AbDriver.class}: naming the class would load it here, in the wrong loader. */
  private static final String DRIVER = "dev.pipelinesdk.benchmarks.ab.AbDriver";
  private static final int BATCH = 100_000;
  private static final int WARMUP_ROUNDS = 40;

  private EngineAb() {}

  /**
   * Runs the comparison and prints one line per build.
   *
   * @param args the number of rounds, then one {@code label=classpath} per build
   * @throws Exception if a build cannot be loaded or its driver fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: EngineAb rounds label=driver.jar:core.jar label=driver.jar:core.jar ...");
    }
    int rounds = Integer.parseInt(args[0]);
    List<String> labels = new ArrayList<>();
    List<Method> runs = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(1, args.length)) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected label=classpath, got '" + arg + "'");
      }
      labels.add(arg.substring(0, eq));
      runs.add(driver(arg.substring(eq + 1)));
    }
    int n = runs.size();
    for (int w = 0; w < WARMUP_ROUNDS; w++) {
      for (Method run : runs) {
        run.invoke(null, BATCH);
      }
    }
    double[][] rates = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
        int i = (k + r) % n;
        long start = System.nanoTime();
        run(runs.get(i));
        rates[i][r] = BATCH * 1e9 / (System.nanoTime() - start);
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds of %,d deals per build, alternating; deals/s and"
        + " the per-round ratio to the first build (median, quartiles):%n", rounds, BATCH);
    for (int i = 0; i < n; i++) {
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = rates[i][r] / rates[0][r];
      }
      double[] rate = rates[i].clone();
      Arrays.sort(rate);
      Arrays.sort(ratio);
      System.out.printf(Locale.ROOT, "%-24s %6.2fM deals/s (%.2f-%.2f)   x %.3f (%.3f-%.3f)%n",
          labels.get(i), median(rate) / 1e6, rate[rounds / 4] / 1e6, rate[3 * rounds / 4] / 1e6,
          median(ratio), ratio[rounds / 4], ratio[3 * rounds / 4]);
    }
  }

  private static void run(Method run) throws IllegalAccessException {
    try {
      run.invoke(null, BATCH);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the driver failed", e.getCause());
    }
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  @SuppressWarnings("resource") // the loaders live as long as the JVM
  private static Method driver(String classPath) throws MalformedURLException,
      ClassNotFoundException, NoSuchMethodException {
    String[] parts = classPath.split(java.io.File.pathSeparator);
    URL[] urls = new URL[parts.length];
    for (int i = 0; i < parts.length; i++) {
      urls[i] = Path.of(parts[i]).toUri().toURL();
    }
    ClassLoader loader = new URLClassLoader(urls, EngineAb.class.getClassLoader());
    Class<?> driver = loader.loadClass(DRIVER);
    if (driver.getClassLoader() != loader) {
      throw new IllegalStateException("the driver came from the parent class path, not from "
          + classPath + ": run EngineAb without core and the driver on its class path");
    }
    return driver.getMethod("run", int.class);
  }
}
