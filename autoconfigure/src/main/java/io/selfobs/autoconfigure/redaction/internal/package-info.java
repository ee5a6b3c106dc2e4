/**
 * Internal, not API: the default Redactor (key rules, value masking, replacements), the
 * mapping of the redaction properties onto it, and its use on meters and actuator values.
 */
@NullMarked
package io.selfobs.autoconfigure.redaction.internal;

import org.jspecify.annotations.NullMarked;
