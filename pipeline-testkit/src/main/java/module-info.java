/**
 * Pipeline SDK testkit: tools for testing code built on the SDK. So far a manual clock;
 * generators and rule contracts (QuickTheories, JUnit 5) follow.
 */
module dev.pipelinesdk.testkit {
  requires transitive dev.pipelinesdk.core;
  requires static org.jspecify;

  exports dev.pipelinesdk.testkit;
}
