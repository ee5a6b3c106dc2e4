package io.selfobs.autoconfigure.logging.internal.request;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Counts the body bytes the application writes through the output stream (what Spring
 * MVC's message converters use); for a writer it falls back to the Content-Length header,
 * or reports the size as unknown.
 */
final class CountingResponse extends HttpServletResponseWrapper {

	private @Nullable CountingOutputStream stream;

	private boolean usedWriter;

	CountingResponse(HttpServletResponse response) {
		super(response);
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new CountingOutputStream(super.getOutputStream());
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		this.usedWriter = true;
		return super.getWriter();
	}

	/**
	 * The body size in bytes.
	 * @return the size, or -1 when unknown
	 */
	long bodyBytes() {
		if (this.stream != null && !this.usedWriter) {
			return this.stream.count;
		}
		String length = getHeader("Content-Length");
		if (length != null) {
			try {
				return Long.parseLong(length.trim());
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}
		return -1;
	}

	private static final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private long count;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
			this.count += len;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
