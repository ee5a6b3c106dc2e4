package io.selfobs.autoconfigure.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.selfobs.autoconfigure.health.ProbeTestApplication.Database;
import io.selfobs.autoconfigure.health.ProbeTestApplication.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes across the life of a process: while it starts, once a startup task
 * completes, and while it shuts down gracefully.
 */
class ProbesLifecycleIntegrationTests {

	private static final Duration BOUND = Duration.ofSeconds(60);

	@Test
	void probesFollowStartupAndGracefulShutdown() throws Exception {
		StartupControl control = new StartupControl();
		SpringApplication application = new SpringApplication(ProbeTestApplication.class, LifecycleProbes.class);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("startupControl", control));
		application.addListeners(control::webServerInitialized);
		try (Database database = new Database()) {
			CompletableFuture<ConfigurableApplicationContext> running = CompletableFuture
				.supplyAsync(() -> application.run(ProbeTestApplication.arguments(database)));
			int port = control.port.get(BOUND.toSeconds(), TimeUnit.SECONDS);

			// Runners still running: alive, but neither started nor ready
			await().atMost(BOUND).until(() -> get(port, "/livez").status() == 200);
			assertThat(get(port, "/startupz")).isEqualTo(down());
			assertThat(get(port, "/readyz").status()).isEqualTo(503);
			assertThat(get(port, "/healthz").status()).isEqualTo(200);

			// Runners done and the application ready, but the migration task is pending
			control.runnerMayFinish.countDown();
			ConfigurableApplicationContext context = running.get(BOUND.toSeconds(), TimeUnit.SECONDS);
			assertThat(get(port, "/startupz")).isEqualTo(down());
			assertThat(get(port, "/readyz")).isEqualTo(down());

			control.migration.complete();
			assertThat(get(port, "/startupz")).isEqualTo(up());
			assertThat(get(port, "/readyz")).isEqualTo(up());

			// What a SIGTERM does through the shutdown hook
			context.close();
			assertThat(control.readinessDuringShutdown).isEqualTo(outOfService());
			assertThat(control.livenessDuringShutdown).isEqualTo(up());
			assertThat(control.startupDuringShutdown).isEqualTo(up());
		}
	}

	private static Response get(int port, String path) {
		return ProbeTestApplication.get(port, path);
	}

	private static Response up() {
		return status(200, "UP");
	}

	private static Response down() {
		return status(503, "DOWN");
	}

	private static Response outOfService() {
		return status(503, "OUT_OF_SERVICE");
	}

	private static Response status(int code, String status) {
		return new Response(code, "{\"status\":\"" + status + "\"}", "application/vnd.spring-boot.actuator.v3+json");
	}

	/**
	 * Holds the runner until the test lets it finish, and records the probes while the
	 * context closes, before the web server stops taking requests.
	 */
	static final class StartupControl {

		final CompletableFuture<Integer> port = new CompletableFuture<>();

		final CountDownLatch runnerMayFinish = new CountDownLatch(1);

		volatile StartupTask migration;

		volatile Response readinessDuringShutdown;

		volatile Response livenessDuringShutdown;

		volatile Response startupDuringShutdown;

		void webServerInitialized(ApplicationEvent event) {
			if (event instanceof WebServerInitializedEvent initialized
					&& initialized.getApplicationContext().getServerNamespace() == null) {
				this.port.complete(initialized.getWebServer().getPort());
			}
		}

		void recordProbesDuringShutdown() {
			int port = this.port.join();
			this.readinessDuringShutdown = get(port, "/readyz");
			this.livenessDuringShutdown = get(port, "/livez");
			this.startupDuringShutdown = get(port, "/startupz");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LifecycleProbes {

		@Bean
		ApplicationRunner slowRunner(StartupControl control, StartupGate startupGate) {
			return (arguments) -> {
				control.migration = startupGate.begin("migration");
				control.runnerMayFinish.await(BOUND.toSeconds(), TimeUnit.SECONDS);
			};
		}

		@Bean
		SmartLifecycle probesDuringShutdown(StartupControl control) {
			// Default phase: stopped before the web server's graceful shutdown begins
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					control.recordProbesDuringShutdown();
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

			};
		}

	}

}
