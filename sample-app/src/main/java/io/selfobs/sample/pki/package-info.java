/**
 * The sample PKI service: a CA API and an RFC 7030 EST server, observed by selfobs.
 */
@NullMarked
package io.selfobs.sample.pki;

import org.jspecify.annotations.NullMarked;
