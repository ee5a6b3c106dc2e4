package io.selfobs.sample.pki.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample PKI service, under {@code pki.*}.
 */
@ConfigurationProperties("pki")
public class PkiProperties {

	/**
	 * Directory for the embedded database, the generated TLS material and the generated key-encryption key.
	 */
	private Path dataDir = Path.of("./data");

	/**
	 * Roles this instance plays: 'ca' (CA API) and/or 'est' (EST server, DMS and device APIs).
	 */
	private Set<Role> roles = EnumSet.allOf(Role.class);

	private final Ca ca = new Ca();

	private final Est est = new Est();

	private final Crypto crypto = new Crypto();

	private final Outbox outbox = new Outbox();

	private final Inventory inventory = new Inventory();

	private final Security security = new Security();

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = roles;
	}

	public Ca getCa() {
		return this.ca;
	}

	public Est getEst() {
		return this.est;
	}

	public Crypto getCrypto() {
		return this.crypto;
	}

	public Outbox getOutbox() {
		return this.outbox;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Inventory getInventory() {
		return this.inventory;
	}

	/**
	 * What an instance serves.
	 */
	public enum Role {

		CA, EST

	}

	public static class Ca {

		/**
		 * Base URL of the CA API an EST instance without the CA role calls. Required by such an instance.
		 */
		private URI baseUrl;

		/**
		 * Pre-shared token (at least 32 characters, for example 'openssl rand -base64 32') an EST instance without
		 * the CA role sends as 'Authorization: Bearer' to the CA API, and a CA instance accepts from it. Required
		 * by such an EST instance; not needed when one instance plays both roles.
		 */
		private String serviceToken;

		/**
		 * Time between a CRL's thisUpdate and nextUpdate: how long relying parties may cache it.
		 */
		private Duration crlNextUpdate = Duration.ofHours(24);

		public URI getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getServiceToken() {
			return this.serviceToken;
		}

		public void setServiceToken(String serviceToken) {
			this.serviceToken = serviceToken;
		}

		public Duration getCrlNextUpdate() {
			return this.crlNextUpdate;
		}

		public void setCrlNextUpdate(Duration crlNextUpdate) {
			this.crlNextUpdate = crlNextUpdate;
		}

	}

	public static class Est {

		/**
		 * HTTPS port of the EST server (RFC 7030 requires TLS). 0 picks a free port.
		 */
		private int port = 8443;

		/**
		 * DMS used by the unlabelled /.well-known/est paths.
		 */
		private String defaultDms = "demo";

		/**
		 * SSL bundle for the EST connector. When unset, a local TLS CA and server certificate are generated
		 * under the data directory on first start and reused afterwards.
		 */
		private String sslBundle;

		/**
		 * Host names and IP addresses the generated TLS server certificate is valid for.
		 */
		private List<String> serverNames = List.of("localhost", "127.0.0.1", "::1");

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getDefaultDms() {
			return this.defaultDms;
		}

		public void setDefaultDms(String defaultDms) {
			this.defaultDms = defaultDms;
		}

		public String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public List<String> getServerNames() {
			return this.serverNames;
		}

		public void setServerNames(List<String> serverNames) {
			this.serverNames = serverNames;
		}

	}

	public static class Crypto {

		/**
		 * AES-256 key (base64 of 32 bytes) encrypting CA private keys at rest. When unset, one is generated
		 * under the data directory on first start (demo only: keep it apart from the database in production).
		 */
		private String keyEncryptionKey;

		public String getKeyEncryptionKey() {
			return this.keyEncryptionKey;
		}

		public void setKeyEncryptionKey(String keyEncryptionKey) {
			this.keyEncryptionKey = keyEncryptionKey;
		}

	}

	public static class Outbox {

		/**
		 * Whether this instance runs the delivery worker.
		 */
		private boolean workerEnabled = true;

		/**
		 * Pause between two worker cycles.
		 */
		private Duration pollInterval = Duration.ofMillis(500);

		/**
		 * Events claimed per cycle.
		 */
		private int batchSize = 50;

		/**
		 * Attempts before an event is dead-lettered.
		 */
		private int maxAttempts = 5;

		/**
		 * Delay before the first retry; doubles on each further attempt.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Webhook that receives every event as JSON, in addition to the log sink.
		 */
		private URI webhookUrl;

		/**
		 * Time limit of one webhook delivery; a delivery that takes longer counts as failed and is retried.
		 */
		private Duration webhookTimeout = Duration.ofSeconds(5);

		public Duration getWebhookTimeout() {
			return this.webhookTimeout;
		}

		public void setWebhookTimeout(Duration webhookTimeout) {
			this.webhookTimeout = webhookTimeout;
		}

		public boolean isWorkerEnabled() {
			return this.workerEnabled;
		}

		public void setWorkerEnabled(boolean workerEnabled) {
			this.workerEnabled = workerEnabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public URI getWebhookUrl() {
			return this.webhookUrl;
		}

		public void setWebhookUrl(URI webhookUrl) {
			this.webhookUrl = webhookUrl;
		}

	}

	public static class Inventory {

		/**
		 * How often the bounded expiry and device-status gauges are recomputed from the database.
		 */
		private Duration refreshInterval = Duration.ofSeconds(30);

		/**
		 * A device whose certificate expires within this period is EXPIRING.
		 */
		private Duration expiringThreshold = Duration.ofDays(30);

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getExpiringThreshold() {
			return this.expiringThreshold;
		}

		public void setExpiringThreshold(Duration expiringThreshold) {
			this.expiringThreshold = expiringThreshold;
		}

	}

	public static class Security {

		/**
		 * Largest request body the REST APIs and the EST server read; a larger one is answered 413 without being
		 * read.
		 */
		private DataSize maxRequestBody = DataSize.ofKilobytes(64);

		private final LoginThrottle loginThrottle = new LoginThrottle();

		public DataSize getMaxRequestBody() {
			return this.maxRequestBody;
		}

		public void setMaxRequestBody(DataSize maxRequestBody) {
			this.maxRequestBody = maxRequestBody;
		}

		public LoginThrottle getLoginThrottle() {
			return this.loginThrottle;
		}

	}

	/**
	 * Failed password logins (operator API and HTTP_BASIC DMS) allowed per client address before its further
	 * password attempts are refused without being checked.
	 */
	public static class LoginThrottle {

		/**
		 * Failed logins allowed from one client address (IPv6: one /64) within the window.
		 */
		private int maxFailures = 10;

		/**
		 * Time from a client's first counted failure until its count starts again from zero.
		 */
		private Duration window = Duration.ofMinutes(15);

		/**
		 * Client addresses tracked at most; the least recently seen is forgotten first.
		 */
		private int maxClients = 10_000;

		public int getMaxFailures() {
			return this.maxFailures;
		}

		public void setMaxFailures(int maxFailures) {
			this.maxFailures = maxFailures;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMaxClients() {
			return this.maxClients;
		}

		public void setMaxClients(int maxClients) {
			this.maxClients = maxClients;
		}

	}

}
