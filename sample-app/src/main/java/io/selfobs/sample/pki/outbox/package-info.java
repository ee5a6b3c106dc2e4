/**
 * The transactional outbox: events committed with the change that caused them, delivered
 * to webhooks.
 */
@NullMarked
package io.selfobs.sample.pki.outbox;

import org.jspecify.annotations.NullMarked;
