#!/usr/bin/env bash
# Enroll a device over EST (RFC 7030) with curl and openssl only, verify the issued certificate's chain, then
# re-enroll over mutual TLS with the certificate just issued.
#
# Environment (all optional):
#   EST_URL       EST base URL                          (default https://localhost:8443)
#   TRUST_ANCHOR  CA file trusted for the EST server    (default ./data/tls/est-tls-ca.crt)
#   DMS           DMS label; empty = unlabelled paths   (default demo)
#   DEVICE_ID     device id, the CSR's CN               (default device-<random>)
#   OUT_DIR       where keys and certificates go        (default ./enrolled/<DEVICE_ID>)
#   CLIENT_CERT / CLIENT_KEY  TLS client credentials for DMS that require one (e.g. factory)
set -euo pipefail

EST_URL=${EST_URL:-https://localhost:8443}
TRUST_ANCHOR=${TRUST_ANCHOR:-./data/tls/est-tls-ca.crt}
DMS=${DMS-demo}
DEVICE_ID=${DEVICE_ID:-device-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')}
OUT_DIR=${OUT_DIR:-./enrolled/$DEVICE_ID}

base="$EST_URL/.well-known/est${DMS:+/$DMS}"
mkdir -p "$OUT_DIR"
tls=(--silent --show-error --fail-with-body --cacert "$TRUST_ANCHOR")
client=()
if [ -n "${CLIENT_CERT:-}" ]; then
  client=(--cert "$CLIENT_CERT" --key "$CLIENT_KEY")
fi

# EST answers base64 DER; GNU base64 -d rejects CRLF line breaks, -i ignores them.
decode() { base64 -di; }

echo "1. CA certificates from $base/cacerts"
curl "${tls[@]}" "$base/cacerts" | decode > "$OUT_DIR/cacerts.p7"
openssl pkcs7 -inform DER -in "$OUT_DIR/cacerts.p7" -print_certs -out "$OUT_DIR/ca-chain.pem"

echo "2. Key pair and CSR for CN=$DEVICE_ID"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT_DIR/device.key" 2>/dev/null
openssl req -new -key "$OUT_DIR/device.key" -subj "/CN=$DEVICE_ID" -outform DER -out "$OUT_DIR/device.csr"

echo "3. simpleenroll"
base64 "$OUT_DIR/device.csr" \
  | curl "${tls[@]}" "${client[@]}" -H 'Content-Type: application/pkcs10' --data-binary @- "$base/simpleenroll" \
  | decode > "$OUT_DIR/device.p7"
openssl pkcs7 -inform DER -in "$OUT_DIR/device.p7" -print_certs -out "$OUT_DIR/device.crt"

echo "4. Chain check"
openssl verify -CAfile "$OUT_DIR/ca-chain.pem" "$OUT_DIR/device.crt"

echo "5. simplereenroll over mutual TLS with the issued certificate"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT_DIR/renewed.key" 2>/dev/null
openssl req -new -key "$OUT_DIR/renewed.key" -subj "/CN=$DEVICE_ID" -outform DER -out "$OUT_DIR/renewed.csr"
base64 "$OUT_DIR/renewed.csr" \
  | curl "${tls[@]}" --cert "$OUT_DIR/device.crt" --key "$OUT_DIR/device.key" \
      -H 'Content-Type: application/pkcs10' --data-binary @- "$base/simplereenroll" \
  | decode > "$OUT_DIR/renewed.p7"
openssl pkcs7 -inform DER -in "$OUT_DIR/renewed.p7" -print_certs -out "$OUT_DIR/renewed.crt"
openssl verify -CAfile "$OUT_DIR/ca-chain.pem" "$OUT_DIR/renewed.crt"

echo "Enrolled $DEVICE_ID: $(openssl x509 -in "$OUT_DIR/renewed.crt" -noout -serial -enddate | tr '\n' ' ')"
