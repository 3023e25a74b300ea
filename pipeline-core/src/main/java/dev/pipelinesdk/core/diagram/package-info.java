/** Stage diagrams of a definition as Mermaid or Graphviz DOT text. */
@NullMarked
package dev.pipelinesdk.core.diagram;

import org.jspecify.annotations.NullMarked;
