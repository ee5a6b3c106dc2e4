/**
 * The certificates a CA issues: signing a CSR, lookup, revocation and the CRLs that
 * publish revocations.
 */
@NullMarked
package io.selfobs.sample.pki.ca.certificate;

import org.jspecify.annotations.NullMarked;
