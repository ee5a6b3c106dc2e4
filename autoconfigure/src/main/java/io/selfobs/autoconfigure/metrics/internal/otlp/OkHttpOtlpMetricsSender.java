package io.selfobs.autoconfigure.metrics.internal.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.selfobs.autoconfigure.otlp.OtlpProtocol;
import io.selfobs.autoconfigure.otlp.destination.OtlpDestination;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportResults;
import io.selfobs.autoconfigure.otlp.telemetry.OtlpExportTelemetry;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.AsyncTimeout;
import org.jspecify.annotations.Nullable;

/**
 * Sends Micrometer's OTLP payloads over http/protobuf or gRPC. Micrometer ships only an
 * HTTP sender; gRPC here is plain HTTP/2 framing on the OkHttp client the OpenTelemetry
 * exporters already bring, so no gRPC runtime is added. Failures are counted and warned
 * about (throttled), never thrown: the registry's publishing thread carries on and
 * request threads never wait on export. One push never outlives the destination's timeout
 * (nor, once the application stops, the shutdown budget): a deadline around the whole
 * exchange, trailers included, cancels the call (OkHttp's own call timeout ends when the
 * body has been read, before a gRPC status trailer arrives). Once the shutdown budget is
 * spent, the push in flight is cancelled and later pushes are dropped without a request.
 * Internal, not API.
 */
public final class OkHttpOtlpMetricsSender implements OtlpMetricsSender {

	private static final MediaType PROTOBUF = MediaType.get("application/x-protobuf");

	private static final MediaType GRPC = MediaType.get("application/grpc");

	private final OtlpDestination destination;

	private final OtlpExportTelemetry telemetry;

	private final OkHttpClient client;

	private volatile boolean closed;

	public OkHttpOtlpMetricsSender(OtlpDestination destination, OtlpExportTelemetry telemetry) {
		this.destination = destination;
		this.telemetry = telemetry;
		this.client = client(destination);
		telemetry.onShutdownDeadline(this::close);
	}

	private void close() {
		this.closed = true;
		this.client.dispatcher().cancelAll();
	}

	private static OkHttpClient client(OtlpDestination destination) {
		OkHttpClient.Builder builder = new OkHttpClient.Builder().callTimeout(destination.timeout())
			.connectTimeout(destination.timeout())
			.readTimeout(destination.timeout())
			.writeTimeout(destination.timeout())
			.retryOnConnectionFailure(false);
		boolean cleartext = "http".equalsIgnoreCase(destination.endpoint().getScheme());
		if (cleartext) {
			// Without a TLS connection spec OkHttp does not load the JDK's TLS stack and
			// trust store at startup
			builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
		}
		if (destination.protocol() == OtlpProtocol.GRPC) {
			builder.protocols(
					cleartext ? List.of(Protocol.H2_PRIOR_KNOWLEDGE) : List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
		}
		destination.ssl()
			.ifPresent((bundle) -> builder.sslSocketFactory(bundle.createSslContext().getSocketFactory(),
					OtlpDestination.trustManager(bundle)));
		return builder.build();
	}

	@Override
	public void send(Request request) {
		byte[] payload = request.getMetricsData();
		int items = Math.max(OtlpDataPoints.count(payload), 0);
		// At shutdown Spring Boot pushes once more on the closing thread: that push must
		// end within the shutdown budget
		long limit = Math.min(this.destination.timeout().toNanos(), this.telemetry.shutdownRemainingNanos());
		if (this.closed || limit <= 0) {
			this.telemetry.dropped(this.destination.signal(), this.destination.transport(), "shutdown", items);
			return;
		}
		Deadline deadline = null;
		try {
			Call call = this.client.newCall(httpRequest(addressOf(request), request.getHeaders(), payload));
			deadline = new Deadline(call, limit);
			deadline.enter();
			String failure;
			try (Response response = call.execute()) {
				failure = failureOf(response);
			}
			finally {
				deadline.exit();
			}
			if (failure == null) {
				this.telemetry.exported(this.destination.signal(), this.destination.transport(), items);
			}
			else {
				this.telemetry.failed(this.destination, failure, items, "the collector answered " + failure);
			}
		}
		catch (IOException | RuntimeException ex) {
			String reason = (deadline != null && deadline.expired) ? "timeout" : OtlpExportResults.reasonOf(ex);
			this.telemetry.failed(this.destination, reason, items,
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	/**
	 * Cancels the call when the destination's timeout has passed, on Okio's watchdog
	 * thread (no thread of its own).
	 */
	private static final class Deadline extends AsyncTimeout {

		private final Call call;

		private volatile boolean expired;

		Deadline(Call call, long nanos) {
			this.call = call;
			timeout(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		protected void timedOut() {
			this.expired = true;
			this.call.cancel();
		}

	}

	/**
	 * The URL Micrometer addressed the request to ({@code url()} of the registry's
	 * configuration, which is the destination's endpoint); a request built without one
	 * goes to the destination's endpoint.
	 */
	private String addressOf(Request request) {
		String address = request.getAddress();
		return (address != null) ? address : this.destination.endpoint().toString();
	}

	/**
	 * The request for Micrometer's address and headers (which selfobs' {@code OtlpConfig}
	 * answers from the destination). Compression is the destination's: Micrometer 1.16
	 * (Spring Boot 4.0) hands the sender none, and on 1.17 it would be its own
	 * {@code otlp.compressionMode}, which selfobs does not set.
	 */
	private okhttp3.Request httpRequest(String address, Map<String, String> headers, byte[] payload)
			throws IOException {
		boolean grpc = this.destination.protocol() == OtlpProtocol.GRPC;
		byte[] body = this.destination.gzip() ? gzip(payload) : payload;
		okhttp3.Request.Builder builder = new okhttp3.Request.Builder();
		headers.forEach(builder::header);
		if (grpc) {
			builder.url(address + "/" + this.destination.signal().grpcMethod())
				.header("te", "trailers")
				.post(RequestBody.create(grpcFrame(body, this.destination.gzip()), GRPC));
			if (this.destination.gzip()) {
				builder.header("grpc-encoding", "gzip");
			}
		}
		else {
			builder.url(address).post(RequestBody.create(body, PROTOBUF));
			if (this.destination.gzip()) {
				builder.header("Content-Encoding", "gzip");
			}
		}
		return builder.build();
	}

	/**
	 * Reads the outcome: an HTTP status for http/protobuf; for gRPC the
	 * {@code grpc-status} trailer (or header, in a trailers-only response), which must be
	 * read after the body.
	 */
	private @Nullable String failureOf(Response response) throws IOException {
		if (!response.isSuccessful()) {
			return "http_" + response.code();
		}
		if (this.destination.protocol() != OtlpProtocol.GRPC) {
			return null;
		}
		response.body().bytes();
		String status = response.header("grpc-status");
		if (status == null) {
			Headers trailers = response.trailers();
			status = trailers.get("grpc-status");
		}
		return (status == null || "0".equals(status)) ? null : OtlpExportResults.grpcReason(grpcCode(status));
	}

	private static int grpcCode(String status) {
		try {
			return Integer.parseInt(status.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static byte[] grpcFrame(byte[] message, boolean compressed) {
		return ByteBuffer.allocate(5 + message.length)
			.put((byte) (compressed ? 1 : 0))
			.putInt(message.length)
			.put(message)
			.array();
	}

	private static byte[] gzip(byte[] payload) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(payload);
		}
		return out.toByteArray();
	}

}
