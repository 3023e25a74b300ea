package dev.pipelinesdk.core.internal;

/**
 * The one policy for a throwable that user code (a guard, a listener) throws into the engine:
 * every throwable is caught and reported as that code's failure, except the JVM's fatal errors,
 * which are rethrown as they are: {@link VirtualMachineError}s other than {@link
 * StackOverflowError} (that is {@link OutOfMemoryError}, {@link InternalError}, {@link
 * UnknownError}) and {@link ThreadDeath}. A stack overflow is the user code's own recursion and
 * unwinds cleanly, so it is caught. A caught {@link InterruptedException} (thrown sneakily, as a
 * guard cannot declare it) restores the thread's interrupt flag, so the caller still sees the
 * interruption.
 */
public final class Throwables {
  private Throwables() {}

  /**
   * Applies the policy to a throwable that user code threw: rethrows it if it is fatal, restores
   * the interrupt flag if it is an interruption, and otherwise returns so the caller reports it.
   *
   * @param t the throwable caught
   * @throws VirtualMachineError (other than StackOverflowError) or ThreadDeath: {@code t} itself
   */
  @SuppressWarnings("removal") // ThreadDeath: still thrown by Thread.stop on JDK 17
  public static void absorb(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
    if (t instanceof ThreadDeath) {
      throw (ThreadDeath) t;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A one-line description: the class name and, if any, the message.
   *
   * @param t the throwable
   * @return for example {@code java.lang.AssertionError: expected x}
   */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getName() + (message == null ? "" : ": " + message);
  }
}
