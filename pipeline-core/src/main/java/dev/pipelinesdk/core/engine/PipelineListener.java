package dev.pipelinesdk.core.engine;

/**
 * Notified after the engine accepted a change that produced events (not after rejections, not
 * after no-op commands). Listeners run on the caller's thread, in registration order, after the
 * outcome is final: a listener that throws does not undo or hide the change. Whatever it throws
 * (an exception, an {@link AssertionError}, a {@link StackOverflowError}, a checked exception
 * thrown sneakily) is logged (SLF4J, WARN, logger {@code dev.pipelinesdk.core.engine.Pipeline}),
 * the next listener runs and the caller gets the accepted outcome. Only the JVM's fatal errors
 * propagate: {@link VirtualMachineError}s other than {@code StackOverflowError} ({@link
 * OutOfMemoryError}, {@link InternalError}, {@link UnknownError}) and {@link ThreadDeath}; a
 * caught {@link InterruptedException} restores the thread's interrupt flag. Implementations must
 * be thread-safe when the pipeline is shared.
 *
 * <p>Also a service: {@link Pipeline.Builder#loadListeners()} adds every listener found with
 * {@link java.util.ServiceLoader}.
 */
@FunctionalInterface
public interface PipelineListener {

  /**
   * Called once per accepted change.
   *
   * @param outcome the accepted outcome, with the events
   * @param request who asked
   */
  void onAccepted(Outcome.Accepted outcome, Request request);
}
