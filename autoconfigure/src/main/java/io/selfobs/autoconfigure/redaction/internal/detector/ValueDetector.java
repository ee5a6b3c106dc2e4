package io.selfobs.autoconfigure.redaction.internal.detector;

import io.selfobs.autoconfigure.redaction.internal.Replacement;

/**
 * Finds one kind of secret in free text. Internal, not API.
 */
public interface ValueDetector {

	/**
	 * Replace every secret of this kind.
	 * @param text the text, never {@code null}
	 * @param replacement what secrets are replaced with
	 * @return the text itself when nothing was found, else a redacted copy
	 */
	String redact(String text, Replacement replacement);

}
