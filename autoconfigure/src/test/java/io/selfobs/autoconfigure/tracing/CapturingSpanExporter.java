package io.selfobs.autoconfigure.tracing;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A user-style span exporter bean that keeps what it is given, to check what reaches
 * exporters.
 */
public class CapturingSpanExporter implements SpanExporter {

	private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

	@Override
	public CompletableResultCode export(Collection<SpanData> batch) {
		this.spans.addAll(batch);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	public List<SpanData> spans() {
		return List.copyOf(this.spans);
	}

	public void clear() {
		this.spans.clear();
	}

}
