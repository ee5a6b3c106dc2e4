package io.selfobs.sample.pki.outbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a random port that records which event ids it accepted, and
 * refuses the first few requests and any matching a rule, to exercise retries and dead
 * letters.
 */
final class RecordingWebhook implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

	private final AtomicInteger refusalsLeft;

	private final Predicate<String> alwaysRefuseType;

	RecordingWebhook(int refuseFirst, Predicate<String> alwaysRefuseType) throws IOException {
		this.refusalsLeft = new AtomicInteger(refuseFirst);
		this.alwaysRefuseType = alwaysRefuseType;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/events", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/events";
	}

	Map<String, AtomicInteger> accepted() {
		return this.accepted;
	}

	private void handle(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		String eventId = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		String type = exchange.getRequestHeaders().getFirst("X-Event-Type");
		boolean refuse = this.alwaysRefuseType.test(type) || this.refusalsLeft.getAndDecrement() > 0;
		if (!refuse) {
			this.accepted.computeIfAbsent(eventId, (id) -> new AtomicInteger()).incrementAndGet();
		}
		exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
