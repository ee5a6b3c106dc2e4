/**
 * The dedicated HTTPS connector EST is served on, its TLS material and the filter that
 * keeps it to EST.
 */
@NullMarked
package io.selfobs.sample.pki.est.server;

import org.jspecify.annotations.NullMarked;
