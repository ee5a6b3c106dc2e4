/**
 * Internal, not API: ECS field writing shared by the ECS encoder and request events:
 * field names taken by the encoder, typed and redacted fields, service fields.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.internal.ecs;

import org.jspecify.annotations.NullMarked;
