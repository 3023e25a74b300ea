package dev.pipelinesdk.core;

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
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = false),
    depluralize = true)
@interface ValueStyle {}
