/**
 * The device inventory: registered devices, their status and the certificates issued to
 * them.
 */
@NullMarked
package io.selfobs.sample.pki.device;

import org.jspecify.annotations.NullMarked;
