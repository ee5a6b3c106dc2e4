package io.selfobs.autoconfigure.systemhealth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.selfobs.autoconfigure.worker.QueueStatus;
import io.selfobs.autoconfigure.worker.WorkerStatus;
import org.jspecify.annotations.Nullable;

/**
 * Everything the System Health page and the support bundle show, read at one moment.
 * Internal, not API.
 *
 * @param takenAt when it was read
 * @param service service attributes: {@code service.name}, {@code service.version},
 * {@code service.instance.id}, {@code deployment.environment.name} when set
 * @param groups every health group (liveness, readiness, startup first), each with its
 * evaluated members
 * @param workers every worker
 * @param queues every durable queue
 * @param pipelines every telemetry signal
 */
public record ServiceSnapshot(Instant takenAt, Map<String, String> service, List<Group> groups,
		List<WorkerStatus> workers, List<QueueStatus> queues, List<Pipeline> pipelines) {

	/**
	 * A health group and its members.
	 *
	 * @param name group name ({@code liveness}, {@code readiness}, ...; {@code all} for
	 * every contributor)
	 * @param status aggregated status code
	 * @param members the evaluated members
	 */
	public record Group(String name, String status, List<Component> members) {

		/**
		 * Members whose status is not UP.
		 * @return the failing members
		 */
		public List<Component> failing() {
			return this.members.stream().filter((member) -> !"UP".equals(member.status())).toList();
		}

	}

	/**
	 * One health contributor.
	 *
	 * @param name contributor name, {@code parent/child} for members of a composite
	 * @param status status code
	 * @param details the contributor's details, values redacted
	 */
	public record Component(String name, String status, Map<String, Object> details) {
	}

	/**
	 * One telemetry signal's export pipeline.
	 *
	 * @param signal {@code metrics}, {@code traces} or {@code logs}
	 * @param exporting whether the signal is exported over OTLP
	 * @param destination where to, without user-info, query or headers; {@code null} when
	 * not exported
	 * @param transport {@code grpc} or {@code http/protobuf}; {@code null} when not
	 * exported
	 * @param lastSuccess when the collector last accepted a batch; {@code null} if never
	 * since start
	 * @param exportedBatches batches accepted
	 * @param failedBatches batches not delivered, by reason
	 * @param droppedItems items lost, by reason
	 */
	public record Pipeline(String signal, boolean exporting, @Nullable String destination, @Nullable String transport,
			@Nullable Instant lastSuccess, long exportedBatches, Map<String, Long> failedBatches,
			Map<String, Long> droppedItems) {

		/**
		 * All failed batches.
		 * @return the sum over reasons
		 */
		public long failed() {
			return this.failedBatches.values().stream().mapToLong(Long::longValue).sum();
		}

		/**
		 * All dropped items.
		 * @return the sum over reasons
		 */
		public long dropped() {
			return this.droppedItems.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
