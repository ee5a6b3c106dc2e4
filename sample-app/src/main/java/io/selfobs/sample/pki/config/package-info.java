/**
 * Settings per slice, the role switches, and the checks that stop startup on invalid
 * values.
 */
@NullMarked
package io.selfobs.sample.pki.config;

import org.jspecify.annotations.NullMarked;
