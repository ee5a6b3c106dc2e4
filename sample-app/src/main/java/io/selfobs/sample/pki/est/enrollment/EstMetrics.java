package io.selfobs.sample.pki.est.enrollment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.selfobs.sample.pki.config.ConditionalOnRole;
import io.selfobs.sample.pki.config.PkiProperties;
import io.selfobs.sample.pki.est.FailureReason;

import org.springframework.stereotype.Component;

/**
 * The EST slice's meters: the enrollment funnel and the outcome of each request (the
 * operation timer comes with its observation).
 */
@Component
@ConditionalOnRole(PkiProperties.Role.EST)
public class EstMetrics {

	private final MeterRegistry meters;

	EstMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	public void reached(EstAttempt attempt, EnrollmentStage stage) {
		Counter.builder("est.enrollment")
			.description("EST enrollment funnel: requests that reached each stage")
			.tag("dms_id", attempt.dmsId())
			.tag("operation", attempt.operation().label())
			.tag("stage", stage.label())
			.register(this.meters)
			.increment();
	}

	public void enrolled(EstAttempt attempt) {
		Counter.builder("est.enrollment.success")
			.description("EST enrollments that returned a certificate")
			.tag("dms_id", attempt.dmsId())
			.tag("operation", attempt.operation().label())
			.register(this.meters)
			.increment();
	}

	public void refused(EstAttempt attempt, FailureReason reason) {
		Counter.builder("est.enrollment.failed")
			.description("EST requests refused, by reason")
			.tag("dms_id", attempt.dmsId())
			.tag("failure_reason", reason.label())
			.register(this.meters)
			.increment();
	}

}
