/**
 * Deciding and recording an enrollment: client authentication, the request policy,
 * signing with the CA and the funnel meters.
 */
@NullMarked
package io.selfobs.sample.pki.est.enrollment;

import org.jspecify.annotations.NullMarked;
