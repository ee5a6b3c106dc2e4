#!/usr/bin/env python3
"""Turns the raw output of benchmarks/overhead/run.sh into tables.

  report.py table OUT_DIR      results.tsv next to the runs, and a markdown table on stdout
  report.py alloc RUN_DIR      bytes allocated in a run's measured window
  report.py profile RECORDING [WINDOW_START]
                               where allocation and CPU samples go (JFR recording made with profile.jfc; events
                               before WINDOW_START, an ISO instant, are left out), markdown on stdout
  report.py pki OUT_DIR        EST enrolment rates against the raw signing rates, markdown on stdout
  report.py compiler-ticks BEFORE AFTER
                               CPU ticks of the JIT compiler threads between two per-thread CPU marks
"""
import collections
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

BASELINE = "plain"
# Collector down is compared with the same starter and transport with the collector up.
PAIRS = {"selfobs-down": "selfobs-http"}
# Frames that mark work the application does anyway, whatever wraps it.
APPLICATION_WORK = ("org.apache.catalina.core.ApplicationFilterChain", "io.selfobs.bench.app", "org.h2.",
                    "com.zaxxer.hikari")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}
OBSERVABILITY = ("io.selfobs.autoconfigure", "io.opentelemetry", "io.micrometer", "co.elastic.logging",
                 "ch.qos.logback", "org.slf4j", "io.prometheus", "okhttp3", "io.grpc", "net.ttddyy",
                 "org.springframework.boot.micrometer", "org.springframework.boot.opentelemetry",
                 "org.springframework.web.filter.ServerHttpObservationFilter")


# Inclusive view of the profile: a sample counts for every part whose frame is on its stack, unless application
# work lies above that frame (the JDBC proxy does not own the database's work).
PARTS = [
    ("request event: the whole `RequestEventFilter.logAccess`", "io.selfobs.autoconfigure.logging.internal.request.RequestEventFilter.logAccess"),
    ("ECS encoding of application log lines (`SelfobsEcsEncoder.encode`)", "io.selfobs.autoconfigure.logging.ecs.SelfobsEcsEncoder.encode"),
    ("OTLP log record creation (`OtlpLogAppender`)", "io.selfobs.autoconfigure.logging.internal.otlp.OtlpLogAppender."),
    ("console writer thread (`ConsoleWriter`: ECS encoding, batched writes)", "io.selfobs.autoconfigure.logging.internal.console.ConsoleWriter."),
    ("redaction (`io.selfobs.autoconfigure.redaction`)", "io.selfobs.autoconfigure.redaction."),
    ("JDBC observation (`io.selfobs.autoconfigure.jdbc`: statement wrapper, span and timer, not the driver)",
     "io.selfobs.autoconfigure.jdbc."),
    ("observation start (`SimpleObservation.start`: handlers, span start, propagation)", "io.micrometer.observation.SimpleObservation.start"),
    ("observation stop (`SimpleObservation.stop`: timers, span end)", "io.micrometer.observation.SimpleObservation.stop"),
    ("span export thread (`BatchSpanProcessor`: queue, redaction, marshalling, HTTP)", "io.opentelemetry.sdk.trace.export.BatchSpanProcessor"),
    ("log export thread (`BatchLogRecordProcessor`)", "io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor"),
    ("OTLP metrics push (`OtlpMeterRegistry`)", "io.micrometer.registry.otlp.OtlpMeterRegistry"),
    ("the application's own code (`io.selfobs.bench.app`)", "io.selfobs.bench.app."),
]


def jfr_events(recording, events, stack_depth=64):
    """Streams events of a JFR recording (jfr print's text form: recordings of a whole run are too large for its
    JSON form in memory) as (type, fields, frames); frames are 'package.Class.method' from the top."""
    command = ["jfr", "print", "--stack-depth", str(stack_depth), "--events", events, str(recording)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        event_type, values, frames, in_stack = None, {}, [], False
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.endswith("{") and not line.startswith(" "):
                event_type, values, frames, in_stack = line[:-1].strip(), {}, [], False
            elif line == "}":
                yield event_type, values, frames
            elif line.strip() == "stackTrace = [":
                in_stack = True
            elif in_stack:
                if line.strip() == "]":
                    in_stack = False
                elif line.strip() != "...":
                    frames.append(line.strip().split("(", 1)[0])
            elif " = " in line:
                key, value = line.strip().split(" = ", 1)
                values[key] = value


SIZE_UNITS = {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def jfr_size(text):
    number, unit = text.split()
    return float(number) * SIZE_UNITS[unit]


def allocated_bytes(run):
    """Bytes allocated in the measured window: the growth of the heap in use plus what each GC in between freed."""
    used = {mark: heap_used(run / f"{mark}-heap.txt") for mark in ("before", "after")}
    first, last = (int((run / f"{mark}-gc-lines").read_text()) for mark in ("before", "after"))
    gcs = (run / "gc.log").read_text().splitlines()[first:last]
    freed = 0
    for line in gcs:
        match = re.search(r"(\d+)([KMG])->(\d+)([KMG])\(", line)
        if match:
            freed += size(match.group(1), match.group(2)) - size(match.group(3), match.group(4))
    return used["after"] - used["before"] + freed


def heap_used(path):
    """Sum of 'used' over the generations in jcmd GC.heap_info (Serial and Parallel print one line each)."""
    return sum(int(k) * 1024 for k in re.findall(r"generation\s+total \d+K, used (\d+)K", path.read_text()))


def size(number, unit):
    return int(number) * {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[unit]


def latency_ms(text, percentile):
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    return float(match.group(1)) * UNITS[match.group(2)]


def sink(path):
    text = path.read_text().strip() if path.exists() else ""
    return {key: int(value) for key, value in (pair.split("=") for pair in text.split())}


def exported(before, after, suffix):
    return {key.rsplit(".", 2)[0]: after[key] - before.get(key, 0) for key in after if key.endswith(suffix)
            and after[key] - before.get(key, 0) > 0}


# Thread names (Linux keeps the first 15 characters) by what the thread does.
THREAD_GROUPS = [
    ("request threads", ("http-nio-",)),
    ("JIT compiler", ("C1 CompilerThre", "C2 CompilerThre")),
    ("GC and VM", ("VM Thread", "GC Thread", "VM Periodic")),
    # /proc truncates thread names to 15 characters: selfobs-console-writer
    ("console writer", ("selfobs-console",)),
    ("export", ("BatchSpanProces", "BatchLogRecordP", "otlp-", "OkHttp", "Okio", "okhttp", "grpc", "prometheus",
                "PeriodicMetric", "micrometer")),
]
CLOCK_TICKS = 100


def thread_group(name):
    return next((group for group, prefixes in THREAD_GROUPS if name.startswith(prefixes)), "other")


def cpu_marks(path):
    rows = (line.split("\t") for line in Path(path).read_text().splitlines())
    return {tid: (name, [int(value or 0) for value in values]) for tid, name, *values in rows}


def ticks_between(before, after, group=None):
    """CPU ticks (user and system) the threads of a group, or all, used between two marks."""
    before, after = cpu_marks(before), cpu_marks(after)
    return sum(sum(values[:2]) - sum(before.get(tid, (name, [0, 0]))[1][:2])
               for tid, (name, values) in after.items() if group in (None, thread_group(name)))


def cpu_by_group(run):
    """CPU ticks of the measured window by thread group, from the per-thread marks (threads started in between
    count from zero)."""
    before, after = cpu_marks(run / "before-cpu.tsv"), cpu_marks(run / "after-cpu.tsv")
    groups = collections.Counter()
    for tid, (name, values) in after.items():
        old = before.get(tid, (name, [0] * len(values)))[1]
        user, system, switches = (new - was for new, was in zip(values, old))
        groups[thread_group(name)] += user + system
        groups["system"] += system
        groups["switches"] += switches
    return groups


def paced_latency(run):
    """Latency at the fixed moderate rate (run.sh --paced-rate), where it is not queueing behind saturation."""
    paced = run / "paced.txt"
    if not paced.exists():
        return {}
    text = paced.read_text()
    return {"paced p50": latency_ms(text, 50), "paced p99": latency_ms(text, 99),
            "paced rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}


def measure(run):
    wrk = (run / "wrk.txt").read_text()
    requests = int(re.search(r"(\d+) requests in", wrk).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
    socket_errors = re.search(r"Socket errors: (.*)", wrk)
    before, after = sink(run / "sink_before"), sink(run / "sink_after")
    items = exported(before, after, ".items")
    tail = run / "warmup-tail.txt"
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
    return {
        "rps": rps,
        "settled": (rps / float(re.search(r"Requests/sec:\s+([\d.]+)", tail.read_text()).group(1))
                    if tail.exists() else float("nan")),
        "p50": latency_ms(wrk, 50),
        "p99": latency_ms(wrk, 99),
        **paced_latency(run),
        "startup": int((run / "startup_ms").read_text()),
        "warmup": int((run / "warmup_s").read_text()) if (run / "warmup_s").exists() else float("nan"),
        "rss": int((run / "rss_kb").read_text()) / 1024,
        "threads": int((run / "java_threads").read_text()),
        "os_threads": int((run / "os_threads").read_text()),
        "alloc": allocated_bytes(run) / requests / 1024,
        **cpu_per_request(run, requests),
        "requests": requests,
        "errors": (int(errors.group(1)) if errors else 0),
        "socket_errors": (socket_errors.group(1) if socket_errors else ""),
        "exported": " ".join(f"{signal}={count / requests:.2f}" for signal, count in sorted(items.items())),
    }


def cpu_per_request(run, requests):
    """Process CPU per request served (µs), in total and by thread group."""
    if not (run / "before-cpu.tsv").exists():
        return {}
    groups = cpu_by_group(run)
    per_request = {f"cpu {group}": groups[group] * 1e6 / CLOCK_TICKS / requests
                   for group in [group for group, _ in THREAD_GROUPS] + ["other"]}
    total = sum(groups[group] for group in [group for group, _ in THREAD_GROUPS] + ["other"])
    return {"cpu": total * 1e6 / CLOCK_TICKS / requests, **per_request,
            "cpu system": groups["system"] * 1e6 / CLOCK_TICKS / requests,
            "switches": groups["switches"] / requests}


COLUMNS = [  # key, heading, format, how it compares with the baseline
    ("rps", "req/s", "{:.0f}", "ratio"),
    ("p50", "p50 ms", "{:.2f}", "ratio"),
    ("p99", "p99 ms", "{:.2f}", "ratio"),
    ("paced p50", "p50 ms at fixed rate", "{:.2f}", "ratio"),
    ("paced p99", "p99 ms at fixed rate", "{:.2f}", "ratio"),
    ("startup", "startup ms", "{:.0f}", "delta"),
    ("rss", "RSS MiB", "{:.0f}", "ratio"),
    ("threads", "threads", "{:.0f}", "delta"),
    ("alloc", "alloc KiB/req", "{:.1f}", "ratio"),
    ("cpu", "CPU µs/req", "{:.0f}", "ratio"),
]


def table(out):
    out = Path(out)
    runs = {}
    for run in sorted((out / "runs").iterdir()):
        match = re.fullmatch(r"r(\d+)-(.+)", run.name)
        if match and (run / "wrk.txt").exists():
            runs[(int(match.group(1)), match.group(2))] = measure(run)
    if not runs:
        print("No measured runs.")
        return
    with open(out / "results.tsv", "w") as tsv:
        keys = list(next(iter(runs.values())).keys())
        tsv.write("round\tvariant\t" + "\t".join(keys) + "\n")
        for (round_, variant), values in sorted(runs.items()):
            tsv.write(f"{round_}\t{variant}\t" + "\t".join(str(values[key]) for key in keys) + "\n")
    # in the order they ran
    order = sorted(runs, key=lambda key: (key[0], (out / "runs" / f"r{key[0]}-{key[1]}" / "wrk.txt").stat().st_mtime))
    variants = list(dict.fromkeys(variant for _, variant in order))
    rounds = sorted({round_ for round_, _ in runs})
    lines = ["Medians over %d rounds; below each, the per-round comparison with `%s` run in the same round as "
             "median (min–max): a ratio for rates, sizes and latencies, a difference for startup (ms) and "
             "threads." % (len(rounds), BASELINE), ""]
    lines.append("| variant | " + " | ".join(heading for _, heading, _, _ in COLUMNS) + " |")
    lines.append("|---" * (len(COLUMNS) + 1) + "|")
    for variant in variants:
        mine = [runs[(r, variant)] for r in rounds if (r, variant) in runs]
        cells = [fmt.format(statistics.median(run[key] for run in mine)) for key, _, fmt, _ in COLUMNS]
        lines.append(f"| **{variant}** | " + " | ".join(cells) + " |")
        for baseline in ([BASELINE] + ([PAIRS[variant]] if variant in PAIRS else [])):
            if variant == BASELINE:
                continue
            cells = [compare(runs, rounds, variant, baseline, key, kind) for key, _, _, kind in COLUMNS]
            lines.append(f"| vs {baseline} | " + " | ".join(cells) + " |")
    lines += ["", "Exported per request (items the OTLP sink decoded during the measured load, per request served), "
              "Java threads and OS threads after load, HTTP errors, and req/s of the measured run over req/s of the "
              "last 10 s of warm-up (about 1 when the JIT had settled), and the seconds of load the warm-up needed "
              "until the JIT compilers went quiet (min–max over rounds), and the rate the fixed-rate latency run reached:", ""]
    lines.append("| variant | exported per request | Java threads | OS threads | non-2xx | socket errors | measured / warm-up tail | warm-up s | fixed-rate req/s |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for variant in variants:
        mine = [runs[(r, variant)] for r in rounds if (r, variant) in runs]
        lines.append(f"| {variant} | {mine[-1]['exported'] or '—'} | {statistics.median(m['threads'] for m in mine):.0f}"
                     f" | {statistics.median(m['os_threads'] for m in mine):.0f} | {sum(m['errors'] for m in mine)}"
                     f" | {'; '.join(m['socket_errors'] for m in mine if m['socket_errors']) or '—'}"
                     f" | {min(m['settled'] for m in mine):.2f}–{max(m['settled'] for m in mine):.2f}"
                     f" | {min(m['warmup'] for m in mine):.0f}–{max(m['warmup'] for m in mine):.0f}"
                     f" | {statistics.median(m['paced rps'] for m in mine):.0f} |")
    cpu_groups = [group for group, _ in THREAD_GROUPS] + ["other"]
    if all("cpu" in run for run in runs.values()):
        lines += ["", "Where the process CPU of the measured window went, µs per request served (median over rounds; "
                  "per-thread CPU time from `/proc/<pid>/task/*/stat` before and after the load):", ""]
        lines.append("| variant | total | " + " | ".join(cpu_groups) + " | of which kernel | context switches/req |")
        lines.append("|---" * (len(cpu_groups) + 4) + "|")
        for variant in variants:
            mine = [runs[(r, variant)] for r in rounds if (r, variant) in runs]
            cells = [f"{statistics.median(m['cpu ' + group] for m in mine):.0f}" for group in cpu_groups]
            lines.append(f"| {variant} | {statistics.median(m['cpu'] for m in mine):.0f} | " + " | ".join(cells)
                         + f" | {statistics.median(m['cpu system'] for m in mine):.0f}"
                         + f" | {statistics.median(m['switches'] for m in mine):.2f} |")
    lines += overhead_lines(runs, rounds, variants)
    print("\n".join(lines))


AGENT = "agent-http"
BOOT = "boot-http"
OTEL_STARTER = "otel-starter-http"


def overhead(runs, rounds, variant, key, baseline=BASELINE):
    """Per round, the variant's figure minus the baseline's of the same round."""
    return [runs[(r, variant)][key] - runs[(r, baseline)][key] for r in rounds
            if (r, variant) in runs and (r, baseline) in runs]


def spread(values, fmt="{:+.1f}"):
    if not values:
        return "—"
    return (fmt.format(statistics.median(values)) + " (" + fmt.format(min(values)) + "–" + fmt.format(max(values))
            + ")")


def overhead_lines(runs, rounds, variants):
    """CPU and allocation overhead per request over plain, and selfobs' as a multiple of the agent's: the
    figures the overhead targets are stated in."""
    if BASELINE not in variants or not all("cpu" in run for run in runs.values()):
        return []
    lines = ["", "Overhead per request over `%s` in the same round, median (min–max) over rounds; the last column "
             "divides a variant's CPU overhead by the agent's of the same round:" % BASELINE, ""]
    lines.append("| variant | CPU µs/req over plain | alloc KiB/req over plain | × agent's CPU overhead |")
    lines.append("|---|---|---|---|")
    for variant in variants:
        if variant == BASELINE:
            continue
        cpu = overhead(runs, rounds, variant, "cpu")
        alloc = overhead(runs, rounds, variant, "alloc")
        agent = overhead(runs, rounds, AGENT, "cpu")
        multiple = [mine / theirs for mine, theirs in zip(cpu, agent) if theirs > 0] if AGENT in variants else []
        lines.append(f"| {variant} | {spread(cpu)} | {spread(alloc)} | {spread(multiple, '{:.2f}')} |")
    lines += target_lines(runs, rounds, variants)
    return lines


def median_or_nan(values):
    return statistics.median(values) if values else float("nan")


def target_lines(runs, rounds, variants):
    """The overhead targets that one run of this benchmark can decide, met or not, with the figures."""
    def over(variant, key):
        return median_or_nan(overhead(runs, rounds, variant, key))

    def ratio(variant, key):
        return median_or_nan([runs[(r, variant)][key] / runs[(r, BASELINE)][key] for r in rounds
                              if (r, variant) in runs and (r, BASELINE) in runs])

    def verdict(ok):
        return "—" if ok is None else ("met" if ok else "**missed**")

    def check(mine, bound):
        return None if mine != mine or bound != bound else mine <= bound

    rows = []
    if "selfobs-http" in variants and AGENT in variants:
        mine, agent = over("selfobs-http", "cpu"), over(AGENT, "cpu")
        rows.append(("1. everything on: CPU overhead ≤ the agent's", f"{mine:.1f} vs {agent:.1f} µs", check(mine, agent)))
        mine, agent = ratio("selfobs-http", "rps"), ratio(AGENT, "rps")
        rows.append(("1. everything on: throughput ratio ≥ the agent's", f"{mine:.3f} vs {agent:.3f}", check(agent, mine)))
    if "selfobs-no-events" in variants:
        peers = [p for p in (AGENT, BOOT) if p in variants]
        if peers:
            mine, best = over("selfobs-no-events", "cpu"), min(over(p, "cpu") for p in peers)
            rows.append(("2. request events off: CPU overhead ≤ the lower of agent's and Boot's",
                         f"{mine:.1f} vs {best:.1f} µs", check(mine, best)))
        if "selfobs-http" in variants:
            cpu = median_or_nan([a - b for a, b in zip(overhead(runs, rounds, "selfobs-http", "cpu"),
                                                      overhead(runs, rounds, "selfobs-no-events", "cpu"))])
            alloc = median_or_nan([a - b for a, b in zip(overhead(runs, rounds, "selfobs-http", "alloc"),
                                                        overhead(runs, rounds, "selfobs-no-events", "alloc"))])
            rows.append(("3. one request event: ≤ 5 µs CPU", f"{cpu:.1f} µs", check(cpu, 5.0)))
            rows.append(("3. one request event: ≤ 2 KiB allocated", f"{alloc:.2f} KiB", check(alloc, 2.0)))
    if "selfobs-http" in variants:
        p99 = ratio("selfobs-http", "paced p99")
        rows.append(("4. p99 at the fixed rate ≤ 1.2 × plain", f"{p99:.2f} ×", check(p99, 1.2)))
        if AGENT in variants:
            mine, agent = over("selfobs-http", "alloc"), over(AGENT, "alloc")
            rows.append(("4. allocation overhead ≤ the agent's", f"{mine:.1f} vs {agent:.1f} KiB", check(mine, agent)))
        if BOOT in variants:
            mine, boot = over("selfobs-http", "startup"), over(BOOT, "startup")
            rows.append(("5. startup tax ≤ Boot's starter's", f"{mine:+.0f} vs {boot:+.0f} ms", check(mine, boot)))
        threads = over("selfobs-http", "threads")
        rows.append(("5. at most +5 Java threads over plain", f"{threads:+.0f}", check(threads, 5)))
    if not rows:
        return []
    lines = ["", "Targets this run decides (medians of the per-round figures above):", "",
             "| target | figure | |", "|---|---|---|"]
    lines += [f"| {name} | {figure} | {verdict(ok)} |" for name, figure, ok in rows]
    return lines


def compare(runs, rounds, variant, baseline, key, kind):
    values = []
    for r in rounds:
        if (r, variant) in runs and (r, baseline) in runs:
            mine, base = runs[(r, variant)][key], runs[(r, baseline)][key]
            values.append(mine / base if kind == "ratio" else mine - base)
    if not values:
        return "—"
    fmt = "{:.3f}" if kind == "ratio" else "{:+.0f}"
    return (fmt.format(statistics.median(values)) + " (" + fmt.format(min(values)) + "–" + fmt.format(max(values))
            + ")")


def profile(recording, window_start=None):
    """Allocation and CPU samples by the observability frame that owns them (else the top frame); window_start is
    an ISO instant of the same day: jfr print shows times of day."""
    window_start = window_start.split("T")[1][:12] if window_start else None
    lines = []
    # TLAB events, weighted by the TLAB (or object) size, estimate allocation without bias; the throttled
    # jdk.ObjectAllocationSample of JDK 17 credits the bytes of skipped samples to the next one, which favours
    # the first allocation after a thread wakes up.
    for event_types, title in (({"jdk.ObjectAllocationInNewTLAB": "tlabSize",
                                 "jdk.ObjectAllocationOutsideTLAB": "allocationSize"}, "Allocation (TLAB estimate)"),
                               ({"jdk.ExecutionSample": None}, "CPU (execution samples)")):
        by_frame = collections.Counter()
        by_component = collections.Counter()
        by_part = collections.Counter()
        total = 0
        for event_type, values, names in jfr_events(recording, ",".join(event_types)):
            if window_start and values["startTime"] < window_start:
                continue
            weight_field = event_types[event_type]
            weight = jfr_size(values[weight_field]) if weight_field else 1
            total += weight
            observed = observability_frame(names)
            by_component[component(observed) if observed else "application, server, JDK"] += weight
            by_frame[observed or (names[0] if names else "?")] += weight
            for part, prefix in PARTS:
                if owns(names, prefix):
                    by_part[part] += weight
        lines += [f"### {title}", "", "| where | share |", "|---|---|"]
        lines += [f"| {name} | {100 * weight / total:.1f} % |" for name, weight in by_component.most_common(12)]
        lines += ["", "| part (inclusive, without the application work it wraps) | share |", "|---|---|"]
        lines += [f"| {part} | {100 * by_part[part] / total:.1f} % |" for part, _ in PARTS]
        lines += ["", "| observability frame (else top frame) | share |", "|---|---|"]
        lines += [f"| `{name}` | {100 * weight / total:.1f} % |" for name, weight in by_frame.most_common(15)]
        lines.append("")
    print("\n".join(lines))


def process_cpu_ms(run, suffix):
    """CPU milliseconds the whole process used between two per-thread marks of a PKI run."""
    return ticks_between(run / f"before-{suffix}-cpu.tsv", run / f"after-{suffix}-cpu.tsv") * 1e3 / CLOCK_TICKS


def pki(out):
    out = Path(out) / "pki"
    signing, verifying = {}, {}
    for provider in ("BC", "SunEC"):
        text = (out / f"signing-{provider}.txt").read_text()
        signing[provider] = float(re.search(r"\bper_second=([\d.]+)", text).group(1))
        verify = re.search(r"verify_per_second=([\d.]+)", text)
        verifying[provider] = float(verify.group(1)) if verify else None
    runs = {}
    for run in sorted(out.iterdir()):
        match = re.fullmatch(r"r(\d+)-(export-on|export-off)", run.name)
        for connections in (1, 4):
            wrk = run / f"wrk-c{connections}.txt"
            if match and wrk.exists():
                text = wrk.read_text()
                errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
                runs[(int(match.group(1)), match.group(2), connections)] = {
                    "cpu": process_cpu_ms(run, f"c{connections}") / int(re.search(r"(\d+) requests in", text).group(1)),
                    "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
                    "p50": latency_ms(text, 50), "p99": latency_ms(text, 99),
                    "errors": int(errors.group(1)) if errors else 0}
    rounds = sorted({key[0] for key in runs})
    # An enrolment verifies the CSR's proof of possession and signs the certificate: one of each at least
    verification = (f" Verification rate: BouncyCastle {verifying['BC']:.0f}/s, SunEC {verifying['SunEC']:.0f}/s; "
                    f"one verification plus one signature with BouncyCastle: "
                    f"{1 / (1 / signing['BC'] + 1 / verifying['BC']):.0f}/s."
                    if None not in verifying.values() else "")
    lines = [f"Raw single-thread ECDSA P-256 signing rate on the application's core: BouncyCastle "
             f"{signing['BC']:.0f}/s, SunEC {signing['SunEC']:.0f}/s.{verification}", "",
             "| selfobs export | connections | enrolments/s | p50 ms | p99 ms | CPU ms/enrolment | × BC signing rate "
             "| × SunEC signing rate | vs export off | non-2xx |", "|---|---|---|---|---|---|---|---|---|---|"]
    for mode in ("export-on", "export-off"):
        for connections in (1, 4):
            mine = [runs[(r, mode, connections)] for r in rounds if (r, mode, connections) in runs]
            if not mine:
                continue
            rps = [m["rps"] for m in mine]
            ratios = [runs[(r, mode, connections)]["rps"] / runs[(r, "export-off", connections)]["rps"]
                      for r in rounds if (r, mode, connections) in runs and (r, "export-off", connections) in runs]
            versus = (f"{statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f})"
                      if mode == "export-on" and ratios else "—")
            lines.append(f"| {mode.replace('export-', '')} | {connections} | {statistics.median(rps):.1f} "
                         f"({min(rps):.1f}–{max(rps):.1f}) | {statistics.median(m['p50'] for m in mine):.0f} | "
                         f"{statistics.median(m['p99'] for m in mine):.0f} | {statistics.median(m['cpu'] for m in mine):.1f} | "
                         f"{statistics.median(rps) / signing['BC']:.4f} | "
                         f"{statistics.median(rps) / signing['SunEC']:.4f} | {versus} | {sum(m['errors'] for m in mine)} |")
    saturation = sorted(run for run in out.iterdir() if re.fullmatch(r"r\d+-saturation", run.name)
                        and (run / "wrk.txt").exists())
    if saturation:
        lines += ["", "EST `cacerts` at saturation (16 keep-alive HTTPS connections), every signal exported to a healthy "
                  "receiver:", "", "| round | requests/s | p99 ms | spans/request | log records/request | dropped |",
                  "|---|---|---|---|---|---|"]
        for run in saturation:
            text = (run / "wrk.txt").read_text()
            requests = int(re.search(r"(\d+) requests in", text).group(1))
            sent = exported(sink(run / "sink_before"), sink(run / "sink_after"), ".items")
            dropped = int((run / "dropped_after").read_text()) - int((run / "dropped_before").read_text())
            spans = sum(v for k, v in sent.items() if k.startswith("traces"))
            logs = sum(v for k, v in sent.items() if k.startswith("logs"))
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
            lines.append(f"| {run.name.split('-')[0][1:]} | {rps:.0f} "
                         f"| {latency_ms(text, 99):.0f} | {spans / requests:.2f} | {logs / requests:.2f} | {dropped} |")
    print("\n".join(lines))


def owns(names, prefix):
    """Whether the part is on the stack with no application work above it (the application's own part excepted)."""
    for name in names:
        if name.startswith(prefix):
            return True
        if name.startswith(APPLICATION_WORK) and not prefix.startswith(APPLICATION_WORK):
            return False
    return False


def observability_frame(names):
    """The innermost observability frame, unless the application's own work lies above it: a filter that wraps the
    chain, or a JDBC proxy that wraps the driver, does not own what runs inside."""
    for name in names:
        if name.startswith(OBSERVABILITY):
            return name
        if name.startswith(APPLICATION_WORK):
            return None
    return None


def component(frame):
    return next(prefix for prefix in OBSERVABILITY if frame.startswith(prefix))


if __name__ == "__main__":
    command, argument = sys.argv[1], sys.argv[2]
    if command == "table":
        table(argument)
    elif command == "alloc":
        print(allocated_bytes(Path(argument)))
    elif command == "compiler-ticks":
        print(ticks_between(argument, sys.argv[3], "JIT compiler"))
    elif command == "profile":
        profile(argument, sys.argv[3] if len(sys.argv) > 3 else None)
    elif command == "pki":
        pki(argument)
    else:
        sys.exit(__doc__)
