package io.selfobs.sample.pki.ca;

/**
 * Life cycle of a CA. A deleted CA is kept (its certificates stay auditable) but signs
 * nothing more.
 */
public enum CaStatus {

	ACTIVE, DELETED

}
