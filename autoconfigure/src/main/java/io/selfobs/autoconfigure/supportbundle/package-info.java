/**
 * The support bundle: a bounded, redacted zip of the service's state that an operator
 * downloads from the {@code supportbundle} actuator endpoint and shares when they choose.
 */
@NullMarked
package io.selfobs.autoconfigure.supportbundle;

import org.jspecify.annotations.NullMarked;
