package io.selfobs.sample.pki.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.selfobs.sample.pki.config.InvalidPkiPropertyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The login throttle's bookkeeping, on a clock the test moves.
 */
class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	@Test
	void anAddressIsRefusedAfterItsFailuresUntilTheWindowEnds() {
		LoginThrottle throttle = throttle(3, 100);
		failTimes(throttle, "10.0.0.1", 3);

		LoginThrottle.Attempt refused = throttle.acquire("10.0.0.1");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.firstRefusal()).isTrue();
		assertThat(refused.retryAfterSeconds()).isEqualTo(900);
		assertThat(throttle.acquire("10.0.0.1").firstRefusal()).isFalse();
		assertThat(throttle.acquire("10.0.0.2").allowed()).as("another address").isTrue();

		this.clock.advance(Duration.ofMinutes(15));
		assertThat(throttle.acquire("10.0.0.1").allowed()).isTrue();
	}

	@Test
	void aSuccessClearsTheFailuresOfItsAddress() {
		LoginThrottle throttle = throttle(3, 100);
		failTimes(throttle, "10.0.0.1", 2);
		try (LoginThrottle.Attempt attempt = throttle.acquire("10.0.0.1")) {
			attempt.succeeded();
		}
		failTimes(throttle, "10.0.0.1", 2);
		assertThat(throttle.acquire("10.0.0.1").allowed()).isTrue();
	}

	@Test
	void attemptsInFlightCountOnceAnAddressHasFailed() {
		LoginThrottle throttle = throttle(3, 100);
		failTimes(throttle, "10.0.0.1", 1);
		LoginThrottle.Attempt first = throttle.acquire("10.0.0.1");
		LoginThrottle.Attempt second = throttle.acquire("10.0.0.1");
		assertThat(first.allowed()).isTrue();
		assertThat(second.allowed()).isTrue();
		assertThat(throttle.acquire("10.0.0.1").allowed()).as("third in flight").isFalse();
		first.close();
		second.close();
		assertThat(throttle.acquire("10.0.0.1").allowed()).isTrue();
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		assertThat(LoginThrottle.key("2001:db8:1:2::1")).isEqualTo(LoginThrottle.key("2001:db8:1:2:ffff:1:2:3"))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(LoginThrottle.key("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.key("2001:db8:1:2::1"));
		assertThat(LoginThrottle.key("127.0.0.2")).isEqualTo("127.0.0.2");
		LoginThrottle throttle = throttle(2, 100);
		failTimes(throttle, "2001:db8:1:2::1", 1);
		failTimes(throttle, "2001:db8:1:2::2", 1);
		assertThat(throttle.acquire("2001:db8:1:2::3").allowed()).isFalse();
	}

	@Test
	void theTableOfAddressesIsBounded() {
		LoginThrottle throttle = throttle(1, 2);
		failTimes(throttle, "10.0.0.1", 1);
		failTimes(throttle, "10.0.0.2", 1);
		failTimes(throttle, "10.0.0.3", 1);
		assertThat(throttle.acquire("10.0.0.3").allowed()).isFalse();
		assertThat(throttle.acquire("10.0.0.1").allowed()).as("forgotten first").isTrue();
	}

	@Test
	void unusableSettingsNameTheirProperty() {
		PkiSecurityProperties.LoginThrottle settings = new PkiSecurityProperties.LoginThrottle();
		settings.setMaxFailures(0);
		assertThatExceptionOfType(InvalidPkiPropertyException.class)
			.isThrownBy(() -> new LoginThrottle(settings, this.clock))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pki.security.login-throttle.max-failures"));
		settings.setMaxFailures(1);
		settings.setWindow(Duration.ZERO);
		assertThatExceptionOfType(InvalidPkiPropertyException.class)
			.isThrownBy(() -> new LoginThrottle(settings, this.clock))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("pki.security.login-throttle.window"));
	}

	private LoginThrottle throttle(int maxFailures, int maxClients) {
		PkiSecurityProperties.LoginThrottle settings = new PkiSecurityProperties.LoginThrottle();
		settings.setMaxFailures(maxFailures);
		settings.setMaxClients(maxClients);
		return new LoginThrottle(settings, this.clock);
	}

	private static void failTimes(LoginThrottle throttle, String address, int times) {
		for (int i = 0; i < times; i++) {
			try (LoginThrottle.Attempt attempt = throttle.acquire(address)) {
				assertThat(attempt.allowed()).isTrue();
				attempt.failed();
			}
		}
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
