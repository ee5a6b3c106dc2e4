package io.selfobs.autoconfigure.logging.internal.console;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The console writer's reusable batch buffer: lines are appended as bytes (or UTF-8
 * encoded from a {@link CharSequence} without an intermediate string) and written with
 * one call. Not thread-safe; internal, not API.
 */
final class ConsoleBuffer {

	private static final int INITIAL = 16 * 1024;

	/**
	 * Larger buffers (one huge stack trace) are given back after the batch that needed
	 * them.
	 */
	private static final int RETAINED = 256 * 1024;

	private byte[] bytes = new byte[INITIAL];

	private int size;

	int size() {
		return this.size;
	}

	void append(byte[] data) {
		ensure(data.length);
		System.arraycopy(data, 0, this.bytes, this.size, data.length);
		this.size += data.length;
	}

	/**
	 * Append the text as UTF-8 (an unpaired surrogate becomes {@code ?}, as
	 * {@link String#getBytes} does).
	 */
	void appendUtf8(CharSequence text) {
		int length = text.length();
		// At most three bytes per char (a surrogate pair, two chars, takes four): room
		// for
		// the whole text once, not a check per char
		ensure(Math.multiplyExact(length, 3));
		byte[] bytes = this.bytes;
		int size = this.size;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes[size++] = (byte) c;
			}
			else if (c < 0x800) {
				bytes[size++] = (byte) (0xC0 | (c >> 6));
				bytes[size++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, text.charAt(++i));
				bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
				bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				bytes[size++] = '?';
			}
			else {
				bytes[size++] = (byte) (0xE0 | (c >> 12));
				bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				bytes[size++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.size = size;
	}

	/**
	 * Write and empty the buffer. A failing stream loses this batch; the next one is
	 * tried again.
	 */
	void writeTo(OutputStream out) {
		if (this.size == 0) {
			return;
		}
		try {
			out.write(this.bytes, 0, this.size);
			out.flush();
		}
		catch (IOException ex) {
			// stdout closed: nothing better to do with a console line
		}
		this.size = 0;
	}

	void trim() {
		if (this.bytes.length > RETAINED) {
			this.bytes = new byte[INITIAL];
		}
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
		}
	}

}
