/**
 * X.509 certificates, CRLs and PKCS#10 requests: building, parsing, policy checks and PEM
 * encoding.
 */
@NullMarked
package io.selfobs.sample.pki.crypto.x509;

import org.jspecify.annotations.NullMarked;
