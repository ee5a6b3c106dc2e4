/**
 * Redaction of secrets and personal data in every signal: the Redactor, its builder and
 * the customizer hook users implement.
 */
@NullMarked
package io.selfobs.autoconfigure.redaction;

import org.jspecify.annotations.NullMarked;
