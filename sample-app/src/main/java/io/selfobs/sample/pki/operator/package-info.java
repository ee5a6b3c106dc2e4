/**
 * Access to the operator pages (System Health, support bundle) on the management port.
 */
@NullMarked
package io.selfobs.sample.pki.operator;

import org.jspecify.annotations.NullMarked;
