#!/usr/bin/env bash
# A bounded, realistic mix of PKI traffic against a running sample app, for dashboards and benchmarks:
# enrollments (~60%), re-enrollments over mutual TLS (~15%), refused requests of several kinds (~20%) and
# revocations through the CA API, each followed by a CRL download (~5%). It starts with one request of each kind
# and each kind of refusal, so that every dashboard panel has data after a short run, then draws at random.
# Stops after DURATION seconds or MAX_REQUESTS requests, whichever first.
#
# Environment (all optional):
#   EST_URL       (default https://localhost:8443)      API_URL   (default http://localhost:8080)
#   TRUST_ANCHOR  (default ./data/tls/est-tls-ca.crt)   OPERATOR  (default operator:demo-operator-password)
#   DURATION      seconds (default 180)                 MAX_REQUESTS (default 2000)
#   PAUSE         seconds between requests (default 0.2)
set -euo pipefail

EST_URL=${EST_URL:-https://localhost:8443}
API_URL=${API_URL:-http://localhost:8080}
TRUST_ANCHOR=${TRUST_ANCHOR:-./data/tls/est-tls-ca.crt}
OPERATOR=${OPERATOR:-operator:demo-operator-password}
DURATION=${DURATION:-180}
MAX_REQUESTS=${MAX_REQUESTS:-2000}
PAUSE=${PAUSE:-0.2}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
est=(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 --cacert "$TRUST_ANCHOR")
status=000  # each request function sets it (no subshell, so the list of enrolled devices persists)
enrolled=()
declare -A outcomes=()

new_csr() { # name -> writes $work/$1.key and $work/$1.csr.b64
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$1.key" 2>/dev/null
  openssl req -new -key "$work/$1.key" -subj "/CN=$1" -outform DER | base64 > "$work/$1.csr.b64"
}

enroll() {
  local device="demo-$RANDOM$RANDOM"
  new_csr "$device"
  status=$(curl --silent --max-time 10 --cacert "$TRUST_ANCHOR" -H 'Content-Type: application/pkcs10' \
    --data-binary @"$work/$device.csr.b64" -o "$work/$device.p7" --write-out '%{http_code}' \
    "$EST_URL/.well-known/est/demo/simpleenroll")
  if [ "$status" = 200 ]; then
    base64 -di < "$work/$device.p7" | openssl pkcs7 -inform DER -print_certs -out "$work/$device.crt"
    enrolled+=("$device")
  fi
}

reenroll() {
  [ ${#enrolled[@]} -gt 0 ] || { enroll; return; }
  local device=${enrolled[$((RANDOM % ${#enrolled[@]}))]}
  status=$("${est[@]}" --cert "$work/$device.crt" --key "$work/$device.key" -H 'Content-Type: application/pkcs10' \
    --data-binary @"$work/$device.csr.b64" "$EST_URL/.well-known/est/demo/simplereenroll")
}

refusals=6
refused() { # [case] -> one refused request, of the given kind or a random one
  new_csr "bad-$RANDOM"
  local csr; csr=$(ls "$work"/bad-*.csr.b64 | head -1)
  status=$(case ${1:-$((RANDOM % refusals))} in
    0) "${est[@]}" -H 'Content-Type: text/plain' --data-binary @"$csr" "$EST_URL/.well-known/est/demo/simpleenroll" ;;
    1) "${est[@]}" -H 'Content-Type: application/pkcs10' --data-binary '%%%not-base64%%%' "$EST_URL/.well-known/est/demo/simpleenroll" ;;
    2) "${est[@]}" -H 'Content-Type: application/pkcs10' --data-binary @"$csr" "$EST_URL/.well-known/est/no-such-dms/simpleenroll" ;;
    3) "${est[@]}" -H 'Content-Type: application/pkcs10' --data-binary @"$csr" "$EST_URL/.well-known/est/factory/simpleenroll" ;;
    4) openssl req -new -newkey rsa:1024 -nodes -keyout /dev/null -subj "/CN=weak-$RANDOM" -outform DER 2>/dev/null | base64 > "$work/weak.b64"
       "${est[@]}" -H 'Content-Type: application/pkcs10' --data-binary @"$work/weak.b64" "$EST_URL/.well-known/est/demo/simpleenroll" ;;
    5) curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 -u "${OPERATOR%%:*}:not-the-password" \
         "$API_URL/api/ca/v1/cas" ;;
  esac)
  rm -f "$work"/bad-*
}

revoke() {
  [ ${#enrolled[@]} -gt 0 ] || { enroll; return; }
  local index=$((RANDOM % ${#enrolled[@]}))
  local device=${enrolled[$index]}
  local serial; serial=$(openssl x509 -in "$work/$device.crt" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f' | sed 's/^0*//')
  unset "enrolled[$index]"; enrolled=("${enrolled[@]}")
  status=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 -u "$OPERATOR" \
    -H 'Content-Type: application/json' -d '{"reason":"keyCompromise"}' \
    "$API_URL/api/ca/v1/certificates/$serial/revoke")
  # a relying party then fetches the CRL (public, no credentials)
  curl --silent --output /dev/null --max-time 10 "$API_URL/api/ca/v1/cas/root-ca/crl" || true
}

end=$((SECONDS + DURATION))
requests=0
first=(enroll enroll reenroll revoke)
for ((i = 0; i < refusals; i++)); do first+=("refused $i"); done
while [ $SECONDS -lt $end ] && [ $requests -lt "$MAX_REQUESTS" ]; do
  if [ $requests -lt ${#first[@]} ]; then
    kind=${first[$requests]}
  else
    roll=$((RANDOM % 100))
    if [ $roll -lt 60 ]; then kind=enroll; elif [ $roll -lt 75 ]; then kind=reenroll
    elif [ $roll -lt 95 ]; then kind=refused; else kind=revoke; fi
  fi
  $kind || status=000
  kind=${kind%% *}
  key="$kind $status"
  outcomes[$key]=$(( ${outcomes[$key]:-0} + 1 ))
  requests=$((requests + 1))
  sleep "$PAUSE"
done

echo "$requests requests in $SECONDS s:"
for key in "${!outcomes[@]}"; do echo "  $key: ${outcomes[$key]}"; done | sort
