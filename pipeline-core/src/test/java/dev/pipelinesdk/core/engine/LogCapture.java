package dev.pipelinesdk.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what slf4j-simple writes while it is open, so expected warnings (with their stack
 * traces) are asserted on instead of printed into the build log. slf4j-simple's default target,
 * {@code System.err}, is looked up on every write, so swapping the stream is enough.
 */
final class LogCapture implements AutoCloseable {
  private static final Object LOCK = new Object();
  private final PrintStream previous;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private LogCapture() {
    synchronized (LOCK) {
      previous = System.err;
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }
  }

  /** {@return a capture that runs until closed} */
  static LogCapture start() {
    return new LogCapture();
  }

  /** {@return everything logged so far} */
  String text() {
    System.err.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      System.setErr(previous);
    }
  }
}
