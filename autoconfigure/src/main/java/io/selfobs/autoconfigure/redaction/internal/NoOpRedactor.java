package io.selfobs.autoconfigure.redaction.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * The {@link Redactor} used when redaction is switched off: it changes nothing, and
 * records only the allow-listed headers. Internal, not API.
 */
public final class NoOpRedactor implements Redactor {

	private final Set<String> allowedHeaders;

	/**
	 * Create a redactor that changes nothing.
	 * @param allowedHeaders the request headers that may be recorded
	 */
	public NoOpRedactor(Collection<String> allowedHeaders) {
		this.allowedHeaders = PatternRedactor.lowerCase(allowedHeaders);
	}

	@Override
	public String redact(String freeText) {
		return freeText;
	}

	@Override
	public String redactValue(String key, String value) {
		return value;
	}

	@Override
	public boolean isSensitiveKey(String key) {
		return false;
	}

	@Override
	public String redactQuery(String rawQuery) {
		return rawQuery;
	}

	@Override
	public String redactUrl(String url) {
		return url;
	}

	@Override
	public boolean isAllowedHeader(String headerName) {
		return headerName != null && !this.allowedHeaders.isEmpty()
				&& this.allowedHeaders.contains(headerName.toLowerCase(Locale.ROOT));
	}

	@Override
	public Map<String, String> allowedHeaders(Map<String, String> headers) {
		Map<String, String> allowed = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (isAllowedHeader(name)) {
				allowed.put(name, value);
			}
		});
		return allowed;
	}

}
