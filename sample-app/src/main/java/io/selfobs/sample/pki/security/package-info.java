/**
 * Authentication of the sample's clients (service tokens, EST credentials) and its
 * security events.
 */
@NullMarked
package io.selfobs.sample.pki.security;

import org.jspecify.annotations.NullMarked;
