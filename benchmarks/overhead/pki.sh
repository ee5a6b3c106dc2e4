# PKI part of the benchmark, sourced by run.sh (uses its helpers and settings): the sample app's EST simpleenroll
# rate over keep-alive HTTPS (1 and 4 connections) with selfobs exporting everything and with all export off,
# against the raw single-thread ECDSA P-256 signing and verification rates (BouncyCastle and SunEC) measured in the
# same run; and the sample at its saturation throughput (EST cacerts over keep-alive HTTPS) with every signal
# exported to a healthy receiver, counting what reaches the receiver and what selfobs dropped.

PKI_JAR="$ROOT/sample-app/target/selfobs-sample-pki.jar"

pki_available() {
	[[ -f "$ROOT/sample-app/src/main/java/io/selfobs/sample/pki/est/EstController.java" ]]
}

signing_rates() {
	local tools="$ROOT/benchmarks/bench-tools/target"
	for provider in BC SunEC; do
		taskset -c "$APP_CPUS" java "${JVM_OPTS[@]}" -cp "$tools/classes:$(cat "$tools/classpath.txt")" \
			io.selfobs.bench.tools.SigningRate "$provider" 5 "$PKI_DURATION" >"$OUT/pki/signing-$provider.txt"
		log "raw signing and verification rates: $(cat "$OUT/pki/signing-$provider.txt")"
	done
}

# Sets PKI_ARGS for a mode: "export-on" (every signal to the sink over http/protobuf) or "export-off".
configure_pki_mode() {
	local mode="$1" data="$2" http_port="$3" est_port="$4"
	PKI_ARGS=(--pki.data-dir="$data" --server.port="$http_port" --pki.est.port="$est_port"
		--otel.logging.console.format=ecs)
	case "$mode" in
		export-on)
			PKI_ARGS+=(--otel.exporter.otlp.endpoint="http://127.0.0.1:$HTTP_PORT"
				--otel.exporter.otlp.protocol=http/protobuf --otel.metrics.interval-in-millis="$METRICS_INTERVAL_MS"
				--otel.traces.sampler=always_on) ;;
		export-off)
			PKI_ARGS+=(--otel.metrics.enabled=false --otel.traces.enabled=false --otel.logging.enabled=false) ;;
	esac
}

enroll_run() {
	local round="$1" mode="$2"
	local dir="$OUT/pki/r$round-$mode" http_port est_port
	mkdir -p "$dir"
	http_port="$(free_port)"
	est_port="$(free_port)"
	configure_pki_mode "$mode" "$dir/data" "$http_port" "$est_port"
	taskset -c "$APP_CPUS" java "${JVM_OPTS[@]}" -jar "$PKI_JAR" "${PKI_ARGS[@]}" >"$dir/stdout.log" 2>&1 &
	local pid=$!
	await_ok "$pid" "http://127.0.0.1:$http_port/readyz" "$dir/stdout.log" || return 0
	local url="https://127.0.0.1:$est_port"
	warm_up "$pid" "$dir" "$PKI_WARMUP" 4 -s "$HERE/est-enroll.lua" "$url" -- "$OUT/pki/device.csr.b64"
	for connections in 1 4; do
		sink_counts >"$dir/sink_before-c$connections"
		cpu_mark "$pid" "$dir/before-c$connections"
		taskset -c "$LOAD_CPUS" wrk -t1 -c"$connections" -d"${PKI_DURATION}s" --latency -s "$HERE/est-enroll.lua" \
			"$url" -- "$OUT/pki/device.csr.b64" >"$dir/wrk-c$connections.txt"
		cpu_mark "$pid" "$dir/after-c$connections"
		sink_counts >"$dir/sink_after-c$connections"
	done
	stop_app "$pid"
	log "EST $mode round $round: $(grep Requests/sec "$dir/wrk-c1.txt" | awk '{print $2}') enroll/s (1 connection)," \
		"$(grep Requests/sec "$dir/wrk-c4.txt" | awk '{print $2}') (4 connections)"
}

# Sums selfobs_export_dropped_total over all its series on the app's /metrics.
dropped_total() {
	curl -s "http://127.0.0.1:$1/metrics" | awk '/^selfobs_export_dropped_total/ { sum += $NF } END { printf "%d\n", sum }'
}

saturation_run() {
	local round="$1"
	local dir="$OUT/pki/r$round-saturation" http_port est_port
	mkdir -p "$dir"
	http_port="$(free_port)"
	est_port="$(free_port)"
	configure_pki_mode export-on "$dir/data" "$http_port" "$est_port"
	taskset -c "$APP_CPUS" java "${JVM_OPTS[@]}" -jar "$PKI_JAR" "${PKI_ARGS[@]}" >"$dir/stdout.log" 2>&1 &
	local pid=$!
	await_ok "$pid" "http://127.0.0.1:$http_port/readyz" "$dir/stdout.log" || return 0
	local url="https://127.0.0.1:$est_port/.well-known/est/demo/cacerts"
	warm_up "$pid" "$dir" "$PKI_WARMUP" 16 "$url"
	sleep 2
	sink_counts >"$dir/sink_before"
	dropped_total "$http_port" >"$dir/dropped_before"
	cpu_mark "$pid" "$dir/before"
	taskset -c "$LOAD_CPUS" wrk -t1 -c16 -d"${PKI_DURATION}s" --latency "$url" >"$dir/wrk.txt"
	cpu_mark "$pid" "$dir/after"
	# What the queues hold when the load stops is exported within one schedule delay
	sleep 3
	sink_counts >"$dir/sink_after"
	dropped_total "$http_port" >"$dir/dropped_after"
	stop_app "$pid"
	log "EST cacerts at saturation, round $round: $(grep Requests/sec "$dir/wrk.txt" | awk '{print $2}') req/s," \
		"dropped $(($(cat "$dir/dropped_after") - $(cat "$dir/dropped_before")))"
}

pki_benchmark() {
	if ! pki_available || [[ ! -f "$PKI_JAR" ]]; then
		log "the sample PKI app (EST server) is not in this tree: PKI part skipped"
		return 0
	fi
	mkdir -p "$OUT/pki"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT/pki/device.key" 2>/dev/null
	openssl req -new -key "$OUT/pki/device.key" -subj "/CN=bench-device-1" -outform DER \
		| base64 -w0 >"$OUT/pki/device.csr.b64"
	signing_rates
	for round in $(seq "$PKI_ROUNDS"); do
		for mode in export-on export-off; do
			enroll_run "$round" "$mode"
		done
		saturation_run "$round"
	done
	python3 "$HERE/report.py" pki "$OUT" >"$OUT/pki.md"
	cat "$OUT/pki.md"
}
