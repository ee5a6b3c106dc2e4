/**
 * The CA the EST server enrolls with: this instance's own, in process, or another
 * instance's CA API.
 */
@NullMarked
package io.selfobs.sample.pki.est.authority;

import org.jspecify.annotations.NullMarked;
