#!/usr/bin/env bash
# Download a support bundle from the running sample: a zip of its state (health, configuration with secrets masked,
# metrics, recent logs, thread dump, JVM facts, telemetry pipelines) that stays on this machine until you share it.
#
# Environment (all optional):
#   MANAGEMENT_URL     Actuator base URL, on the management port  (default http://127.0.0.1:8081/actuator)
#   OPERATOR_USER      operator user name                         (default operator)
#   OPERATOR_PASSWORD  operator password                          (default demo-operator-password)
#   OUT_DIR            where the zip goes                         (default ./support-bundles)
set -euo pipefail

MANAGEMENT_URL=${MANAGEMENT_URL:-http://127.0.0.1:8081/actuator}
OPERATOR_USER=${OPERATOR_USER:-operator}
OPERATOR_PASSWORD=${OPERATOR_PASSWORD:-demo-operator-password}
OUT_DIR=${OUT_DIR:-./support-bundles}

mkdir -p "$OUT_DIR"
file="$OUT_DIR/support-bundle-$(date -u +%Y%m%dT%H%M%SZ).zip"
partial="$file.part"
trap 'rm -f "$partial"' EXIT

# The password goes to curl on stdin (a config line), never on its command line where ps would show it.
status=$(printf 'user = "%s:%s"\n' "$OPERATOR_USER" "$OPERATOR_PASSWORD" \
  | curl --silent --show-error --config - --output "$partial" --write-out '%{http_code}' \
      "$MANAGEMENT_URL/supportbundle") || { echo "support-bundle: cannot reach $MANAGEMENT_URL" >&2; exit 1; }

case "$status" in
  200) ;;
  401) echo "support-bundle: the operator credentials were refused (HTTP 401)" >&2; exit 1 ;;
  404) echo "support-bundle: no support bundle at $MANAGEMENT_URL (HTTP 404): is this the management port, and is" \
            "'supportbundle' in management.endpoints.web.exposure.include?" >&2; exit 1 ;;
  429) echo "support-bundle: another bundle is being made; try again in a few seconds (HTTP 429)" >&2; exit 1 ;;
  *)   echo "support-bundle: unexpected HTTP $status" >&2; exit 1 ;;
esac

mv "$partial" "$file"
echo "Support bundle written to $(cd "$(dirname "$file")" && pwd)/$(basename "$file") ($(wc -c < "$file") bytes)."
echo "It stays on this machine; look inside with: unzip -l \"$file\" (manifest.json lists every section)."
