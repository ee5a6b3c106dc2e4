/**
 * The certificate authority slice: the life cycle of CAs, the CA API and the CA meters.
 */
@NullMarked
package io.selfobs.sample.pki.ca;

import org.jspecify.annotations.NullMarked;
