/**
 * Internal, not API: the console pipeline: the asynchronous console appender and its
 * bounded queue, the text and ECS encoders put on it, and the drop counts.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal.console;

import org.jspecify.annotations.NullMarked;
