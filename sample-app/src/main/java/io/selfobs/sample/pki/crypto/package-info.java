/**
 * The crypto engine: where CA keys are generated, kept encrypted at rest and sign.
 */
@NullMarked
package io.selfobs.sample.pki.crypto;

import org.jspecify.annotations.NullMarked;
