package io.selfobs.autoconfigure.logging.internal.ecs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import co.elastic.logging.JsonUtils;
import io.selfobs.autoconfigure.logging.internal.request.RequestEvent;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * Appends fields to one ECS JSON line, each key at most once. A key is also refused when
 * it would clash with an object path already written ({@code service} next to
 * {@code service.name}, or {@code message.x} next to {@code message}), so one line never
 * maps a name both as a value and as an object. Numbers and booleans stay JSON numbers
 * and booleans; text is redacted by key. Internal, not API.
 */
public final class EcsFieldWriter implements RequestEvent.Fields {

	private StringBuilder json;

	private Redactor redactor;

	private final EcsFieldNames taken;

	/**
	 * The keys this writer wrote. A line carries tens of fields: comparing with each
	 * beats hashing the key and every dotted prefix of it, and allocates nothing.
	 */
	private String[] written = new String[16];

	private int writtenCount;

	public EcsFieldWriter(StringBuilder json, Redactor redactor, EcsFieldNames taken) {
		this.json = json;
		this.redactor = redactor;
		this.taken = taken;
	}

	/**
	 * Start another line with this writer (one thread's writer, reused line after line).
	 * @param json where the line goes
	 * @param redactor the redactor
	 * @return this writer, with no key written
	 */
	public EcsFieldWriter reset(StringBuilder json, Redactor redactor) {
		this.json = json;
		this.redactor = redactor;
		Arrays.fill(this.written, 0, this.writtenCount, null);
		this.writtenCount = 0;
		return this;
	}

	/**
	 * Write a text field unless its key is taken or the value is null; the value is not
	 * redacted.
	 */
	public void plain(String key, @Nullable String value) {
		if (value != null && claim(key)) {
			appendKey(key);
			appendString(value);
			this.json.append(',');
		}
	}

	/**
	 * Write a field of any type unless its key is taken or the value is null.
	 */
	public void value(String key, @Nullable Object value) {
		if (value != null && claim(key)) {
			appendKey(key);
			appendValue(key, value);
			this.json.append(',');
		}
	}

	/**
	 * A request event's text field, redacted by key.
	 */
	@Override
	public void string(String key, String value) {
		value(key, value);
	}

	/**
	 * A request event's number: its keys are selfobs' own, never a secret's, so it is not
	 * redacted.
	 */
	@Override
	public void number(String key, long value) {
		if (claim(key)) {
			appendKey(key);
			this.json.append(value).append(',');
		}
	}

	@Override
	public void strings(String key, List<String> values) {
		value(key, values);
	}

	/**
	 * A request event's constant text (selfobs' own, never a secret): not redacted.
	 */
	@Override
	public void constant(String key, String value) {
		plain(key, value);
	}

	/**
	 * A request event's constant list (selfobs' own, never a secret): not redacted.
	 */
	@Override
	public void constants(String key, List<String> values) {
		if (claim(key)) {
			appendKey(key);
			this.json.append('[');
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					this.json.append(',');
				}
				appendString(values.get(i));
			}
			this.json.append("],");
		}
	}

	private boolean claim(String key) {
		if (key == null || key.isEmpty() || this.taken.clashWith(key)) {
			return false;
		}
		for (int i = 0; i < this.writtenCount; i++) {
			String other = this.written[i];
			if (key.equals(other) || isObjectPathOf(key, other) || isObjectPathOf(other, key)) {
				return false;
			}
		}
		if (this.writtenCount == this.written.length) {
			this.written = Arrays.copyOf(this.written, this.writtenCount * 2);
		}
		this.written[this.writtenCount++] = key;
		return true;
	}

	/**
	 * Whether {@code path} is a dotted prefix of {@code key} ({@code a.b} of
	 * {@code a.b.c}), the way {@link EcsFieldNames#dottedPrefixes} splits keys (none for
	 * a key starting with a dot).
	 */
	private static boolean isObjectPathOf(String path, String key) {
		int length = path.length();
		return key.length() > length && key.charAt(length) == '.' && path.charAt(0) != '.' && key.startsWith(path);
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
		else if (value instanceof List<?> list) {
			appendList(key, list);
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

	private void appendList(String key, List<?> items) {
		this.json.append('[');
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				this.json.append(',');
			}
			appendItem(key, items.get(i));
		}
		this.json.append(']');
	}

	private void appendItem(String key, @Nullable Object item) {
		if (item == null || item instanceof Collection<?> || item instanceof Object[]) {
			appendString(this.redactor.redactValue(key, String.valueOf(item)));
		}
		else {
			appendValue(key, item);
		}
	}

	private void appendArray(String key, Object[] items) {
		this.json.append('[');
		for (int i = 0; i < items.length; i++) {
			if (i > 0) {
				this.json.append(',');
			}
			appendItem(key, items[i]);
		}
		this.json.append(']');
	}

	private void appendString(String text) {
		this.json.append('"');
		appendEscaped(this.json, text);
		this.json.append('"');
	}

	/**
	 * Append text as the inside of a JSON string, exactly as ecs-logging's
	 * {@link JsonUtils#quoteAsString} escapes it.
	 * @param json where the text goes
	 * @param text the text
	 */
	public static void appendEscaped(StringBuilder json, String text) {
		if (needsEscaping(text)) {
			JsonUtils.quoteAsString(text, json);
		}
		else {
			// Almost every value: one bulk copy instead of a char-by-char append
			json.append(text);
		}
	}

	/**
	 * Whether JSON needs any character of the text escaped: a control character, a quote
	 * or a backslash (what {@link JsonUtils#quoteAsString} escapes; it passes every other
	 * character, non-ASCII included, as it is).
	 */
	static boolean needsEscaping(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\') {
				return true;
			}
		}
		return false;
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
