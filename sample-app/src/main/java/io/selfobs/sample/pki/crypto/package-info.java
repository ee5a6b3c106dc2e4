/**
 * Key, CSR and certificate helpers the CA and EST slices share.
 */
@NullMarked
package io.selfobs.sample.pki.crypto;

import org.jspecify.annotations.NullMarked;
