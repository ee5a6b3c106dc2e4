package io.selfobs.bench.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;

/**
 * An OTLP receiver for benchmark runs: accepts gRPC and HTTP/protobuf on loopback,
 * decodes each request with the official protobuf classes only to count what arrived, and
 * keeps nothing. {@code GET /counts} on the HTTP port answers one line of
 * {@code signal.transport.requests|items=N} pairs, so a run can check that every variant
 * really exported.
 * <p>
 * Usage: {@code OtlpSink <ports-file>}: binds free ports, writes
 * {@code HTTP_PORT=.. GRPC_PORT=..} to the file and runs until killed.
 */
public final class OtlpSink {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	public static void main(String[] args) throws IOException, InterruptedException {
		OtlpSink sink = new OtlpSink();
		HttpServer http = sink.startHttp();
		Server grpc = sink.startGrpc();
		String ports = "HTTP_PORT=" + http.getAddress().getPort() + "\nGRPC_PORT=" + grpc.getPort() + "\n";
		Path file = Path.of(args[0]);
		Path partial = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(partial, ports);
		Files.move(partial, file);
		grpc.awaitTermination();
	}

	private HttpServer startHttp() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		server.createContext("/v1/traces", (exchange) -> receiveHttp(exchange, Signal.TRACES));
		server.createContext("/v1/metrics", (exchange) -> receiveHttp(exchange, Signal.METRICS));
		server.createContext("/v1/logs", (exchange) -> receiveHttp(exchange, Signal.LOGS));
		server.createContext("/counts", this::answerCounts);
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.start();
		return server;
	}

	private Server startGrpc() throws IOException {
		var builder = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create());
		for (Signal signal : Signal.values()) {
			builder.addService(grpcService(signal));
		}
		return builder.build().start();
	}

	private void receiveHttp(HttpExchange exchange, Signal signal) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = gunzip(body);
			}
			try {
				count(signal, "http", body);
			}
			catch (InvalidProtocolBufferException ex) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private ServerServiceDefinition grpcService(Signal signal) {
		MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(signal.grpcService, "Export"))
			.setRequestMarshaller(BytesMarshaller.INSTANCE)
			.setResponseMarshaller(BytesMarshaller.INSTANCE)
			.build();
		return ServerServiceDefinition.builder(signal.grpcService)
			.addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
				try {
					count(signal, "grpc", request);
					response.onNext(new byte[0]);
					response.onCompleted();
				}
				catch (InvalidProtocolBufferException ex) {
					response.onError(Status.INVALID_ARGUMENT.withDescription(ex.getMessage()).asException());
				}
			}))
			.build();
	}

	private void count(Signal signal, String transport, byte[] body) throws InvalidProtocolBufferException {
		String prefix = signal.name().toLowerCase() + "." + transport + ".";
		this.counts.computeIfAbsent(prefix + "requests", (key) -> new LongAdder()).increment();
		this.counts.computeIfAbsent(prefix + "items", (key) -> new LongAdder()).add(signal.items(body));
	}

	private void answerCounts(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = (this.counts.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.map((entry) -> entry.getKey() + "=" + entry.getValue().sum())
				.collect(Collectors.joining(" ")) + "\n").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private static byte[] gunzip(byte[] body) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	private enum Signal {

		TRACES("opentelemetry.proto.collector.trace.v1.TraceService") {
			@Override
			long items(byte[] body) throws InvalidProtocolBufferException {
				return ExportTraceServiceRequest.parseFrom(body)
					.getResourceSpansList()
					.stream()
					.flatMap((resource) -> resource.getScopeSpansList().stream())
					.mapToLong((scope) -> scope.getSpansCount())
					.sum();
			}
		},

		METRICS("opentelemetry.proto.collector.metrics.v1.MetricsService") {
			@Override
			long items(byte[] body) throws InvalidProtocolBufferException {
				return ExportMetricsServiceRequest.parseFrom(body)
					.getResourceMetricsList()
					.stream()
					.flatMap((resource) -> resource.getScopeMetricsList().stream())
					.flatMap((scope) -> scope.getMetricsList().stream())
					.mapToLong(Signal::dataPoints)
					.sum();
			}
		},

		LOGS("opentelemetry.proto.collector.logs.v1.LogsService") {
			@Override
			long items(byte[] body) throws InvalidProtocolBufferException {
				return ExportLogsServiceRequest.parseFrom(body)
					.getResourceLogsList()
					.stream()
					.flatMap((resource) -> resource.getScopeLogsList().stream())
					.mapToLong((scope) -> scope.getLogRecordsCount())
					.sum();
			}
		};

		private final String grpcService;

		Signal(String grpcService) {
			this.grpcService = grpcService;
		}

		abstract long items(byte[] body) throws InvalidProtocolBufferException;

		private static long dataPoints(Metric metric) {
			return switch (metric.getDataCase()) {
				case GAUGE -> metric.getGauge().getDataPointsCount();
				case SUM -> metric.getSum().getDataPointsCount();
				case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
				case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
				case SUMMARY -> metric.getSummary().getDataPointsCount();
				case DATA_NOT_SET -> 0;
			};
		}

	}

	private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

		INSTANCE;

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
