/**
 * Internal, not API: request events: the servlet filter that captures one event per HTTP
 * request, the identity and path rules, and the publisher that hands events to selfobs'
 * appenders.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal.request;

import org.jspecify.annotations.NullMarked;
