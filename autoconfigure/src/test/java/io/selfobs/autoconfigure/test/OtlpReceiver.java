package io.selfobs.autoconfigure.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * An in-test OpenTelemetry collector: accepts OTLP over gRPC and HTTP/protobuf on random
 * loopback ports, in plain text, TLS or mutual TLS, and decodes every request with the
 * official {@code io.opentelemetry.proto} classes. Tests read what arrived, with which
 * headers, and can make it fail as collectors do: answer with an error status
 * ({@link #respondWith}), accept and never answer ({@link #blackHole}), or go down and
 * come back on the same ports ({@link #goDown}, {@link #comeBack}).
 */
public final class OtlpReceiver implements AutoCloseable {

	/**
	 * How the receiver's ports are secured.
	 */
	public enum Security {

		PLAIN, TLS, MUTUAL_TLS

	}

	/**
	 * One export request as received.
	 *
	 * @param transport {@code grpc} or {@code http/protobuf}
	 * @param path the HTTP path or gRPC method
	 * @param headers request headers, names in lower case
	 * @param compressed whether the payload was gzip-compressed
	 * @param message the decoded request
	 */
	public record Received(String transport, String path, Map<String, String> headers, boolean compressed,
			Message message) {
	}

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Security security;

	private final TestCertificates certificates;

	private volatile HttpServer http;

	private volatile Server grpc;

	private final int httpPort;

	private final int grpcPort;

	private volatile int httpStatus = 200;

	private volatile Status grpcStatus = Status.OK;

	/**
	 * Released when the black hole closes: requests held until then are answered (or
	 * dropped with the server).
	 */
	private volatile CountDownLatch blackHole = released();

	private final List<io.grpc.stub.StreamObserver<byte[]>> heldCalls = new CopyOnWriteArrayList<>();

	private final AtomicInteger heldRequests = new AtomicInteger();

	private boolean down;

	private OtlpReceiver(Security security, TestCertificates certificates) throws IOException {
		this.security = security;
		this.certificates = certificates;
		this.http = startHttp(security, certificates, 0);
		this.grpc = startGrpc(security, certificates, 0);
		this.httpPort = this.http.getAddress().getPort();
		this.grpcPort = this.grpc.getPort();
	}

	/**
	 * Start a plain-text receiver.
	 * @return the running receiver
	 */
	public static OtlpReceiver start() {
		return start(Security.PLAIN, null);
	}

	/**
	 * Start a receiver.
	 * @param security plain, TLS or mutual TLS
	 * @param certificates server certificate and trusted CA; may be null for
	 * {@link Security#PLAIN}
	 * @return the running receiver
	 */
	public static OtlpReceiver start(Security security, TestCertificates certificates) {
		try {
			return new OtlpReceiver(security, certificates);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Base URL of the HTTP/protobuf port, without a signal path.
	 * @return e.g. {@code http://localhost:43123}
	 */
	public String httpEndpoint() {
		return scheme() + "://localhost:" + this.httpPort;
	}

	/**
	 * Base URL of the gRPC port.
	 * @return e.g. {@code https://localhost:43124}
	 */
	public String grpcEndpoint() {
		return scheme() + "://localhost:" + this.grpcPort;
	}

	/**
	 * Make every following request fail: HTTP with this status, gRPC with the matching
	 * status.
	 * @param status the HTTP status, 200 to succeed again
	 */
	public void respondWith(int status) {
		this.httpStatus = status;
		this.grpcStatus = (status == 200) ? Status.OK : (status == 429) ? Status.RESOURCE_EXHAUSTED
				: (status >= 500) ? Status.UNAVAILABLE : Status.INVALID_ARGUMENT;
	}

	/**
	 * Become a black hole: accept connections and read every request, never answer, until
	 * {@link #answerAgain()} (or {@link #close()}).
	 */
	public void blackHole() {
		this.blackHole = new CountDownLatch(1);
	}

	/**
	 * Leave black-hole mode: held requests and new ones are answered again (with the
	 * current status).
	 */
	public void answerAgain() {
		this.blackHole.countDown();
		releaseHeldCalls();
	}

	/**
	 * Requests read but not answered in black-hole mode so far.
	 * @return the count
	 */
	public int heldRequests() {
		return this.heldRequests.get();
	}

	/**
	 * Go down: both ports stop listening (connections are refused) until
	 * {@link #comeBack()}.
	 */
	public synchronized void goDown() {
		if (this.down) {
			return;
		}
		this.down = true;
		this.http.stop(0);
		this.grpc.shutdownNow();
		awaitTermination(this.grpc);
	}

	/**
	 * Come back up on the same ports after {@link #goDown()}.
	 */
	public synchronized void comeBack() {
		if (!this.down) {
			return;
		}
		this.down = false;
		try {
			this.http = startHttp(this.security, this.certificates, this.httpPort);
			this.grpc = startGrpc(this.security, this.certificates, this.grpcPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<Received> received() {
		return Collections.unmodifiableList(this.received);
	}

	public List<ExportMetricsServiceRequest> metrics() {
		return messages(ExportMetricsServiceRequest.class);
	}

	public List<ExportTraceServiceRequest> traces() {
		return messages(ExportTraceServiceRequest.class);
	}

	public List<ExportLogsServiceRequest> logs() {
		return messages(ExportLogsServiceRequest.class);
	}

	/**
	 * Wait until a request of the given type matching a condition has arrived.
	 * @param <T> the request type
	 * @param type the request type
	 * @param condition the condition
	 * @param timeout how long to wait at most
	 * @return the first matching request
	 */
	public <T extends Message> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
		return org.awaitility.Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> messages(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
			.get();
	}

	/**
	 * Wait until a request of the given type has arrived.
	 * @param <T> the request type
	 * @param type the request type
	 * @param timeout how long to wait at most
	 * @return what was received for that type, in order
	 */
	public <T extends Message> Received awaitReceived(Class<T> type, Duration timeout) {
		return org.awaitility.Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.received.stream().filter((r) -> type.isInstance(r.message())).findFirst(),
					java.util.Optional::isPresent)
			.get();
	}

	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.blackHole.countDown();
		releaseHeldCalls();
		this.http.stop(0);
		this.grpc.shutdownNow();
	}

	private void releaseHeldCalls() {
		for (io.grpc.stub.StreamObserver<byte[]> call : this.heldCalls) {
			try {
				call.onError(Status.UNAVAILABLE.withDescription("released from the black hole").asException());
			}
			catch (RuntimeException ex) {
				// the client gave up on it already
			}
		}
		this.heldCalls.clear();
	}

	private static CountDownLatch released() {
		CountDownLatch latch = new CountDownLatch(1);
		latch.countDown();
		return latch;
	}

	private static void awaitTermination(Server server) {
		try {
			server.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private <T> List<T> messages(Class<T> type) {
		List<T> messages = new ArrayList<>();
		this.received.stream().map(Received::message).filter(type::isInstance).map(type::cast).forEach(messages::add);
		return messages;
	}

	private String scheme() {
		return (this.security == Security.PLAIN) ? "http" : "https";
	}

	private HttpServer startHttp(Security security, TestCertificates certificates, int port) throws IOException {
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
		HttpServer server;
		if (security == Security.PLAIN) {
			server = HttpServer.create(address, 0);
		}
		else {
			HttpsServer https = HttpsServer.create(address, 0);
			SSLContext context = serverSslContext(certificates);
			https.setHttpsConfigurator(new HttpsConfigurator(context) {
				@Override
				public void configure(HttpsParameters parameters) {
					parameters.setNeedClientAuth(security == Security.MUTUAL_TLS);
				}
			});
			server = https;
		}
		server.createContext("/v1/metrics", (exchange) -> handleHttp(exchange, ExportMetricsServiceRequest::parseFrom));
		server.createContext("/v1/traces", (exchange) -> handleHttp(exchange, ExportTraceServiceRequest::parseFrom));
		server.createContext("/v1/logs", (exchange) -> handleHttp(exchange, ExportLogsServiceRequest::parseFrom));
		// enough threads to hold a few requests in black-hole mode and still read new
		// ones
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.start();
		return server;
	}

	private void handleHttp(HttpExchange exchange, Parser parser) throws IOException {
		try (exchange) {
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			boolean gzip = "gzip".equalsIgnoreCase(headers.get("content-encoding"));
			byte[] body = exchange.getRequestBody().readAllBytes();
			CountDownLatch hole = this.blackHole;
			if (hole.getCount() > 0) {
				this.heldRequests.incrementAndGet();
				awaitQuietly(hole);
				return;
			}
			this.received.add(new Received("http/protobuf", exchange.getRequestURI().getPath(), headers, gzip,
					parser.parse(gzip ? gunzip(body) : body)));
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(this.httpStatus, -1);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Server startGrpc(Security security, TestCertificates certificates, int port) throws IOException {
		ServerCredentials credentials = InsecureServerCredentials.create();
		if (security != Security.PLAIN) {
			credentials = TlsServerCredentials.newBuilder()
				.keyManager(certificates.serverCertificate().toFile(), certificates.serverKey().toFile())
				.trustManager(certificates.caCertificate().toFile())
				.clientAuth((security == Security.MUTUAL_TLS) ? TlsServerCredentials.ClientAuth.REQUIRE
						: TlsServerCredentials.ClientAuth.NONE)
				.build();
		}
		HeaderCapture capture = new HeaderCapture();
		return Grpc.newServerBuilderForPort(port, credentials)
			.addService(ServerInterceptors.intercept(service("opentelemetry.proto.collector.metrics.v1.MetricsService",
					ExportMetricsServiceRequest::parseFrom, capture), capture))
			.addService(ServerInterceptors.intercept(service("opentelemetry.proto.collector.trace.v1.TraceService",
					ExportTraceServiceRequest::parseFrom, capture), capture))
			.addService(ServerInterceptors.intercept(service("opentelemetry.proto.collector.logs.v1.LogsService",
					ExportLogsServiceRequest::parseFrom, capture), capture))
			.build()
			.start();
	}

	private ServerServiceDefinition service(String name, Parser parser, HeaderCapture capture) {
		MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(name, "Export"))
			.setRequestMarshaller(new BytesMarshaller())
			.setResponseMarshaller(new BytesMarshaller())
			.build();
		return ServerServiceDefinition.builder(name)
			.addMethod(export, ServerCalls.asyncUnaryCall((request, responseObserver) -> {
				Map<String, String> headers = capture.current.get();
				if (this.blackHole.getCount() > 0) {
					this.heldRequests.incrementAndGet();
					this.heldCalls.add(responseObserver);
					return;
				}
				try {
					this.received.add(new Received("grpc", export.getFullMethodName(), headers,
							"gzip".equalsIgnoreCase(headers.get("grpc-encoding")), parser.parse(request)));
				}
				catch (InvalidProtocolBufferException ex) {
					responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(ex.getMessage()).asException());
					return;
				}
				if (this.grpcStatus.isOk()) {
					responseObserver.onNext(new byte[0]);
					responseObserver.onCompleted();
				}
				else {
					responseObserver.onError(this.grpcStatus.asException());
				}
			}))
			.build();
	}

	private static SSLContext serverSslContext(TestCertificates certificates) {
		try {
			SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
					new PemSslStoreDetails(null, certificates.serverCertificate().toString(),
							certificates.serverKey().toString()),
					PemSslStoreDetails.forCertificates(certificates.caCertificate().toString())));
			KeyStore keyStore = bundle.getStores().getKeyStore();
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(keyStore, new char[0]);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(bundle.getStores().getTrustStore());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	@FunctionalInterface
	private interface Parser {

		Message parse(byte[] bytes) throws InvalidProtocolBufferException;

	}

	/**
	 * Hands each call's headers to the handler: the unary handler runs on the same thread
	 * as the interceptor's listener callbacks, not the one that saw the headers, so they
	 * travel in a thread-local set per message.
	 */
	private static final class HeaderCapture implements ServerInterceptor {

		private final ThreadLocal<Map<String, String>> current = ThreadLocal.withInitial(Map::of);

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
				ServerCallHandler<Q, R> next) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (String key : metadata.keys()) {
				if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					headers.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
				}
			}
			ServerCall.Listener<Q> delegate = next.startCall(call, metadata);
			return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
				@Override
				public void onHalfClose() {
					HeaderCapture.this.current.set(headers);
					try {
						super.onHalfClose();
					}
					finally {
						HeaderCapture.this.current.remove();
					}
				}
			};
		}

	}

	private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
