package io.selfobs.sample.pki;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do: choose the
 * client's source address (any of 127.0.0.0/8 is local on Linux, so a test can be a
 * second client machine), or send a path exactly as written.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body, de-chunked
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * Send one request over plain HTTP from a chosen local address to the server on the
	 * loopback interface.
	 */
	public static Response plain(String sourceAddress, int port, String method, String path,
			Map<String, String> headers, String body) throws IOException {
		return plain(sourceAddress, port, request(method, path, headers, utf8(body)));
	}

	/**
	 * Send one request over TLS from a chosen local address to the server on the loopback
	 * interface.
	 */
	public static Response tls(SSLContext context, String sourceAddress, int port, String method, String path,
			Map<String, String> headers, String body) throws IOException {
		return tls(context, sourceAddress, port, request(method, path, headers, utf8(body)));
	}

	/**
	 * Send request bytes as they are over plain HTTP.
	 */
	public static Response plain(String sourceAddress, int port, byte[] request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress),
				0)) {
			return exchange(socket, request);
		}
	}

	/**
	 * Send request bytes as they are over TLS.
	 */
	public static Response tls(SSLContext context, String sourceAddress, int port, byte[] request) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress), 0)) {
			socket.startHandshake();
			return exchange(socket, request);
		}
	}

	/**
	 * An HTTP/1.1 request: {@code Host}, {@code Connection: close} and, with a body, its
	 * {@code Content-Length} (unless the headers set it or {@code Transfer-Encoding}) are
	 * added.
	 */
	public static byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(path)
			.append(" HTTP/1.1\r\n")
			.append("Host: localhost\r\nConnection: close\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		boolean framed = headers.keySet()
			.stream()
			.anyMatch((name) -> name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding"));
		if (body != null && !framed) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		if (body != null) {
			request.writeBytes(body);
		}
		return request.toByteArray();
	}

	private static byte[] utf8(String body) {
		return (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
	}

	private static Response exchange(Socket socket, byte[] request) throws IOException {
		socket.setSoTimeout(30_000);
		OutputStream out = socket.getOutputStream();
		out.write(request);
		out.flush();
		return read(new BufferedInputStream(socket.getInputStream()));
	}

	/**
	 * Read one response, framed by its {@code Content-Length} or chunks: a server that
	 * still waits for the rest of a refused body does not make the client wait for the
	 * end of the connection.
	 */
	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
				body.writeBytes(in.readNBytes(size));
				line(in);
			}
		}
		else if (headers.containsKey("content-length")) {
			body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
		}
		else {
			body.writeBytes(in.readAllBytes());
		}
		return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
	}

	private static int chunkSize(String line) {
		return Integer.parseInt(line.split(";")[0].trim(), 16);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
