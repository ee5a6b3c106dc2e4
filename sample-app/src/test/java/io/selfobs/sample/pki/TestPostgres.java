package io.selfobs.sample.pki;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from the Debian packages ({@code initdb} +
 * {@code pg_ctl}) in a temporary directory on a free port. As root (CI), the server runs
 * as the {@code postgres} user.
 */
public final class TestPostgres implements AutoCloseable {

	private final Path bin;

	private final Path directory;

	private final int port;

	private TestPostgres(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * The newest installed PostgreSQL bin directory, if any.
	 * @return the bin directory
	 */
	public static Optional<Path> binaries() {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing(
						(bin) -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	public static TestPostgres start() throws Exception {
		Path bin = binaries().orElseThrow();
		Path directory = Files.createTempDirectory("selfobs-pg");
		if (isRoot()) {
			run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
		}
		Path data = directory.resolve("data");
		int port = freePort();
		TestPostgres server = new TestPostgres(bin, directory, port);
		server.runAsOwner(bin.resolve("initdb"), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
				"--no-sync");
		server.runAsOwner(bin.resolve("pg_ctl"), "-D", data.toString(), "-l",
				directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
		try (Connection connection = DriverManager.getConnection(server.url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create database pki");
		}
		return server;
	}

	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	@Override
	public void close() throws Exception {
		try {
			runAsOwner(this.bin.resolve("pg_ctl"), "-D", this.directory.resolve("data").toString(), "-m", "immediate",
					"stop");
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private void runAsOwner(Path command, String... arguments) throws Exception {
		List<String> line = new ArrayList<>();
		if (isRoot()) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.add(command.toString());
		line.addAll(List.of(arguments));
		run(line);
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("Failed: " + String.join(" ", command) + "\n" + output);
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
