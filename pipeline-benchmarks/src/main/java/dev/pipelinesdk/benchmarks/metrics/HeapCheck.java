package dev.pipelinesdk.benchmarks.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Does the metrics benchmark's data set fit in a given heap? Run in a forked JVM ({@link
 * #fork}) with {@code -Xmx2g}: generates the data set ({@link Histories#generate}), then reports
 * the heap in use after a full GC minus the heap in use before generating (JVM's {@code
 * MemoryMXBean}, after {@code System.gc()}: an honest heap measurement, not JOL), split into the
 * {@code DealHistory} values and the primitive arrays (13 bytes per entry plus array headers). If
 * generation runs out of memory the JVM exits non-zero: it does not fit.
 */
public final class HeapCheck {
  private HeapCheck() {}

  /**
   * The outcome.
   *
   * @param maxHeap the {@code -Xmx} flag used
   * @param fits whether generation finished in that heap
   * @param deals deals generated
   * @param entries stage entries (events)
   * @param historyBytes heap retained by the {@code List<DealHistory>} (everything but the arrays)
   * @param arrayBytes heap of the primitive arrays
   * @param seconds generation time, seconds
   * @param output the fork's output (diagnostics when it does not fit)
   */
  public record Result(String maxHeap, boolean fits, int deals, long entries, long historyBytes,
      long arrayBytes, double seconds, String output) {}

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Forks a JVM with the given maximum heap and runs the check there.
   *
   * @param deals how many deals
   * @param maxHeap such as {@code "2g"}
   * @return the result
   * @throws IOException if the fork cannot start
   * @throws InterruptedException if interrupted while waiting
   */
  public static Result fork(int deals, String maxHeap) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath;
    try {
      classpath = Path.of(HeapCheck.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toString();
    } catch (URISyntaxException e) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", classpath,
        HeapCheck.class.getName(), Integer.toString(deals)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    String result = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.startsWith("RESULT ")) {
          result = line;
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      return new Result(maxHeap, false, deals, 0, 0, 0, 0, out.toString());
    }
    String[] f = result.split(" ");
    return new Result(maxHeap, true, Integer.parseInt(f[1]), Long.parseLong(f[2]),
        Long.parseLong(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]), out.toString());
  }

  /**
   * Generates and measures; prints {@code RESULT deals entries historyBytes arrayBytes seconds}.
   *
   * @param args the number of deals (default 1,000,000)
   */
  public static void main(String[] args) {
    int deals = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    long before = usedAfterGc();
    long start = System.nanoTime();
    Histories.Dataset data = Histories.generate(deals);
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = usedAfterGc();
    long n = data.entries();
    // int[] + byte[] + long[] payloads, plus three 16-byte array headers (rounded to 8 bytes).
    long arrays = align(16 + 4 * n) + align(16 + n) + align(16 + 8 * n);
    Reference.reachabilityFence(data);
    long histories = after - before - arrays;
    System.out.printf(Locale.ROOT, "%,d deals, %,d entries: %,d bytes of DealHistory values"
        + " (%.1f per deal, %.1f per entry), %,d bytes of primitive arrays, max heap %,d;"
        + " generated in %.1f s%n", deals, n, histories, (double) histories / deals,
        (double) histories / n, arrays, Runtime.getRuntime().maxMemory(), seconds);
    System.out.println("RESULT " + deals + " " + n + " " + histories + " " + arrays + " "
        + seconds);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
