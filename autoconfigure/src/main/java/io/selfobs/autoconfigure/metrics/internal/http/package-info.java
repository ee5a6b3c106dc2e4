/**
 * Internal, not API: HTTP server and client observation conventions with the stable HTTP
 * semantic conventions' names and attributes.
 */
@NullMarked
package io.selfobs.autoconfigure.metrics.internal.http;

import org.jspecify.annotations.NullMarked;
