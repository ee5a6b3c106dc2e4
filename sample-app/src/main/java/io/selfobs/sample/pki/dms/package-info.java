/**
 * Enrolment profiles (DMS): which CA issues, how devices authenticate, whether they must
 * be registered.
 */
@NullMarked
package io.selfobs.sample.pki.dms;

import org.jspecify.annotations.NullMarked;
