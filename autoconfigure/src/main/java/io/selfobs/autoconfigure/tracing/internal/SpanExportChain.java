package io.selfobs.autoconfigure.tracing.internal;

import java.util.List;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The span exporters behind Micrometer Tracing's span predicates, filters and reporters,
 * as Spring Boot chains them. Micrometer's {@link CompositeSpanExporter} copies every
 * span into a mutable {@code FinishedSpan} and back even when no predicate, filter or
 * reporter is there to see it, and the copy rebuilds the span's attributes each time they
 * are read (the OTLP marshaler reads them twice per span): a third of the span worker's
 * CPU. Without any of the three the exporters receive the spans as recorded. Internal,
 * not API.
 */
public final class SpanExportChain {

	private SpanExportChain() {
	}

	/**
	 * The exporter to hand finished spans to.
	 * @param exporters the span exporters
	 * @param predicates decide which spans are exported
	 * @param reporters receive every exported span
	 * @param filters may change a span before export
	 * @return the exporter: the exporters themselves when there is no predicate, reporter
	 * or filter
	 */
	public static SpanExporter of(List<SpanExporter> exporters, List<SpanExportingPredicate> predicates,
			List<SpanReporter> reporters, List<SpanFilter> filters) {
		if (predicates.isEmpty() && reporters.isEmpty() && filters.isEmpty()) {
			return SpanExporter.composite(exporters);
		}
		return new CompositeSpanExporter(exporters, predicates, reporters, filters);
	}

}
