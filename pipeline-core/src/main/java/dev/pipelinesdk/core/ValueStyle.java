package dev.pipelinesdk.core;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.Var;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this module (source retention, applied in {@code package-info.java}).
 * Generated implementations are package-private; users only see the abstract value types and
 * their nested {@code Builder}. No {@code copy} methods: the {@code withX} methods Immutables would
 * generate live on the package-private implementation, where users cannot reach them.
 *
 * <p>{@code allowedClasspathAnnotations} lists the annotations Immutables may add because it finds
 * them on the classpath. It leaves out {@code org.immutables.value.Generated}: that one has class
 * retention and lives in {@code value-annotations}, which is compile-time only here, so every
 * module compiled against core (ours and our users') would get "Cannot find annotation method
 * 'from()'" warnings. The source-retention {@code javax.annotation.processing.Generated} still
 * marks the generated code; Error Prone's annotations resolve wherever Guava does.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    depluralize = true,
    allowedClasspathAnnotations = {
      javax.annotation.processing.Generated.class,
      CanIgnoreReturnValue.class,
      Var.class
    })
@interface ValueStyle {}
