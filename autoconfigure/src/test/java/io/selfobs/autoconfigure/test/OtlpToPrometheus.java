package io.selfobs.autoconfigure.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;

/**
 * The standard OTLP → Prometheus translation (OpenTelemetry's Prometheus compatibility
 * specification, as implemented by Prometheus' OTLP receiver and the collector's
 * Prometheus exporter with suffixes on): metric names split into tokens of
 * {@code [a-zA-Z0-9:]}, the unit (UCUM abbreviations spelled out, {@code {…}} annotations
 * dropped, {@code a/b} as {@code a_per_b}) appended unless it is already one of the
 * tokens, {@code total} moved to the end of monotonic sums, {@code ratio} appended to
 * gauges in unit {@code 1}; histograms as {@code _bucket}/{@code _sum}/{@code _count},
 * summaries as quantiles, {@code _sum} and {@code _count}; attribute keys with every
 * other character replaced by {@code _}. Resource attributes (which become
 * {@code target_info}, {@code job} and {@code instance}) are left out.
 * <p>
 * Series are compared as Prometheus stores them: a label with an empty value is no label,
 * and {@code le} and {@code quantile} values are compared as numbers (Prometheus
 * normalises {@code 1} and {@code 1.0} alike).
 */
public final class OtlpToPrometheus {

	private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("d", "days"), Map.entry("h", "hours"),
			Map.entry("min", "minutes"), Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"),
			Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"), Map.entry("By", "bytes"),
			Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"),
			Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"),
			Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"), Map.entry("m", "meters"),
			Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"), Map.entry("W", "watts"),
			Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"), Map.entry("1", ""),
			Map.entry("%", "percent"));

	private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour", "d", "day",
			"w", "week", "mo", "month", "y", "year");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+.*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private OtlpToPrometheus() {
	}

	/**
	 * The Prometheus series one OTLP export request becomes.
	 * @param request what the collector received
	 * @return each series as {@code name{label="value",...}}, labels sorted
	 */
	public static Set<String> series(ExportMetricsServiceRequest request) {
		Set<String> series = new TreeSet<>();
		for (ResourceMetrics resource : request.getResourceMetricsList()) {
			for (ScopeMetrics scope : resource.getScopeMetricsList()) {
				for (Metric metric : scope.getMetricsList()) {
					addSeries(metric, series);
				}
			}
		}
		return series;
	}

	/**
	 * The series of a Prometheus text exposition (0.0.4).
	 * @param exposition the scrape
	 * @return each series as {@code name{label="value",...}}, labels sorted
	 */
	public static Set<String> series(String exposition) {
		Set<String> series = new TreeSet<>();
		for (String line : exposition.split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.matches()) {
				continue;
			}
			Map<String, String> labels = new TreeMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			series.add(key(sample.group(1), labels));
		}
		return series;
	}

	/**
	 * The Prometheus metric name of an OTLP metric.
	 * @param name the OTLP name
	 * @param unit the OTLP unit
	 * @param monotonicCounter whether it is a monotonic sum
	 * @param gauge whether it is a gauge (or a non-monotonic sum)
	 * @return the name
	 */
	public static String metricName(String name, String unit, boolean monotonicCounter, boolean gauge) {
		List<String> tokens = new ArrayList<>(
				Arrays.stream(name.split("[^a-zA-Z0-9:]+")).filter((t) -> !t.isEmpty()).toList());
		String main = "";
		String per = "";
		if (unit != null && !unit.isEmpty() && !unit.contains("{")) {
			String[] parts = unit.split("/", 2);
			main = cleanUnit(UNITS.getOrDefault(parts[0].trim(), parts[0].trim()));
			if (parts.length == 2) {
				String perUnit = parts[1].trim();
				per = cleanUnit(PER_UNITS.getOrDefault(perUnit, perUnit));
				per = per.isEmpty() ? "" : "per_" + per;
			}
		}
		if (!main.isEmpty() && !tokens.contains(main)) {
			tokens.add(main);
		}
		if (!per.isEmpty() && !tokens.contains(per)) {
			tokens.add(per);
		}
		if (monotonicCounter) {
			tokens.removeIf("total"::equals);
			tokens.add("total");
		}
		if ("1".equals(unit) && gauge) {
			tokens.removeIf("ratio"::equals);
			tokens.add("ratio");
		}
		String joined = String.join("_", tokens);
		return (!joined.isEmpty() && Character.isDigit(joined.charAt(0))) ? "_" + joined : joined;
	}

	private static String cleanUnit(String unit) {
		return String.join("_", Arrays.stream(unit.split("[^a-zA-Z0-9]+")).filter((t) -> !t.isEmpty()).toList());
	}

	/**
	 * The Prometheus label name of an OTLP attribute key.
	 * @param key the attribute key
	 * @return the label name
	 */
	public static String labelName(String key) {
		String sanitized = key.replaceAll("[^a-zA-Z0-9_]", "_");
		if (Character.isDigit(sanitized.charAt(0))) {
			return "key_" + sanitized;
		}
		if (sanitized.startsWith("_") && !sanitized.startsWith("__")) {
			return "key" + sanitized;
		}
		return sanitized;
	}

	private static void addSeries(Metric metric, Set<String> series) {
		switch (metric.getDataCase()) {
			case GAUGE -> {
				String name = metricName(metric.getName(), metric.getUnit(), false, true);
				for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
					series.add(key(name, labels(point.getAttributesList())));
				}
			}
			case SUM -> {
				boolean monotonic = metric.getSum().getIsMonotonic();
				String name = metricName(metric.getName(), metric.getUnit(), monotonic, !monotonic);
				for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
					series.add(key(name, labels(point.getAttributesList())));
				}
			}
			case HISTOGRAM -> {
				String name = metricName(metric.getName(), metric.getUnit(), false, false);
				for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
					Map<String, String> labels = labels(point.getAttributesList());
					for (double bound : point.getExplicitBoundsList()) {
						series.add(key(name + "_bucket", with(labels, "le", Double.toString(bound))));
					}
					series.add(key(name + "_bucket", with(labels, "le", "+Inf")));
					series.add(key(name + "_sum", labels));
					series.add(key(name + "_count", labels));
				}
			}
			case SUMMARY -> {
				String name = metricName(metric.getName(), metric.getUnit(), false, false);
				for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
					Map<String, String> labels = labels(point.getAttributesList());
					for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
						series.add(key(name, with(labels, "quantile", Double.toString(quantile.getQuantile()))));
					}
					series.add(key(name + "_sum", labels));
					series.add(key(name + "_count", labels));
				}
			}
			default ->
				throw new IllegalArgumentException("Not translated: " + metric.getDataCase() + " " + metric.getName());
		}
	}

	private static Map<String, String> labels(List<KeyValue> attributes) {
		Map<String, String> labels = new TreeMap<>();
		for (KeyValue attribute : attributes) {
			labels.merge(labelName(attribute.getKey()), stringValue(attribute.getValue()), (a, b) -> a + ";" + b);
		}
		return labels;
	}

	private static String stringValue(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	private static Map<String, String> with(Map<String, String> labels, String name, String value) {
		Map<String, String> copy = new TreeMap<>(labels);
		copy.put(name, value);
		return copy;
	}

	private static String key(String name, Map<String, String> labels) {
		StringBuilder key = new StringBuilder(name).append('{');
		String separator = "";
		for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
			String value = label.getValue();
			if (value.isEmpty()) {
				continue;
			}
			if (label.getKey().equals("le") || label.getKey().equals("quantile")) {
				value = value.equals("+Inf") ? value : Double.toString(Double.parseDouble(value));
			}
			key.append(separator).append(label.getKey()).append("=\"").append(value).append('"');
			separator = ",";
		}
		return key.append('}').toString();
	}

}
