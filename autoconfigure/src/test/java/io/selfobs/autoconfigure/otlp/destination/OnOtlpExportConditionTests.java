package io.selfobs.autoconfigure.otlp.destination;

import io.selfobs.autoconfigure.otlp.OtlpSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The condition report says which property switched a signal's export on or off.
 */
class OnOtlpExportConditionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TracesExportConfiguration.class);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					otel.enabled=false                              | false | otel.enabled is false
					otel.traces.enabled=false                       | false | otel.traces.enabled is false
					otel.traces.enabled=true                        | true  | otel.traces.enabled is true
					otel.traces.endpoint=http://collector:4318      | true  | otel.traces.endpoint is set
					otel.traces.hostname=collector                  | true  | otel.traces.hostname is set
					otel.exporter.otlp.endpoint=http://collector    | true  | otel.exporter.otlp.endpoint is set
					otel.metrics.endpoint=http://collector:4318     | false | none of otel.traces.endpoint, otel.traces.hostname and otel.exporter.otlp.endpoint
					""")
	void theReportNamesThePropertyThatDecided(String setting, boolean exported, String reason) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context.containsBean("exportMarker")).isEqualTo(exported);
			ConditionAndOutcomes outcomes = ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.get(TracesExportConfiguration.class.getName() + "#exportMarker");
			assertThat(outcomes).isNotNull();
			assertThat(outcomes.iterator().next().getOutcome().getMessage())
				.startsWith("@ConditionalOnOtlpExport TRACES")
				.contains(reason);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TracesExportConfiguration {

		@Bean
		@ConditionalOnOtlpExport(OtlpSignal.TRACES)
		String exportMarker() {
			return "exported";
		}

	}

}
