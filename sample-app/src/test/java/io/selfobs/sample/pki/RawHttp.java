package io.selfobs.sample.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do: choose the client's source address
 * (any of 127.0.0.0/8 is local on Linux, so a test can be a second client machine), or send a path exactly as
 * written.
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
	 * Send one request over plain HTTP from a chosen local address to the server on the loopback interface.
	 */
	public static Response plain(String sourceAddress, int port, String method, String path,
			Map<String, String> headers, String body) throws IOException {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port,
				InetAddress.getByName(sourceAddress), 0)) {
			return exchange(socket, method, path, headers, body);
		}
	}

	/**
	 * Send one request over TLS from a chosen local address to the server on the loopback interface.
	 */
	public static Response tls(SSLContext context, String sourceAddress, int port, String method, String path,
			Map<String, String> headers, String body) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress), 0)) {
			socket.startHandshake();
			return exchange(socket, method, path, headers, body);
		}
	}

	private static Response exchange(Socket socket, String method, String path, Map<String, String> headers,
			String body) throws IOException {
		socket.setSoTimeout(30_000);
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
			.append("Host: localhost\r\nConnection: close\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(content);
		out.flush();
		return parse(socket.getInputStream().readAllBytes());
	}

	private static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headerEnd = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, headerEnd).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = 0;
		while (position < chunked.length) {
			int lineEnd = indexOfCrlf(chunked, position);
			String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOfCrlf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return bytes.length;
	}

}
