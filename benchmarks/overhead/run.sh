#!/usr/bin/env bash
# Overhead benchmark: the same Spring Boot 4 application in several variants (plain, selfobs over http/protobuf and
# gRPC, selfobs with the collector down, the OpenTelemetry Java agent, Spring Boot's OpenTelemetry starter), loaded
# by wrk on loopback, interleaved over several rounds, each figure reported as a ratio to plain per round.
#
#   benchmarks/overhead/run.sh [--rounds N] [--warmup SECONDS] [--duration SECONDS] [--connections N] [--paced-rate N]
#                              [--variants "plain selfobs-http ..."] [--out DIR] [--profile [--profile-variant NAME]] [--no-build]
#                              [--pki-rounds N] [--pki-warmup SECONDS] [--pki-duration SECONDS] [--no-pki]
#
# Writes DIR/results.tsv (one line per run), DIR/results.md (the table), DIR/runs/* (raw wrk output, logs, JFR),
# DIR/profile.md (with --profile) and DIR/pki.md (EST enrolment rate against the raw signing rate, see pki.sh).
# Needs: JDK 17+ (java, jcmd, jfr), Maven, python3, curl, taskset, wrk (installed with apt-get when missing).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROUNDS=2
# Longest warm-up; it ends earlier once the JIT compilers have gone quiet (see warm_up)
WARMUP=180
DURATION=20
CONNECTIONS=16
# Requests/s of the latency run at a fixed, moderate rate (after the saturated run)
PACED_RATE=1000
PACED_DURATION=15
VARIANTS="plain selfobs-http selfobs-no-events selfobs-grpc selfobs-down agent-http boot-http otel-starter-http"
# Also known: agent-grpc, and selfobs-http minus one feature: selfobs-no-events, selfobs-no-otlp-logs,
# selfobs-text-console, selfobs-no-jdbc-spans, selfobs-no-events-no-jdbc-spans, selfobs-unsampled, selfobs-no-otlp-metrics, otel-starter-grpc
OUT="$ROOT/benchmarks/overhead/target/$(date -u +%Y%m%dT%H%M%SZ)"
PROFILE=false
PROFILE_VARIANT=selfobs-http
BUILD=true
PKI=true
PKI_ROUNDS=2
PKI_WARMUP=180
PKI_DURATION=10
AGENT_VERSION=2.33.1
# One core for the application, the other for wrk, the OTLP sink and the probes; override on bigger machines.
APP_CPUS="${APP_CPUS:-0}"
LOAD_CPUS="${LOAD_CPUS:-1}"
# The processor count is fixed: the warm-up widens the application's CPU set for a while (see warm_up)
JVM_OPTS=(-Xmx512m -XX:+UseSerialGC -XX:ActiveProcessorCount="$(taskset -c "$APP_CPUS" nproc)")
METRICS_INTERVAL_MS=10000

while [[ $# -gt 0 ]]; do
	case "$1" in
		--rounds) ROUNDS="$2"; shift 2 ;;
		--warmup) WARMUP="$2"; shift 2 ;;
		--duration) DURATION="$2"; shift 2 ;;
		--connections) CONNECTIONS="$2"; shift 2 ;;
		--paced-rate) PACED_RATE="$2"; shift 2 ;;
		--variants) VARIANTS="$2"; shift 2 ;;
		--out) OUT="$2"; shift 2 ;;
		--profile) PROFILE=true; shift ;;
		--profile-variant) PROFILE_VARIANT="$2"; shift 2 ;;
		--no-build) BUILD=false; shift ;;
		--pki-rounds) PKI_ROUNDS="$2"; shift 2 ;;
		--pki-warmup) PKI_WARMUP="$2"; shift 2 ;;
		--pki-duration) PKI_DURATION="$2"; shift 2 ;;
		--no-pki) PKI=false; shift ;;
		*) echo "Unknown option $1 (see the header of $0)" >&2; exit 2 ;;
	esac
done

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=pki.sh
source "$HERE/pki.sh"

require_tools() {
	if ! command -v wrk >/dev/null; then
		log "installing wrk"
		apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
	fi
	for tool in java jcmd jfr mvn python3 curl taskset; do
		command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
	done
	if [[ "$(nproc)" -lt 2 ]]; then
		log "fewer than 2 CPUs: no pinning"
		APP_CPUS=0
		LOAD_CPUS=0
	fi
}

build() {
	local modules=benchmarks/bench-app,benchmarks/bench-app-selfobs,benchmarks/bench-app-boot-otel,benchmarks/bench-app-otel-starter,benchmarks/bench-tools
	[[ "$PKI" == true ]] && pki_available && modules+=",sample-app"
	log "building $modules"
	(cd "$ROOT" && mvn -B -q -pl "$modules" -am package -DskipTests)
	log "fetching the OpenTelemetry Java agent $AGENT_VERSION with Maven"
	(cd "$ROOT" && mvn -B -q -N dependency:copy \
		-Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" \
		-DoutputDirectory="$ROOT/benchmarks/overhead/target/agent" -Dmdep.stripVersion=true)
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_sink() {
	local tools="$ROOT/benchmarks/bench-tools/target"
	rm -f "$OUT/sink.ports"
	taskset -c "$LOAD_CPUS" java -Xmx256m -XX:+UseSerialGC -cp "$tools/classes:$(cat "$tools/classpath.txt")" \
		io.selfobs.bench.tools.OtlpSink "$OUT/sink.ports" >"$OUT/sink.log" 2>&1 &
	SINK_PID=$!
	for _ in $(seq 200); do [[ -f "$OUT/sink.ports" ]] && break; sleep 0.1; done
	# shellcheck disable=SC1091
	source "$OUT/sink.ports"
	log "OTLP sink: http/protobuf on $HTTP_PORT, gRPC on $GRPC_PORT"
}

sink_counts() {
	curl -s "http://127.0.0.1:$HTTP_PORT/counts"
}

# Sets APP_CP, APP_ARGS, APP_ENV, READY_PATH for a variant.
configure_variant() {
	local variant="$1" port="$2"
	local app="$ROOT/benchmarks/bench-app/target"
	local plain_cp="$app/selfobs-bench-app-0.1.0-SNAPSHOT.jar:$(cat "$app/classpath.txt")"
	APP_CP="$plain_cp"
	APP_ARGS=(--server.port="$port")
	APP_ENV=()
	READY_PATH=/work
	case "$variant" in
		plain) ;;
		selfobs-*)
			APP_CP="$app/selfobs-bench-app-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/benchmarks/bench-app-selfobs/target/classpath.txt")"
			local endpoint="http://127.0.0.1:$HTTP_PORT" protocol=http/protobuf
			[[ "$variant" == selfobs-grpc ]] && endpoint="http://127.0.0.1:$GRPC_PORT" && protocol=grpc
			# nothing listens there: the collector is down for the whole run
			[[ "$variant" == selfobs-down ]] && endpoint="http://127.0.0.1:$(free_port)"
			local console=ecs sampler=always_on
			# Cost breakdown: everything on (selfobs-http) minus one feature
			case "$variant" in
				selfobs-http | selfobs-grpc | selfobs-down) ;;
				selfobs-no-events) APP_ARGS+=(--otel.logging.request-events.enabled=false) ;;
				selfobs-no-otlp-logs) APP_ARGS+=(--otel.logging.enabled=false) ;;
				selfobs-text-console) console=text ;;
				selfobs-no-jdbc-spans) APP_ARGS+=(--otel.instrumentation.jdbc.enabled=false) ;;
				selfobs-no-events-no-jdbc-spans) APP_ARGS+=(--otel.logging.request-events.enabled=false
					--otel.instrumentation.jdbc.enabled=false) ;;
				selfobs-unsampled) sampler=always_off ;;
				selfobs-no-otlp-metrics) APP_ARGS+=(--otel.metrics.enabled=false) ;;
				*) echo "Unknown variant $variant" >&2; exit 2 ;;
			esac
			APP_ARGS+=(--otel.exporter.otlp.endpoint="$endpoint" --otel.exporter.otlp.protocol="$protocol"
				--otel.metrics.interval-in-millis="$METRICS_INTERVAL_MS" --otel.traces.sampler="$sampler"
				--otel.logging.console.format="$console")
			READY_PATH=/readyz
			;;
		agent-http | agent-grpc)
			local endpoint="http://127.0.0.1:$HTTP_PORT" protocol=http/protobuf
			[[ "$variant" == agent-grpc ]] && endpoint="http://127.0.0.1:$GRPC_PORT" && protocol=grpc
			APP_ENV=(OTEL_SERVICE_NAME=bench-app OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint"
				OTEL_EXPORTER_OTLP_PROTOCOL="$protocol" OTEL_TRACES_SAMPLER=always_on
				OTEL_TRACES_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp OTEL_LOGS_EXPORTER=otlp
				OTEL_METRIC_EXPORT_INTERVAL="$METRICS_INTERVAL_MS")
			APP_JAVA_OPTS=(-javaagent:"$ROOT/benchmarks/overhead/target/agent/opentelemetry-javaagent.jar")
			;;
		boot-http)
			APP_CP="$ROOT/benchmarks/bench-app-boot-otel/target/classes:$(cat "$ROOT/benchmarks/bench-app-boot-otel/target/classpath.txt")"
			local base="http://127.0.0.1:$HTTP_PORT"
			APP_ARGS+=(--management.tracing.sampling.probability=1.0
				--management.opentelemetry.tracing.export.otlp.endpoint="$base/v1/traces"
				--management.otlp.metrics.export.url="$base/v1/metrics"
				--management.otlp.metrics.export.step="${METRICS_INTERVAL_MS}ms"
				--management.opentelemetry.logging.export.otlp.endpoint="$base/v1/logs")
			;;
		otel-starter-http | otel-starter-grpc)
			# The OpenTelemetry Spring Boot starter, configured as its documentation shows (otel.* properties)
			APP_CP="$app/selfobs-bench-app-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/benchmarks/bench-app-otel-starter/target/classpath.txt")"
			local endpoint="http://127.0.0.1:$HTTP_PORT" protocol=http/protobuf
			[[ "$variant" == otel-starter-grpc ]] && endpoint="http://127.0.0.1:$GRPC_PORT" && protocol=grpc
			APP_ARGS+=(--otel.service.name=bench-app --otel.exporter.otlp.endpoint="$endpoint"
				--otel.exporter.otlp.protocol="$protocol" --otel.traces.sampler=always_on
				--otel.metric.export.interval="$METRICS_INTERVAL_MS")
			;;
		*) echo "Unknown variant $variant" >&2; exit 2 ;;
	esac
}

# Heap in use and the number of GCs logged so far: with the GCs' before->after sizes in between, the bytes
# allocated in a window (report.py).
heap_mark() {
	jcmd "$1" GC.heap_info >"$2-heap.txt"
	wc -l <"$(dirname "$2")/gc.log" >"$2-gc-lines"
}

# CPU time (user and system clock ticks) and context switches of every thread of the process, by thread name: with a second mark, where the CPU of a
# window went (request threads, JIT compilers, GC, export threads; report.py).
cpu_mark() {
	local task stat comm fields
	for task in /proc/"$1"/task/*; do
		stat="$(cat "$task/stat" 2>/dev/null)" || continue
		comm="${stat#*(}"
		comm="${comm%)*}"
		read -r -a fields <<<"${stat##*) }"
		printf '%s\t%s\t%s\t%s\t%s\n' "${task##*/}" "$comm" "${fields[11]}" "${fields[12]}" \
			"$(awk '/ctxt_switches/ {sum += $2} END {print sum}' "$task/status" 2>/dev/null)"
	done >"$2-cpu.tsv"
}

java_threads() {
	# Java threads, without the ones the measurement itself starts (JFR, the attach listener)
	jcmd "$1" Thread.print 2>/dev/null | grep -E '^".*" #[0-9]+ ' | grep -vcE '^"(JFR |Attach Listener)' || true
}

# Waits until the URL answers 200, or fails when the process has died.
await_ok() {
	local pid="$1" url="$2" output="$3" code=000
	until [[ "$code" == 200 ]]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "the application did not start, see $output"
			return 1
		fi
		sleep 0.02
		code=$(taskset -c "$LOAD_CPUS" curl -sk -o /dev/null -w '%{http_code}' "$url" || true)
	done
}

stop_app() {
	local pid="$1"
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# Loads the application (wrk with the given connections and script arguments) in 10 s steps until its JIT
# compilers used less than 2 % of a step, for at least 30 s and at most the given seconds. Pinned to one core, the compilers would get 2 of 18 busy threads' share and a large
# application would need many minutes to settle, so during the warm-up the application may also run on the load
# generator's CPUs; the last 10 s, and the measurement, run on the application's CPUs alone again (threads started
# later inherit that). The warm-up seconds used are reported.
warm_up() {
	local pid="$1" dir="$2" longest="$3" connections="$4" elapsed=0 compiler_ticks
	shift 4
	taskset -a -cp "$APP_CPUS,$LOAD_CPUS" "$pid" >/dev/null
	: >"$dir/warmup.txt"
	while ((elapsed < longest)); do
		cpu_mark "$pid" "$dir/warmup-step-before"
		taskset -c "$LOAD_CPUS" wrk -t1 -c"$connections" -d10s "$@" >>"$dir/warmup.txt"
		cpu_mark "$pid" "$dir/warmup-step-after"
		elapsed=$((elapsed + 10))
		compiler_ticks=$(python3 "$HERE/report.py" compiler-ticks "$dir/warmup-step-before-cpu.tsv" \
			"$dir/warmup-step-after-cpu.tsv")
		((elapsed >= 30 && compiler_ticks < 20)) && break
	done
	echo "$elapsed" >"$dir/warmup_s"
	taskset -a -cp "$APP_CPUS" "$pid" >/dev/null
	# measured / warm-up tail shows whether the application had settled
	taskset -c "$LOAD_CPUS" wrk -t1 -c"$connections" -d10s "$@" >"$dir/warmup-tail.txt"
}

# Runs one variant; with a JFR settings file as third argument, records the whole run with it (started with the
# JVM: starting JFR in a running JVM slows it down for many seconds, so it is never started during measurement).
run_variant() {
	local round="$1" variant="$2" jfr_settings="${3:-}"
	local dir="$OUT/runs/r$round-$variant" port
	mkdir -p "$dir"
	port="$(free_port)"
	APP_JAVA_OPTS=()
	configure_variant "$variant" "$port"
	APP_JAVA_OPTS+=(-Xlog:gc:file="$dir/gc.log")
	[[ -n "$jfr_settings" ]] && APP_JAVA_OPTS+=(-XX:StartFlightRecording=settings="$jfr_settings",filename="$dir/recording.jfr",name=bench)
	local start
	start=$(date +%s%N)
	env "${APP_ENV[@]}" taskset -c "$APP_CPUS" java "${JVM_OPTS[@]}" "${APP_JAVA_OPTS[@]}" -cp "$APP_CP" \
		io.selfobs.bench.app.BenchApplication "${APP_ARGS[@]}" >"$dir/stdout.log" 2>&1 &
	local pid=$!
	await_ok "$pid" "http://127.0.0.1:$port$READY_PATH" "$dir/stdout.log" || return 0
	echo $((($(date +%s%N) - start) / 1000000)) >"$dir/startup_ms"
	local url="http://127.0.0.1:$port"
	warm_up "$pid" "$dir" "$WARMUP" "$CONNECTIONS" -s "$HERE/mix.lua" "$url"
	sink_counts >"$dir/sink_before"
	heap_mark "$pid" "$dir/before"
	cpu_mark "$pid" "$dir/before"
	date -u +%Y-%m-%dT%H:%M:%S.%NZ >"$dir/window_start"
	taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/mix.lua" "$url" >"$dir/wrk.txt"
	cpu_mark "$pid" "$dir/after"
	heap_mark "$pid" "$dir/after"
	taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${PACED_DURATION}s" --latency -s "$HERE/mix.lua" "$url" \
		-- "$((CONNECTIONS * 1000 / PACED_RATE))" >"$dir/paced.txt"
	[[ -n "$jfr_settings" ]] && jcmd "$pid" JFR.dump name=bench filename="$dir/recording.jfr" >/dev/null
	grep VmRSS "/proc/$pid/status" | awk '{print $2}' >"$dir/rss_kb"
	grep Threads "/proc/$pid/status" | awk '{print $2}' >"$dir/os_threads"
	java_threads "$pid" >"$dir/java_threads"
	sleep 1
	sink_counts >"$dir/sink_after"
	stop_app "$pid"
	log "$variant round $round: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') req/s, started in $(cat "$dir/startup_ms") ms"
}

main() {
	require_tools
	mkdir -p "$OUT/runs"
	[[ "$BUILD" == true ]] && build
	start_sink
	trap 'kill $SINK_PID 2>/dev/null || true' EXIT
	{
		echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "command: benchmarks/overhead/run.sh --rounds $ROUNDS --warmup $WARMUP --duration $DURATION --connections $CONNECTIONS --paced-rate $PACED_RATE --variants \"$VARIANTS\" --pki-rounds $PKI_ROUNDS --pki-warmup $PKI_WARMUP --pki-duration $PKI_DURATION"
		echo "nproc: $(nproc)"
		echo "app CPUs: $APP_CPUS, load generator and sink CPUs: $LOAD_CPUS"
		echo "jvm: $(java -version 2>&1 | head -1), options: ${JVM_OPTS[*]}"
		echo "wrk: $(wrk -v 2>&1 | head -1)"
		echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
	} >"$OUT/machine.txt"
	lscpu | head -20 >>"$OUT/machine.txt"
	for round in $(seq "$ROUNDS"); do
		for variant in $VARIANTS; do
			run_variant "$round" "$variant"
		done
	done
	if [[ "$PROFILE" == true ]]; then
		log "profiling $PROFILE_VARIANT (JFR profile settings)"
		run_variant profile "$PROFILE_VARIANT" "$HERE/profile.jfc"
		python3 "$HERE/report.py" profile "$OUT/runs/rprofile-$PROFILE_VARIANT/recording.jfr" \
			"$(cat "$OUT/runs/rprofile-$PROFILE_VARIANT/window_start")" >"$OUT/profile.md"
	fi
	python3 "$HERE/report.py" table "$OUT" >"$OUT/results.md"
	cat "$OUT/results.md"
	[[ "$PKI" == true ]] && pki_benchmark
	echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
	log "results in $OUT"
}

main
