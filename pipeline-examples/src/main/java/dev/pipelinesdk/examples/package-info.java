/** Runnable examples: each class is a small program to read top to bottom. */
package dev.pipelinesdk.examples;
