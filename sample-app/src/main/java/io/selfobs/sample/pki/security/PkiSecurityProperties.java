package io.selfobs.sample.pki.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Request limits of the REST APIs and the EST server, under {@code pki.security.*}.
 */
@ConfigurationProperties("pki.security")
public class PkiSecurityProperties {

	/**
	 * Largest request body the REST APIs and the EST server read; a larger one is
	 * answered 413 without being read.
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

	/**
	 * Failed password logins (operator API and HTTP_BASIC DMS) allowed per client address
	 * before its further password attempts are refused without being checked.
	 */
	public static class LoginThrottle {

		/**
		 * Failed logins allowed from one client address (IPv6: one /64) within the
		 * window.
		 */
		private int maxFailures = 10;

		/**
		 * Time from a client's first counted failure until its count starts again from
		 * zero.
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
