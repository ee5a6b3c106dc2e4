/**
 * The ECS JSON encoder, for applications that configure logback with their own XML:
 * {@code <encoder class="io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder"/>}.
 */
@NullMarked
package io.selfobs.autoconfigure.logging.ecs;

import org.jspecify.annotations.NullMarked;
