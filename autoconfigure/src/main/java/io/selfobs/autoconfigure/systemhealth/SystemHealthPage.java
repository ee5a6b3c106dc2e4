package io.selfobs.autoconfigure.systemhealth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.selfobs.autoconfigure.worker.QueueStatus;
import io.selfobs.autoconfigure.worker.WorkerStatus;
import org.jspecify.annotations.Nullable;

import static io.selfobs.autoconfigure.systemhealth.Html.escape;

/**
 * Renders a {@link ServiceSnapshot} as one self-contained HTML page: no script, no
 * external resource, status given in words as well as colour, tables that stack into
 * labelled cards on narrow screens. Every value is escaped. Internal, not API.
 */
final class SystemHealthPage {

	private static final String OK = "ok";

	private static final String WARN = "warn";

	private static final String BAD = "bad";

	private static final String OFF = "off";

	private static final String STYLE = """
			:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45}
			body{margin:0;background:#f6f7f9;color:#1a1a1a}
			header,main{max-width:80rem;margin:0 auto;padding:0 1rem}
			header{padding-top:1rem}
			h1{font-size:1.5rem;margin:.5rem 0}
			h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
			.meta{margin:0;color:#333}
			.meta span{display:inline-block;margin-right:1.25rem}
			table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #c9ced6}
			caption{text-align:left;padding:.25rem 0;color:#333}
			th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #dde1e6;vertical-align:top}
			th{background:#eceff3;font-weight:600}
			td.num{font-variant-numeric:tabular-nums}
			.status{display:inline-block;padding:.05rem .5rem;border-radius:.25rem;font-weight:700;border:1px solid}
			.ok .status,.status.ok{background:#e6f4ea;color:#14532d;border-color:#14532d}
			.warn .status,.status.warn{background:#fff4d6;color:#5c3d00;border-color:#5c3d00}
			.bad .status,.status.bad{background:#fde8e8;color:#7f1010;border-color:#7f1010}
			.off .status,.status.off{background:#eceff3;color:#333;border-color:#555}
			tr.bad{background:#fff5f5}
			tr.warn{background:#fffaeb}
			.empty{color:#333;font-style:italic}
			footer{max-width:80rem;margin:1.5rem auto;padding:0 1rem;color:#333;font-size:.9rem}
			@media (max-width:42rem){
			 table,caption,thead,tbody,tr,th,td{display:block}
			 caption{padding:.4rem .6rem}
			 thead{position:absolute;left:-9999px}
			 tr{border-bottom:2px solid #c9ced6;padding:.25rem 0}
			 td{border:0;padding:.2rem .6rem}
			 td::before{content:attr(data-label) ": ";font-weight:600}
			}
			""";

	private final SystemHealthProperties properties;

	SystemHealthPage(SystemHealthProperties properties) {
		this.properties = properties;
	}

	String render(ServiceSnapshot snapshot) {
		StringBuilder html = new StringBuilder(8192);
		String service = snapshot.service().getOrDefault("service.name", "service");
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
		long refresh = this.properties.getRefreshInterval().toSeconds();
		if (refresh > 0) {
			html.append("<meta http-equiv=\"refresh\" content=\"").append(refresh).append("\">\n");
		}
		html.append("<title>System health – ")
			.append(escape(service))
			.append("</title>\n<style>")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<header>\n<h1>System health: ")
			.append(escape(service))
			.append("</h1>\n<p class=\"meta\">");
		meta(html, "Version", snapshot.service().getOrDefault("service.version", "unknown"));
		meta(html, "Instance", snapshot.service().get("service.instance.id"));
		meta(html, "Environment", snapshot.service().get("deployment.environment.name"));
		meta(html, "Generated", snapshot.takenAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " UTC");
		html.append("</p>\n</header>\n<main>\n");
		probes(html, snapshot);
		workers(html, snapshot);
		queues(html, snapshot);
		pipelines(html, snapshot);
		html.append("</main>\n<footer>");
		html.append((refresh > 0) ? "This page reloads every " + refresh + " s." : "Reload the page to update it.");
		html.append(" Times are UTC.</footer>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void meta(StringBuilder html, String label, @Nullable String value) {
		if (value != null) {
			html.append("<span><strong>").append(label).append(":</strong> ").append(escape(value)).append("</span>");
		}
	}

	private static void sectionStart(StringBuilder html, String id, String title, String caption, String... columns) {
		html.append("<section aria-labelledby=\"")
			.append(id)
			.append("\">\n<h2 id=\"")
			.append(id)
			.append("\">")
			.append(title)
			.append("</h2>\n<table id=\"")
			.append(id)
			.append("-table\">\n<caption>")
			.append(caption)
			.append("</caption>\n<thead><tr>");
		for (String column : columns) {
			html.append("<th scope=\"col\">").append(column).append("</th>");
		}
		html.append("</tr></thead>\n<tbody>\n");
	}

	private static void sectionEnd(StringBuilder html) {
		html.append("</tbody>\n</table>\n</section>\n");
	}

	private static void empty(StringBuilder html, int columns, String text) {
		html.append("<tr><td class=\"empty\" colspan=\"")
			.append(columns)
			.append("\">")
			.append(text)
			.append("</td></tr>\n");
	}

	private static String cell(String label, String content) {
		return "<td data-label=\"" + label + "\">" + content + "</td>";
	}

	private static String number(String label, long value) {
		return "<td class=\"num\" data-label=\"" + label + "\">" + value + "</td>";
	}

	private static String badge(String level, String text) {
		return "<span class=\"status " + level + "\">" + escape(text) + "</span>";
	}

	private void probes(StringBuilder html, ServiceSnapshot snapshot) {
		sectionStart(html, "probes", "Probes", "Kubernetes probes and the components that decide them", "Probe",
				"Status", "Failing components");
		if (snapshot.groups().isEmpty()) {
			empty(html, 3, "Actuator health is not available.");
		}
		for (ServiceSnapshot.Group group : snapshot.groups()) {
			String level = "UP".equals(group.status()) ? OK : BAD;
			String failing = group.failing()
				.stream()
				.map((member) -> escape(member.name()) + " (" + escape(member.status()) + ")")
				.collect(Collectors.joining(", "));
			html.append("<tr class=\"")
				.append(level)
				.append("\" data-probe=\"")
				.append(escape(group.name()))
				.append("\"><th scope=\"row\" data-label=\"Probe\">")
				.append(escape(group.name()))
				.append("</th>")
				.append(cell("Status", badge(level, group.status())))
				.append(cell("Failing components", failing.isEmpty() ? "none" : failing))
				.append("</tr>\n");
		}
		sectionEnd(html);
	}

	private void workers(StringBuilder html, ServiceSnapshot snapshot) {
		sectionStart(html, "workers", "Workers",
				"Background workers; stalled means no successful cycle within the " + "stall threshold", "Worker",
				"Status", "Last successful cycle", "Cycles", "Failed cycles", "Consecutive failures", "Items delivered",
				"Items failed", "Last error");
		if (snapshot.workers().isEmpty()) {
			empty(html, 9, "No worker is registered.");
		}
		for (WorkerStatus worker : snapshot.workers()) {
			String level = worker.stalled() ? BAD : (worker.consecutiveFailures() > 0) ? WARN : OK;
			String state = worker.stalled() ? "STALLED (threshold " + Html.duration(worker.stallThreshold()) + ")"
					: worker.state().name();
			html.append("<tr class=\"")
				.append(level)
				.append("\" data-worker=\"")
				.append(escape(worker.name()))
				.append("\" data-state=\"")
				.append(worker.state().name())
				.append("\"><th scope=\"row\" data-label=\"Worker\">")
				.append(escape(worker.name()))
				.append("</th>")
				.append(cell("Status", badge(level, state)))
				.append(cell("Last successful cycle",
						escape(Html.since(worker.lastSuccessfulCycle(), snapshot.takenAt(), "never"))))
				.append(number("Cycles", worker.cycles()))
				.append(number("Failed cycles", worker.failedCycles()))
				.append(number("Consecutive failures", worker.consecutiveFailures()))
				.append(number("Items delivered", worker.itemsDelivered()))
				.append(number("Items failed", worker.itemsFailed()))
				.append(cell("Last error", (worker.lastError() != null) ? escape(worker.lastError()) : "none"))
				.append("</tr>\n");
		}
		sectionEnd(html);
	}

	private void queues(StringBuilder html, ServiceSnapshot snapshot) {
		sectionStart(html, "queues", "Durable queues",
				"Warning from an oldest item of " + Html.duration(this.properties.getQueueAgeWarning())
						+ ", critical from " + Html.duration(this.properties.getQueueAgeCritical()),
				"Queue", "Status", "Depth", "Oldest item age", "Read at");
		if (snapshot.queues().isEmpty()) {
			empty(html, 5, "No durable queue is registered.");
		}
		for (QueueStatus queue : snapshot.queues()) {
			Duration age = queue.oldestItemAge();
			String level = (queue.sampleError() != null) ? WARN : level(age);
			String status = (queue.sampleError() != null) ? "UNREADABLE" : switch (level) {
				case BAD -> "BACKED UP";
				case WARN -> "DELAYED";
				default -> "OK";
			};
			html.append("<tr class=\"")
				.append(level)
				.append("\" data-queue=\"")
				.append(escape(queue.name()))
				.append("\" data-depth=\"")
				.append(queue.depth())
				.append("\" data-oldest-age-seconds=\"")
				.append((age != null) ? age.toSeconds() : 0)
				.append("\"><th scope=\"row\" data-label=\"Queue\">")
				.append(escape(queue.name()))
				.append("</th>")
				.append(cell("Status",
						badge(level, status)
								+ ((queue.sampleError() != null) ? " " + escape(queue.sampleError()) : "")))
				.append(number("Depth", queue.depth()))
				.append(cell("Oldest item age", (age != null) ? escape(Html.duration(age)) : "empty"))
				.append(cell("Read at", escape(Html.since(queue.sampledAt(), snapshot.takenAt(), "never"))))
				.append("</tr>\n");
		}
		sectionEnd(html);
	}

	private String level(@Nullable Duration age) {
		if (age == null) {
			return OK;
		}
		if (age.compareTo(this.properties.getQueueAgeCritical()) >= 0) {
			return BAD;
		}
		return (age.compareTo(this.properties.getQueueAgeWarning()) >= 0) ? WARN : OK;
	}

	private void pipelines(StringBuilder html, ServiceSnapshot snapshot) {
		sectionStart(html, "pipelines", "Telemetry pipelines", "OTLP export per signal (credentials never shown)",
				"Signal", "Status", "Destination", "Last successful export", "Exported batches", "Failed batches",
				"Dropped items");
		for (ServiceSnapshot.Pipeline pipeline : snapshot.pipelines()) {
			String level;
			String status;
			if (!pipeline.exporting()) {
				level = OFF;
				status = "OFF";
			}
			else if (pipeline.failed() > 0 || pipeline.dropped() > 0) {
				boolean recovered = pipeline.lastSuccess() != null;
				level = recovered ? WARN : BAD;
				status = recovered ? "LOSSES" : "FAILING";
			}
			else {
				level = OK;
				status = "OK";
			}
			html.append("<tr class=\"")
				.append(level)
				.append("\" data-signal=\"")
				.append(escape(pipeline.signal()))
				.append("\"><th scope=\"row\" data-label=\"Signal\">")
				.append(escape(pipeline.signal()))
				.append("</th>")
				.append(cell("Status", badge(level, status)))
				.append(cell("Destination", pipeline.exporting()
						? escape(pipeline.destination()) + " (" + escape(pipeline.transport()) + ")" : "not exported"))
				.append(cell("Last successful export",
						escape(Html.since(pipeline.lastSuccess(), snapshot.takenAt(), "never since start"))))
				.append(number("Exported batches", pipeline.exportedBatches()))
				.append(cell("Failed batches", byReason(pipeline.failed(), pipeline.failedBatches())))
				.append(cell("Dropped items", byReason(pipeline.dropped(), pipeline.droppedItems())))
				.append("</tr>\n");
		}
		sectionEnd(html);
	}

	private static String byReason(long total, Map<String, Long> byReason) {
		if (total == 0) {
			return "0";
		}
		List<String> reasons = byReason.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.map((entry) -> escape(entry.getKey()) + ": " + entry.getValue())
			.toList();
		return total + " (" + String.join(", ", reasons) + ")";
	}

}
