package io.selfobs.autoconfigure.supportbundle;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * The support bundle, {@code /actuator/supportbundle}: a zip of the service's state for
 * an operator to share. Served only when exposed, and only on a separate management port
 * unless {@code otel.support-bundle.allow-on-server-port} is set. One bundle is made at a
 * time; a second request meanwhile gets 429.
 */
@WebEndpoint(id = "supportbundle")
public class SupportBundleEndpoint {

	static final MimeType APPLICATION_ZIP = MimeType.valueOf("application/zip");

	private final SupportBundleWriter writer;

	private final boolean allowOnServerPort;

	private final AtomicBoolean busy = new AtomicBoolean();

	SupportBundleEndpoint(SupportBundleWriter writer, boolean allowOnServerPort) {
		this.writer = writer;
		this.allowOnServerPort = allowOnServerPort;
	}

	/**
	 * Make a bundle.
	 * @param namespace the server the request came to
	 * @return the zip; 404 on the main server port unless allowed there; 429 while
	 * another bundle is being made
	 */
	@ReadOperation(produces = "application/zip")
	public WebEndpointResponse<byte[]> bundle(WebServerNamespace namespace) {
		if (WebServerNamespace.SERVER.equals(namespace) && !this.allowOnServerPort) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (!this.busy.compareAndSet(false, true)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_TOO_MANY_REQUESTS);
		}
		try {
			return new WebEndpointResponse<>(this.writer.write(), APPLICATION_ZIP);
		}
		finally {
			this.busy.set(false);
		}
	}

}
