package io.selfobs.sample.pki.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the request bodies of the REST APIs: a declared length above the limit is
 * answered 413 without reading a byte; a body without a declared length stops being read
 * at the limit, and the request fails with 413 too. EST reads its bodies with the same
 * limit itself, to answer in its own format and count the refusal.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper json;

	public RequestBodyLimitFilter(long maxBytes, JsonMapper json) {
		this.maxBytes = maxBytes;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than the " + this.maxBytes + " bytes the server accepts");
			problem.setType(URI.create(Problems.TYPE_PREFIX + "request-too-large"));
			problem.setTitle(HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase());
			problem.setInstance(URI.create(request.getRequestURI()));
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			// the unread body is not worth keeping the connection for
			response.setHeader("Connection", "close");
			response.getWriter().write(this.json.writeValueAsString(problem));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	/**
	 * Whether a failure to read a body was this filter stopping it.
	 * @param failure the failure
	 * @return whether its cause chain has the limit in it
	 */
	static boolean tooLarge(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Read a body of at most {@code maxBytes}.
	 * @param in the body
	 * @param maxBytes the limit
	 * @return the bytes, or {@code null} when the body is longer
	 * @throws IOException when reading fails
	 */
	public static byte @Nullable [] readAtMost(InputStream in, long maxBytes) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		return (bytes.length > maxBytes) ? null : bytes;
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The request body is longer than " + maxBytes + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream stream = this.stream;
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), this.maxBytes);
				this.stream = stream;
			}
			return stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
