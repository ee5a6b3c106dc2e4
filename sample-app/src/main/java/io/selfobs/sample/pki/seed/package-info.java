/**
 * What the quick start needs, created once on first start.
 */
@NullMarked
package io.selfobs.sample.pki.seed;

import org.jspecify.annotations.NullMarked;
