/**
 * The RFC 7030 EST enrolment server.
 */
@NullMarked
package io.selfobs.sample.pki.est;

import org.jspecify.annotations.NullMarked;
