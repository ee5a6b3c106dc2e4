package io.selfobs.autoconfigure.systemhealth;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * The System Health page, {@code /actuator/systemhealth}: an HTML page with the probes,
 * workers, durable queues and telemetry pipelines. Served only when exposed, and only on
 * a separate management port unless {@code otel.system-health.allow-on-server-port} is
 * set.
 */
@WebEndpoint(id = "systemhealth")
public class SystemHealthEndpoint {

	static final MimeType TEXT_HTML = MimeType.valueOf("text/html;charset=UTF-8");

	private final ServiceSnapshotReader reader;

	private final SystemHealthPage page;

	private final boolean allowOnServerPort;

	SystemHealthEndpoint(ServiceSnapshotReader reader, SystemHealthProperties properties) {
		this.reader = reader;
		this.page = new SystemHealthPage(properties);
		this.allowOnServerPort = properties.isAllowOnServerPort();
	}

	/**
	 * Render the page.
	 * @param namespace the server the request came to
	 * @return the page, or 404 on the main server port unless allowed there
	 */
	@ReadOperation(produces = "text/html;charset=UTF-8")
	public WebEndpointResponse<String> page(WebServerNamespace namespace) {
		if (WebServerNamespace.SERVER.equals(namespace) && !this.allowOnServerPort) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(this.page.render(this.reader.probesOnly()), TEXT_HTML);
	}

}
