package io.selfobs.autoconfigure.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks log lines against the ecs-logging specification ({@code shared/ecs/spec.json}
 * beside the project): one JSON object per line, no duplicate keys, required fields,
 * field order ({@code @timestamp}, {@code log.level}, {@code message} first), types,
 * top-level dotted fields and {@code labels} keys; plus the ECS types of the fields
 * selfobs adds (numbers are JSON numbers, {@code event.category} an array, ...).
 */
public final class EcsLogValidator {

	/**
	 * The ECS types of fields selfobs writes beyond the ecs-logging specification.
	 */
	static final Map<String, String> SELFOBS_FIELDS = Map.ofEntries(Map.entry("http.response.status_code", "integer"),
			Map.entry("event.duration", "integer"), Map.entry("http.request.body.bytes", "integer"),
			Map.entry("http.response.body.bytes", "integer"), Map.entry("http.request.method", "string"),
			Map.entry("url.path", "string"), Map.entry("url.query", "string"), Map.entry("client.address", "string"),
			Map.entry("client.ip", "string"), Map.entry("user_agent.original", "string"),
			Map.entry("user.id", "string"), Map.entry("organization.id", "string"), Map.entry("span.id", "string"),
			Map.entry("event.kind", "string"), Map.entry("event.outcome", "string"),
			Map.entry("event.category", "string[]"), Map.entry("event.type", "string[]"),
			Map.entry("tags", "string[]"));

	private static final Set<String> OUTCOMES = Set.of("success", "failure", "unknown");

	private final JsonMapper mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	private final Map<String, Field> fields;

	private EcsLogValidator(Map<String, Field> fields) {
		this.fields = fields;
	}

	/**
	 * Load the specification from {@code ../shared/ecs/spec.json} relative to the project
	 * root, found from the Maven module directory the tests run in.
	 * @return the validator
	 */
	public static EcsLogValidator load() {
		return load(specPath());
	}

	/**
	 * Load the specification from a file, for builds that do not run inside this
	 * project's directory.
	 * @param spec the {@code spec.json} file
	 * @return the validator
	 */
	public static EcsLogValidator load(Path spec) {
		if (!Files.isRegularFile(spec)) {
			throw new IllegalStateException("The ecs-logging spec is missing at " + spec.toAbsolutePath().normalize()
					+ ": the tests expect shared/ecs/spec.json beside the project directory (as CI clones it)");
		}
		try {
			JsonNode root = JsonMapper.builder().build().readTree(Files.readString(spec));
			Map<String, Field> fields = new LinkedHashMap<>();
			root.get("fields").properties().forEach((entry) -> fields.put(entry.getKey(), Field.of(entry.getValue())));
			return new EcsLogValidator(fields);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the ecs-logging spec at " + spec, ex);
		}
	}

	private static Path specPath() {
		Path fromModule = Path.of("..", "..", "shared", "ecs", "spec.json");
		Path fromRoot = Path.of("..", "shared", "ecs", "spec.json");
		return (Files.isRegularFile(fromModule) || !Files.isRegularFile(fromRoot)) ? fromModule : fromRoot;
	}

	/**
	 * Validate every non-blank line.
	 * @param output captured stdout
	 * @return the parsed lines, in order
	 * @throws AssertionError listing every offending line and why
	 */
	public List<JsonNode> validateLines(String output) {
		List<JsonNode> documents = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (String line : output.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			try {
				documents.add(validate(line));
			}
			catch (AssertionError ex) {
				problems.add(ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new AssertionError(
					problems.size() + " line(s) break the ecs-logging spec:\n" + String.join("\n", problems));
		}
		return documents;
	}

	/**
	 * Validate one line.
	 * @param line the line
	 * @return the parsed document
	 * @throws AssertionError naming the line and what is wrong
	 */
	public JsonNode validate(String line) {
		JsonNode document;
		try {
			document = this.mapper.readTree(line);
		}
		catch (JacksonException ex) {
			throw new AssertionError(
					"not one JSON document without duplicate keys (" + ex.getOriginalMessage() + "): " + line);
		}
		List<String> problems = new ArrayList<>();
		if (document == null || !document.isObject()) {
			throw new AssertionError("not a JSON object: " + line);
		}
		List<String> keys = new ArrayList<>(document.propertyNames());
		this.fields.forEach((name, field) -> checkSpecField(document, keys, name, field, problems));
		SELFOBS_FIELDS.forEach((name, type) -> {
			if (document.has(name) && !hasType(document.get(name), type)) {
				problems.add("'" + name + "' must be of type " + type + " but is " + document.get(name));
			}
		});
		if (document.has("event.outcome") && !OUTCOMES.contains(document.get("event.outcome").asString())) {
			problems.add("'event.outcome' must be one of " + OUTCOMES);
		}
		checkObjectClashes(keys, problems);
		if (!problems.isEmpty()) {
			throw new AssertionError(String.join("; ", problems) + ": " + line);
		}
		return document;
	}

	private void checkSpecField(JsonNode document, List<String> keys, String name, Field field, List<String> problems) {
		JsonNode value = document.get(name);
		if (value == null) {
			if (field.required) {
				problems.add("required field '" + name + "' is missing");
			}
			if (field.topLevel && nestedValue(document, name) != null) {
				problems.add("'" + name + "' must be a top-level dotted key, not a nested object");
			}
			return;
		}
		if (!hasType(value, field.type)) {
			problems.add("'" + name + "' must be of type " + field.type + " but is " + value);
		}
		if (field.index >= 0 && (field.index >= keys.size() || !name.equals(keys.get(field.index)))) {
			problems.add("'" + name + "' must be field number " + field.index + " but the keys are " + keys);
		}
		if ("labels".equals(name) && value.isObject()) {
			for (String key : value.propertyNames()) {
				for (String forbidden : field.forbiddenKeyCharacters) {
					if (key.contains(forbidden)) {
						problems.add("labels key '" + key + "' contains '" + forbidden + "'");
					}
				}
			}
		}
	}

	private static JsonNode nestedValue(JsonNode document, String dotted) {
		JsonNode current = document;
		for (String part : dotted.split("\\.")) {
			current = (current != null && current.isObject()) ? current.get(part) : null;
		}
		return current;
	}

	/**
	 * One name must not be both a value and an object path on one line ({@code service}
	 * and {@code service.name}): Elasticsearch would reject the document.
	 */
	private static void checkObjectClashes(List<String> keys, List<String> problems) {
		Set<String> all = new HashSet<>(keys);
		for (String key : keys) {
			for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
				if (all.contains(key.substring(0, dot))) {
					problems.add("'" + key.substring(0, dot) + "' is both a value and the object of '" + key + "'");
				}
			}
		}
	}

	private static boolean hasType(JsonNode value, String type) {
		return switch (type) {
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber();
			case "object" -> value.isObject();
			case "string[]" -> value.isArray() && allStrings(value);
			case "datetime" -> value.isString() && isTimestamp(value.asString());
			default -> true;
		};
	}

	private static boolean allStrings(JsonNode array) {
		for (JsonNode item : array) {
			if (!item.isString()) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTimestamp(String text) {
		try {
			OffsetDateTime.parse(text);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private record Field(String type, boolean required, int index, boolean topLevel,
			List<String> forbiddenKeyCharacters) {

		static Field of(JsonNode spec) {
			List<String> forbidden = new ArrayList<>();
			JsonNode replacements = spec.path("sanitization").path("key").path("replacements");
			replacements.forEach((item) -> forbidden.add(item.asString()));
			return new Field(spec.path("type").asString(""), spec.path("required").asBoolean(false),
					spec.has("index") ? spec.get("index").asInt() : -1, spec.path("top_level_field").asBoolean(false),
					forbidden);
		}

	}

}
