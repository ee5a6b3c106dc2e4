package io.selfobs.autoconfigure.logging.internal.otlp;

import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.selfobs.autoconfigure.redaction.Redactor;
import org.jspecify.annotations.Nullable;

/**
 * A log record that can build its body and attributes already redacted, in the pass that
 * builds them, instead of being built and then copied by {@link RedactedLogRecordData}.
 */
interface SelfRedactingLogRecordData {

	/**
	 * The record as it may be exported: what {@link RedactedLogRecordData#of} would give.
	 * @param redactor the redactor
	 * @return the redacted record, or {@code null} when this record cannot build it (the
	 * generic redaction applies)
	 */
	@Nullable LogRecordData redacted(Redactor redactor);

}
