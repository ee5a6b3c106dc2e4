/**
 * The RFC 7030 EST enrollment protocol: its endpoints, operations and the failures they
 * answer with.
 */
@NullMarked
package io.selfobs.sample.pki.est;

import org.jspecify.annotations.NullMarked;
