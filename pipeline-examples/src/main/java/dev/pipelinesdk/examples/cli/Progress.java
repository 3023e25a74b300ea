package dev.pipelinesdk.examples.cli;

/** Progress on stderr, only when it is a terminal; quiet otherwise (pipes, files, tests). */
final class Progress {
  private Progress() {}

  static void show(String what) {
    if (System.console() != null) {
      System.err.print("\r" + what + "...");
      System.err.flush();
    }
  }

  static void done() {
    if (System.console() != null) {
      System.err.print("\r\033[K");
      System.err.flush();
    }
  }
}
