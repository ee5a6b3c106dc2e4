/**
 * Internal, not API: the value detectors that find secrets in free text (private keys,
 * tokens, credentials in URLs and key=value pairs, card numbers, custom patterns).
 */
@NullMarked
package io.selfobs.autoconfigure.redaction.internal.detector;

import org.jspecify.annotations.NullMarked;
