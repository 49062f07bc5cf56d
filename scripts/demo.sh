#!/bin/sh
# A local demo with no AWS account: moto (the AWS emulator) + the local endpoint + one curl.
# Needs moto (pip install "moto[server]") and a built jar (npm run synth).
set -eu
cd "$(dirname "$0")/.."
JAR=function/target/dyndns53-function.jar
MOTO_PORT=${MOTO_PORT:-5053}
PORT=${PORT:-8053}
PASSWORD=demo-password-not-for-real-use

[ -f "$JAR" ] || { echo "demo: $JAR is missing; run 'npm run synth' (or ./mvnw package) first" >&2; exit 1; }
python3 -c 'import moto, boto3' 2>/dev/null || { echo "demo: needs moto: pip install \"moto[server]\"" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  [ -n "${endpoint_pid:-}" ] && kill "$endpoint_pid" 2>/dev/null || true
  [ -n "${moto_pid:-}" ] && kill "$moto_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"

echo "demo: starting moto on 127.0.0.1:$MOTO_PORT (MOTO_PORT=… to change), the endpoint on $PORT (PORT=…)"
python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" >"$work/moto.log" 2>&1 &
moto_pid=$!

python3 - "$work/dyndns53.json" "$PASSWORD" <<'PY'
import json, sys, time, boto3, botocore.exceptions
config_path, password = sys.argv[1], sys.argv[2]
for _ in range(100):
    try:
        route53 = boto3.client("route53")
        zone = route53.create_hosted_zone(Name="example.com", CallerReference="dyndns53-demo")
        break
    except botocore.exceptions.EndpointConnectionError:
        time.sleep(0.1)
else:
    sys.exit("demo: moto did not start")
zone_id = zone["HostedZone"]["Id"].split("/")[-1]
boto3.client("secretsmanager").create_secret(
    Name="dyndns53/Dyndns53/demo",
    SecretString=json.dumps({"username": "demo", "password": password}))
json.dump({"hosts": {"home.example.com": {"zoneId": zone_id}},
           "users": {"demo": {"hosts": ["home.example.com"]}}}, open(config_path, "w"))
print(f"demo: created hosted zone example.com ({zone_id}) and the secret of user 'demo'")
PY

sh scripts/with-jdk21.sh java -jar "$JAR" --config "$work/dyndns53.json" --port "$PORT" >"$work/endpoint.log" 2>&1 &
endpoint_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/endpoint.log" 2>/dev/null && break
  sleep 0.1
done
grep "listening on" "$work/endpoint.log" || { cat "$work/endpoint.log" >&2; exit 1; }

echo "demo: curl -u demo:$PASSWORD \"http://127.0.0.1:$PORT/nic/update?hostname=home.example.com&myip=203.0.113.7\""
curl -sS -u "demo:$PASSWORD" "http://127.0.0.1:$PORT/nic/update?hostname=home.example.com&myip=203.0.113.7"
echo "demo: the same again (the address is already there):"
curl -sS -u "demo:$PASSWORD" "http://127.0.0.1:$PORT/nic/update?hostname=home.example.com&myip=203.0.113.7"
echo "demo: what moto's Route 53 now holds:"
python3 -c 'import boto3
r = boto3.client("route53")
zone = r.list_hosted_zones()["HostedZones"][0]["Id"]
for s in r.list_resource_record_sets(HostedZoneId=zone)["ResourceRecordSets"]:
    if s["Type"] in ("A", "AAAA"):
        print("  ", s["Name"], s["Type"], s["TTL"], [v["Value"] for v in s["ResourceRecords"]])'
