/**
 * The certificate authority slice: CAs, issuance, revocation and CRLs.
 */
@NullMarked
package io.selfobs.sample.pki.ca;

import org.jspecify.annotations.NullMarked;
