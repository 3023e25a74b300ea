/**
 * The {@code pipeline} command line: {@code tour}, {@code generate}, {@code metrics}, {@code
 * report} and {@code diagram}. {@link dev.pipelinesdk.examples.cli.PipelineCli} is the main class
 * of {@code pipeline.jar}; a new command is a class with picocli's {@code @Command} added to its
 * list of subcommands.
 */
package dev.pipelinesdk.examples.cli;
