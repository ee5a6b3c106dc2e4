package io.selfobs.sample.pki.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selfobs.sample.pki.config.PropertyChecks;
import org.jspecify.annotations.Nullable;

/**
 * Bounds what password guessing costs: each password check is one BCrypt, so a client
 * address (an IPv6 client by its /64) gets {@code max-failures} failed logins per window;
 * after that its password attempts are refused without being checked until the window
 * ends. Another address is never affected, and a success from an address clears its
 * count. While an address has failures, its attempts in flight count against the limit
 * too, so a parallel burst cannot run past it. The table of addresses is bounded (least
 * recently seen forgotten first).
 */
public final class LoginThrottle {

	private static final String PREFIX = "pki.security.login-throttle.";

	private final int maxFailures;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Client> clients;

	LoginThrottle(PkiSecurityProperties.LoginThrottle settings, Clock clock) {
		this.maxFailures = PropertyChecks.positive(PREFIX + "max-failures", settings.getMaxFailures());
		int maxClients = PropertyChecks.positive(PREFIX + "max-clients", settings.getMaxClients());
		this.window = PropertyChecks.positive(PREFIX + "window", settings.getWindow(), "15m");
		this.clock = clock;
		this.clients = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
				return size() > maxClients;
			}

		};
	}

	/**
	 * Ask to check a password from a client address. The answer must be closed, after
	 * {@link Attempt#succeeded()} or {@link Attempt#failed()} when the password was
	 * checked.
	 * @param remoteAddress the client address as the server sees it (an IP literal)
	 * @return the attempt, refused when the address is throttled
	 */
	public Attempt acquire(String remoteAddress) {
		String key = key(remoteAddress);
		Instant now = this.clock.instant();
		synchronized (this.clients) {
			Client client = this.clients.computeIfAbsent(key, (k) -> new Client());
			if (client.windowStart != null && !now.isBefore(client.windowStart.plus(this.window))) {
				client.reset();
			}
			boolean full = client.failures >= this.maxFailures
					|| (client.failures > 0 && client.failures + client.inFlight >= this.maxFailures);
			if (full) {
				Instant opens = (client.windowStart != null) ? client.windowStart.plus(this.window) : now;
				long retryAfter = Math.max(1, Duration.between(now, opens).toSeconds());
				boolean first = !client.refusing;
				client.refusing = true;
				return new Attempt(null, key, retryAfter, first);
			}
			client.inFlight++;
			return new Attempt(client, key, 0, false);
		}
	}

	/**
	 * The key of a client address: the address itself, or its /64 for IPv6, where a
	 * client holds a whole prefix.
	 */
	static String key(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
			return String.valueOf(remoteAddress);
		}
		try {
			// an IP literal: parsed, never looked up
			InetAddress address = InetAddress.getByName(remoteAddress);
			if (address instanceof Inet6Address) {
				byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
				Arrays.fill(prefix, 8, 16, (byte) 0);
				return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
			}
			return address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return remoteAddress;
		}
	}

	private void finish(Client client, boolean succeeded, boolean failed) {
		synchronized (this.clients) {
			client.inFlight = Math.max(0, client.inFlight - 1);
			if (succeeded) {
				client.reset();
			}
			else if (failed) {
				if (client.failures == 0) {
					client.windowStart = this.clock.instant();
				}
				client.failures++;
			}
		}
	}

	/**
	 * One password attempt of a client address.
	 */
	public final class Attempt implements AutoCloseable {

		private final @Nullable Client client;

		private final String clientKey;

		private final long retryAfterSeconds;

		private final boolean firstRefusal;

		private boolean finished;

		private Attempt(@Nullable Client client, String clientKey, long retryAfterSeconds, boolean firstRefusal) {
			this.client = client;
			this.clientKey = clientKey;
			this.retryAfterSeconds = retryAfterSeconds;
			this.firstRefusal = firstRefusal;
		}

		/**
		 * Whether the password may be checked.
		 * @return {@code false} when the address is throttled
		 */
		public boolean allowed() {
			return this.client != null;
		}

		/**
		 * Seconds until the address may try again, when refused.
		 * @return the seconds, at least 1
		 */
		public long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

		/**
		 * Whether this is the first refusal since the address reached its limit: the one
		 * to log.
		 * @return whether it is the first
		 */
		public boolean firstRefusal() {
			return this.firstRefusal;
		}

		/**
		 * The client key the limit applies to: the address, or an IPv6 /64.
		 * @return the key
		 */
		public String clientKey() {
			return this.clientKey;
		}

		/**
		 * The password was right: the address starts again from zero failures.
		 */
		public void succeeded() {
			end(true, false);
		}

		/**
		 * The password was wrong.
		 */
		public void failed() {
			end(false, true);
		}

		@Override
		public void close() {
			end(false, false);
		}

		private void end(boolean succeeded, boolean failed) {
			if (this.client != null && !this.finished) {
				this.finished = true;
				finish(this.client, succeeded, failed);
			}
		}

	}

	private static final class Client {

		private int failures;

		private int inFlight;

		private @Nullable Instant windowStart;

		private boolean refusing;

		void reset() {
			this.failures = 0;
			this.windowStart = null;
			this.refusing = false;
		}

	}

}
