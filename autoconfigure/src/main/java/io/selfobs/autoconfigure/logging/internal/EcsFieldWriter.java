package io.selfobs.autoconfigure.logging.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import co.elastic.logging.JsonUtils;
import io.selfobs.autoconfigure.redaction.Redactor;

/**
 * Appends fields to one ECS JSON line, each key at most once. A key is also refused when it would clash with
 * an object path already written ({@code service} next to {@code service.name}, or {@code message.x} next to
 * {@code message}), so one line never maps a name both as a value and as an object. Numbers and booleans stay
 * JSON numbers and booleans; text is redacted by key.
 */
final class EcsFieldWriter {

	private final StringBuilder json;

	private final Redactor redactor;

	private final Set<String> keys = new HashSet<>();

	private final Set<String> objectPaths = new HashSet<>();

	EcsFieldWriter(StringBuilder json, Redactor redactor, Collection<String> written) {
		this.json = json;
		this.redactor = redactor;
		written.forEach(this::claim);
	}

	/**
	 * Write a text field unless its key is taken or the value is null; the value is not redacted.
	 */
	void plain(String key, String value) {
		if (value != null && claim(key)) {
			appendKey(key);
			appendString(value);
			this.json.append(',');
		}
	}

	/**
	 * Write a field of any type unless its key is taken or the value is null.
	 */
	void value(String key, Object value) {
		if (value != null && claim(key)) {
			appendKey(key);
			appendValue(key, value);
			this.json.append(',');
		}
	}

	private boolean claim(String key) {
		if (key == null || key.isEmpty() || this.keys.contains(key) || this.objectPaths.contains(key)) {
			return false;
		}
		for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
			if (this.keys.contains(key.substring(0, dot))) {
				return false;
			}
		}
		this.keys.add(key);
		for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
			this.objectPaths.add(key.substring(0, dot));
		}
		return true;
	}

	private void appendKey(String key) {
		appendString(key);
		this.json.append(':');
	}

	private void appendValue(String key, Object value) {
		if (value instanceof Boolean) {
			this.json.append(value);
		}
		else if (isJsonNumber(value)) {
			String text = (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
			String redacted = this.redactor.redactValue(key, text);
			if (text.equals(redacted)) {
				this.json.append(text);
			}
			else {
				appendString(redacted);
			}
		}
		else if (value instanceof Collection<?> collection) {
			appendArray(key, collection.toArray());
		}
		else if (value instanceof Object[] array) {
			appendArray(key, array);
		}
		else {
			appendString(this.redactor.redactValue(key, String.valueOf(value)));
		}
	}

	private void appendArray(String key, Object[] items) {
		this.json.append('[');
		for (int i = 0; i < items.length; i++) {
			if (i > 0) {
				this.json.append(',');
			}
			if (items[i] == null || items[i] instanceof Collection<?> || items[i] instanceof Object[]) {
				appendString(this.redactor.redactValue(key, String.valueOf(items[i])));
			}
			else {
				appendValue(key, items[i]);
			}
		}
		this.json.append(']');
	}

	private void appendString(String text) {
		this.json.append('"');
		JsonUtils.quoteAsString(text, this.json);
		this.json.append('"');
	}

	private static boolean isJsonNumber(Object value) {
		if (value instanceof Double number) {
			return Double.isFinite(number);
		}
		if (value instanceof Float number) {
			return Float.isFinite(number);
		}
		return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof BigDecimal;
	}

}
