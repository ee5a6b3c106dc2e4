/**
 * Internal, not API: the rules, detectors and maskers behind the default Redactor, and
 * its use on meters and actuator values.
 */
@NullMarked
package io.selfobs.autoconfigure.redaction.internal;

import org.jspecify.annotations.NullMarked;
