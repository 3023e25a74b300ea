package dev.pipelinesdk.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark spends its time, from a JDK Flight Recorder recording of its fork: the
 * {@code jdk.ExecutionSample} events' top frames, by method and by line.
 *
 * <p>Used instead of JMH's {@code -prof stack}, which samples thread dumps and so sees threads
 * only at safepoints: it blamed loop back-edges and allocation sites near the real cost. Flight
 * Recorder samples running threads wherever they are, and the fork runs with {@code
 * -XX:+DebugNonSafepoints} so inlined code keeps its own method and line.
 */
public final class JfrHotspots {
  private JfrHotspots() {}

  /**
   * The JVM flags that make a fork write a recording.
   *
   * @param file where the recording goes (written when the fork exits)
   * @return the flags, for JMH's {@code jvmArgsAppend}
   */
  public static String[] flags(Path file) {
    return new String[] {"-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
        "-XX:StartFlightRecording=filename=" + file + ",settings=profile"};
  }

  /**
   * Summarises a recording: the hottest methods and lines (self time: the sampled top frame).
   *
   * @param file the recording
   * @param top how many of each to show
   * @param only keep only samples whose stack contains a frame of a class starting with this
   *     (the benchmark's own thread, not JMH's or the JIT's)
   * @return a text table, or a line saying the recording is missing or empty
   * @throws IOException if the recording cannot be read
   */
  public static String summary(Path file, int top, String only) throws IOException {
    return summary(file, top, only, Map.of());
  }

  /**
   * Summarises a recording as {@link #summary(Path, int, String)} does, preceded by the time per
   * step of the measured code: each sample goes to the step of the innermost of its top {@value
   * #STEP_DEPTH} frames that belongs to one (a step lists {@code SimpleClass.method} prefixes;
   * the first step listing a frame wins), the rest to "other".
   *
   * @param file the recording
   * @param top how many methods and lines to show
   * @param only keep only samples whose stack contains a frame of a class starting with this
   * @param steps step name -> the {@code SimpleClass.method} prefixes of its frames, in the
   *     order they are tried; empty for no step table
   * @return a text table, or a line saying the recording is missing or empty
   * @throws IOException if the recording cannot be read
   */
  public static String summary(Path file, int top, String only, Map<String, List<String>> steps)
      throws IOException {
    if (!Files.exists(file)) {
      return "(no Flight Recorder recording at " + file + ")";
    }
    Map<String, Integer> methods = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> bySteps = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty() || frames.stream().noneMatch(
          f -> f.getMethod().getType().getName().startsWith(only))) {
        continue;
      }
      samples++;
      RecordedFrame f = frames.get(0);
      String method = simple(f.getMethod().getType().getName()) + "." + f.getMethod().getName();
      methods.merge(method, 1, Integer::sum);
      lines.merge(method + ":" + f.getLineNumber(), 1, Integer::sum);
      if (!steps.isEmpty()) {
        bySteps.merge(step(frames, steps), 1, Integer::sum);
      }
    }
    if (samples == 0) {
      return "(the recording has no samples of " + only + "*)";
    }
    StringBuilder sb = new StringBuilder();
    if (!steps.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%,d samples of the benchmark thread; by step:%n",
          samples));
      append(sb, bySteps, samples, steps.size() + 1);
      sb.append(String.format(Locale.ROOT, "%n"));
    }
    sb.append(String.format(Locale.ROOT,
        "%,d samples of the benchmark thread; self time by method:%n", samples));
    append(sb, methods, samples, top);
    sb.append(String.format(Locale.ROOT, "%nby line:%n"));
    append(sb, lines, samples, top);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Map<String, Integer> counts, int samples,
      int top) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(en -> sb.append(String.format(Locale.ROOT, "%6.1f%%  %s%n",
            100.0 * en.getValue() / samples, en.getKey())));
  }

  /** How many frames from the top {@link #step} looks at. */
  public static final int STEP_DEPTH = 8;

  private static String step(List<RecordedFrame> frames, Map<String, List<String>> steps) {
    for (int i = 0; i < Math.min(STEP_DEPTH, frames.size()); i++) {
      RecordedFrame f = frames.get(i);
      String method = simple(f.getMethod().getType().getName()) + "." + f.getMethod().getName();
      for (Map.Entry<String, List<String>> step : steps.entrySet()) {
        for (String prefix : step.getValue()) {
          if (method.startsWith(prefix)) {
            return step.getKey();
          }
        }
      }
    }
    return "other";
  }

  private static String simple(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }
}
