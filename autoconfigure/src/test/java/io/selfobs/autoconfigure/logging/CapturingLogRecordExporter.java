package io.selfobs.autoconfigure.logging;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

/**
 * A user-style log record exporter bean that keeps what it is given, batch by batch, to
 * check what reaches exporters.
 */
public class CapturingLogRecordExporter implements LogRecordExporter {

	private final List<List<LogRecordData>> batches = new CopyOnWriteArrayList<>();

	@Override
	public CompletableResultCode export(Collection<LogRecordData> logs) {
		this.batches.add(List.copyOf(logs));
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

	public List<LogRecordData> records() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

	public List<Integer> batchSizes() {
		return this.batches.stream().map(List::size).toList();
	}

	public void clear() {
		this.batches.clear();
	}

}
