package io.selfobs.autoconfigure.supportbundle;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A small JSON writer for the bundle's documents, so the bundle needs no JSON library.
 * Internal, not API.
 */
final class Json {

	private Json() {
	}

	static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder(1024);
		write(json, value, 0);
		return json.append('\n').toString();
	}

	private static void write(StringBuilder json, @Nullable Object value, int indent) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				json.append("{}");
				return;
			}
			json.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				indent(json, indent + 1);
				string(json, String.valueOf(entry.getKey()));
				json.append(": ");
				write(json, entry.getValue(), indent + 1);
				json.append((++i < map.size()) ? ",\n" : "\n");
			}
			indent(json, indent);
			json.append('}');
		}
		else if (value instanceof Iterable<?> list) {
			json.append('[');
			boolean first = true;
			for (Object item : list) {
				json.append(first ? "\n" : ",\n");
				indent(json, indent + 1);
				write(json, item, indent + 1);
				first = false;
			}
			if (!first) {
				json.append('\n');
				indent(json, indent);
			}
			json.append(']');
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			json.append(value);
		}
		else if (value instanceof Number number) {
			double d = number.doubleValue();
			json.append(Double.isFinite(d) ? number.toString() : "null");
		}
		else {
			string(json, value.toString());
		}
	}

	private static void indent(StringBuilder json, int indent) {
		json.append("  ".repeat(indent));
	}

	private static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
