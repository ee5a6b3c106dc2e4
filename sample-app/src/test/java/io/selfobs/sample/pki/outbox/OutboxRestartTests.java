package io.selfobs.sample.pki.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.sample.pki.PkiApplication;
import io.selfobs.sample.pki.TestPki;
import io.selfobs.sample.pki.ca.certificate.CertificateIssuer;
import io.selfobs.sample.pki.ca.certificate.CertificateService;
import io.selfobs.sample.pki.crypto.x509.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events committed by one run of the app and never delivered (the process stopped first)
 * are delivered by the next run, exactly once per sink, through retries; an event the
 * sink keeps refusing is dead-lettered.
 */
class OutboxRestartTests {

	@TempDir
	Path dataDir;

	@Test
	void committedEventsSurviveARestartAndAreDeliveredExactlyOncePerSink() throws Exception {
		try (RecordingWebhook webhook = new RecordingWebhook(2, "certificate.revoked"::equals)) {
			List<String> issued;
			try (ConfigurableApplicationContext first = start(webhook, false)) {
				CertificateIssuer ca = first.getBean(CertificateIssuer.class);
				issued = List.of(sign(ca, "outbox-1"), sign(ca, "outbox-2"), sign(ca, "outbox-3"));
				first.getBean(CertificateService.class).revoke(issued.get(0), "superseded");
				assertThat(statusCounts(first)).containsExactlyEntriesOf(Map.of("PENDING", 8L));
			}
			assertThat(webhook.accepted()).isEmpty();

			try (ConfigurableApplicationContext second = start(webhook, true)) {
				JdbcClient jdbc = second.getBean(JdbcClient.class);
				awaitNoPending(jdbc);

				assertThat(statusCounts(second)).isEqualTo(Map.of("DELIVERED", 7L, "DEAD", 1L));
				List<String> webhookIssued = jdbc.sql(
						"select event_id from outbox_event where sink = 'webhook' and event_type = 'certificate.issued'")
					.query(String.class)
					.list();
				assertThat(webhook.accepted()).containsOnlyKeys(webhookIssued);
				assertThat(webhook.accepted().values()).extracting(AtomicInteger::get).containsOnly(1);
				MeterRegistry meters = second.getBean(MeterRegistry.class);
				assertThat(meters.get("outbox.retries").tag("sink", "webhook").counter().count())
					.isGreaterThanOrEqualTo(2);
				assertThat(meters.get("outbox.dead.letters").tag("sink", "webhook").counter().count()).isEqualTo(1);
				assertThat(
						meters.get("outbox.deliveries").tags("sink", "log", "outcome", "delivered").counter().count())
					.isEqualTo(4);
				assertThat(meters.get("cert.outbox.lag").timer().count()).isEqualTo(7);
			}
		}
	}

	@Test
	void backlogOfManyBatchesIsDrainedWithoutWaitingForTheNextPoll() throws Exception {
		try (RecordingWebhook webhook = new RecordingWebhook(0, (type) -> false)) {
			try (ConfigurableApplicationContext first = start(webhook, false)) {
				CertificateIssuer ca = first.getBean(CertificateIssuer.class);
				for (int i = 0; i < 4; i++) {
					sign(ca, "backlog-" + i);
				}
				assertThat(statusCounts(first)).containsExactlyEntriesOf(Map.of("PENDING", 8L));
			}
			// Batches of 2 and an hour between polls: only draining full batches delivers
			// all 8 in the first poll
			try (ConfigurableApplicationContext second = start(webhook, true, "pki.outbox.batch-size=2",
					"pki.outbox.poll-interval=1h")) {
				awaitNoPending(second.getBean(JdbcClient.class));
				assertThat(statusCounts(second)).containsExactlyEntriesOf(Map.of("DELIVERED", 8L));
			}
		}
	}

	private ConfigurableApplicationContext start(RecordingWebhook webhook, boolean worker, String... overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(Map.of("server.port", 0, "pki.est.port", 0, "pki.data-dir",
				this.dataDir, "pki.outbox.webhook-url", webhook.url(), "pki.outbox.worker-enabled", worker,
				"pki.outbox.poll-interval", "50ms", "pki.outbox.initial-backoff", "10ms", "pki.outbox.max-attempts", 3,
				"management.otlp.metrics.export.enabled", false));
		for (String override : overrides) {
			properties.put(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
		}
		return new SpringApplicationBuilder(PkiApplication.class).run(properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

	private static String sign(CertificateIssuer ca, String commonName) throws Exception {
		return ca.sign("root-ca", Pem.encode(TestPki.csr(commonName, TestPki.ecKey())), 30).serial();
	}

	private static Map<String, Long> statusCounts(ConfigurableApplicationContext context) {
		return context.getBean(JdbcClient.class)
			.sql("select status, count(*) as n from outbox_event group by status")
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static void awaitNoPending(JdbcClient jdbc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (jdbc.sql("select count(*) from outbox_event where status = 'PENDING'").query(Long.class).single() > 0) {
			assertThat(System.nanoTime()).as("outbox drained within 30s").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
