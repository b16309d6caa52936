#!/usr/bin/env bash
# scripts/services.sh: install (when missing) and run, on loopback, the real servers that kit's
# integration tests talk to. Used by `make test` and so by .ci/run.
#
#   scripts/services.sh up   [names...]   install, start, wait until ready; print one `export ...` line
#   scripts/services.sh down [names...]   stop what this script started (by recorded PID)
#   scripts/services.sh env  [names...]   print the export line for what is running
#   scripts/services.sh status            show what is running
#   scripts/services.sh list              list the names
#
# Names: consul etcd zookeeper dnsmasq nats rabbitmq prometheus otelcol
# Groups: sd (consul etcd zookeeper dnsmasq), transport (nats rabbitmq), obs (prometheus otelcol),
#         all (everything, the default). "eureka" is accepted and fails: no Eureka server exists
#         for this machine (sd/eureka tests run against an in-test server instead).
#
# Addresses printed: CONSUL_ADDR ETCD_ADDR ZK_ADDR DNS_ADDR NATS_URL AMQP_URL PROMETHEUS_URL
# PROMETHEUS_FILE_SD_DIR OTLP_GRPC_ADDR OTLP_HTTP_URL ZIPKIN_URL OTEL_FILE_EXPORT, and PATH with the
# consul and otelcol binaries (tests start private instances of consul, etcd and nats-server to
# restart them). Progress goes to stderr; only the export line goes to stdout.
#
# Installation: Debian packages with apt (etcd-server zookeeper dnsmasq-base nats-server
# rabbitmq-server prometheus); Consul and the OpenTelemetry Collector have no Debian package and
# are built once from the Go module proxy into $KIT_INFRA_CACHE/bin (about 3-5 min each on 2 cores,
# run in parallel with apt). Adapted from ../shared/infra/services.sh (see infra.md for timings).
#
# Environment:
#   KIT_INFRA_STATE  run state (pids, data, logs)   default /tmp/kit-infra
#   KIT_INFRA_CACHE  built binaries                  default ${XDG_CACHE_HOME:-$HOME/.cache}/kit-infra
#   CONSUL_VERSION   default 1.20.6     OTELCOL_VERSION  default 0.155.0
#   READY_TIMEOUT    seconds to wait for each server, default 120
set -uo pipefail

STATE=${KIT_INFRA_STATE:-/tmp/kit-infra}
CACHE=${KIT_INFRA_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/kit-infra}
BIN=$CACHE/bin
CONSUL_VERSION=${CONSUL_VERSION:-1.20.6}
OTELCOL_VERSION=${OTELCOL_VERSION:-0.155.0}
READY_TIMEOUT=${READY_TIMEOUT:-120}

SD=(consul etcd zookeeper dnsmasq)
TRANSPORT=(nats rabbitmq)
OBS=(prometheus otelcol)
ALL=("${SD[@]}" "${TRANSPORT[@]}" "${OBS[@]}")
KNOWN=("${ALL[@]}")

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

expand_names() {
  local n out=()
  [ $# -eq 0 ] && set -- all
  for n in "$@"; do
    case $n in
      sd) out+=("${SD[@]}") ;;
      transport) out+=("${TRANSPORT[@]}") ;;
      obs) out+=("${OBS[@]}") ;;
      all) out+=("${ALL[@]}") ;;
      zk) out+=(zookeeper) ;;
      dns) out+=(dnsmasq) ;;
      amqp|rabbit) out+=(rabbitmq) ;;
      prom) out+=(prometheus) ;;
      otel|otlp|zipkin) out+=(otelcol) ;;
      consul|etcd|zookeeper|dnsmasq|nats|rabbitmq|prometheus|otelcol|eureka) out+=("$n") ;;
      *) die "unknown service '$n' (try: $0 list)" ;;
    esac
  done
  # de-duplicate, keep order
  printf '%s\n' "${out[@]}" | awk '!seen[$0]++'
}

# ---------------------------------------------------------------- helpers
pidfile() { echo "$STATE/$1/pid"; }
alive() { # alive NAME -> 0 if the recorded pid is running and is ours
  local f; f=$(pidfile "$1"); [ -s "$f" ] || return 1
  local p; p=$(cat "$f"); kill -0 "$p" 2>/dev/null || return 1
  local want; want=$(cat "$STATE/$1/cmdmatch" 2>/dev/null || true)
  [ -z "$want" ] || tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null | grep -qF -- "$want"
}
port_busy() { # port_busy PORT [tcp|udp]
  local proto=${2:-tcp}
  if [ "$proto" = udp ]; then ss -Hlnu "sport = :$1" 2>/dev/null | grep -q .; else ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; fi
}
check_ports() { # check_ports NAME port... (tcp) ; fails if any is in use by someone else
  local name=$1 p; shift
  for p in "$@"; do
    if port_busy "$p"; then
      log "ERROR: $name: port $p is already in use by another process (not started by $0); stop it first"
      return 1
    fi
  done
  return 0
}
spawn() { # spawn NAME CMDMATCH cmd... ; runs in its own session, logs to $STATE/NAME/log
  local name=$1 match=$2; shift 2
  local d=$STATE/$name
  echo "$match" >"$d/cmdmatch"
  ( cd "$d" && exec setsid "$@" </dev/null >>"$d/log" 2>&1 ) &
  echo $! >"$d/pid"
}
pid_running() { local f; f=$(pidfile "$1"); [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }
wait_ready() { # wait_ready NAME CHECKFN ; polls until CHECKFN succeeds
  local name=$1 fn=$2 start; start=$(now)
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while ! $fn; do
    if ! pid_running "$name"; then
      log "$name: process exited during start-up; last log lines:"; tail -n 25 "$STATE/$name/log" >&2 2>/dev/null
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "$name: not ready after ${READY_TIMEOUT}s; last log lines:"; tail -n 25 "$STATE/$name/log" >&2 2>/dev/null
      return 1
    fi
    sleep 0.1
  done
  log "$name: ready in $(since "$start")s (pid $(cat "$(pidfile "$name")"))"
}
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# ---------------------------------------------------------------- installation
apt_pkgs_for() {
  case $1 in
    etcd) command -v etcd >/dev/null || echo etcd-server ;;
    zookeeper) [ -f /usr/share/java/zookeeper.jar ] || echo zookeeper
               command -v java >/dev/null || echo default-jre-headless ;;
    nats) [ -x "$(nats_bin)" ] || echo nats-server ;;
    rabbitmq) [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || echo rabbitmq-server ;;
    prometheus) command -v prometheus >/dev/null || echo prometheus ;;
    dnsmasq) [ -x "$(dnsmasq_bin)" ] || echo dnsmasq-base ;;
  esac
}

apt_install() { # apt_install pkg...
  [ $# -eq 0 ] && return 0
  local start; start=$(now)
  log "apt: installing $*"
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then # never let package scripts start daemons on 0.0.0.0
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
  fi
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0 install --no-install-recommends)
  local sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  local ok=0
  if ! "${sudo[@]}" "${apt[@]}" "$@" >"$STATE/apt.log" 2>&1; then
    log "apt: install failed, running apt-get update and retrying"
    "${sudo[@]}" apt-get update -q >>"$STATE/apt.log" 2>&1
    "${sudo[@]}" "${apt[@]}" "$@" >>"$STATE/apt.log" 2>&1 || ok=1
  fi
  [ $created_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $ok -eq 0 ] || { tail -n 30 "$STATE/apt.log" >&2; log "ERROR: apt-get install $* failed (see $STATE/apt.log)"; return 1; }
  log "apt: done in $(since "$start")s"
}

consul_bin() { command -v consul 2>/dev/null || echo "$BIN/consul"; }
build_consul() { # builds consul from the Go module proxy into $BIN/consul
  [ -x "$BIN/consul" ] && return 0
  command -v consul >/dev/null && return 0
  command -v go >/dev/null || die "consul: go toolchain not found"
  local d=$CACHE/build/consul start; start=$(now)
  mkdir -p "$d" "$BIN"
  log "consul: building v$CONSUL_VERSION from the Go module proxy (takes ~5-7 min on 2 cores)"
  cat >"$d/go.mod" <<EOF
module consulbuild

go 1.23

require github.com/hashicorp/consul v$CONSUL_VERSION
EOF
  cat >"$d/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/hashicorp/consul"
EOF
  (
    cd "$d" || exit 1
    # consul's go.mod has replace directives, so `go install consul@v` is refused; a wrapper module
    # builds it with the submodule versions consul's go.mod requires (api, sdk, proto-public, ...).
    # -mod=mod resolves only what the binary imports (no `go mod tidy`, which would also fetch the
    # tests' dependencies). One dependency pseudo-version (consul-awsauth) is not answered by the
    # checksum database lookup (404), hence GONOSUMDB for that module only.
    export GOTOOLCHAIN=local GONOSUMDB=github.com/hashicorp/consul-awsauth${GONOSUMDB:+,$GONOSUMDB}
    GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -ldflags '-s -w' -o "$BIN/consul.tmp" github.com/hashicorp/consul
  ) >"$d/build.log" 2>&1 || { tail -n 30 "$d/build.log" >&2; die "consul build failed (see $d/build.log)"; }
  mv "$BIN/consul.tmp" "$BIN/consul"
  log "consul: built in $(since "$start")s -> $BIN/consul ($("$BIN/consul" version | head -1))"
}

build_otelcol() { # builds a minimal collector (otlp + zipkin receivers, file + debug exporters)
  [ -x "$BIN/otelcol-kit" ] && return 0
  command -v go >/dev/null || die "otelcol: go toolchain not found"
  local d=$CACHE/build/otelcol start; start=$(now)
  mkdir -p "$d" "$BIN"
  log "otelcol: building collector v$OTELCOL_VERSION with the OpenTelemetry builder (takes several minutes on 2 cores)"
  cat >"$d/manifest.yaml" <<EOF
dist:
  name: otelcol-kit
  description: OTLP and Zipkin receiver for integration tests
  output_path: $d/dist
  version: $OTELCOL_VERSION
receivers:
  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v$OTELCOL_VERSION
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/receiver/zipkinreceiver v$OTELCOL_VERSION
exporters:
  - gomod: go.opentelemetry.io/collector/exporter/debugexporter v$OTELCOL_VERSION
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/exporter/fileexporter v$OTELCOL_VERSION
EOF
  (
    cd "$d" || exit 1
    export GOTOOLCHAIN=local GOBIN=$d/bin
    # The builder writes go.mod, then runs `go mod tidy`, which also resolves the *tests* of every
    # component; some test-only module versions are refused (403) by the module proxy used here,
    # so tidy may fail. go.mod (with the exact component versions) is already written by then, and
    # `go build -mod=mod` resolves just what the binary imports.
    go install "go.opentelemetry.io/collector/cmd/builder@v$OTELCOL_VERSION" || exit 1
    "$d/bin/builder" --config="$d/manifest.yaml" --skip-compilation ||
      echo "(builder's go mod tidy failed; building with -mod=mod instead)"
    [ -f "$d/dist/go.mod" ] || { echo "builder did not write $d/dist/go.mod"; exit 1; }
    cd "$d/dist" && GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -ldflags '-s -w' -o otelcol-kit .
  ) >"$d/build.log" 2>&1 || { tail -n 30 "$d/build.log" >&2; die "otelcol build failed (see $d/build.log)"; }
  cp "$d/dist/otelcol-kit" "$BIN/otelcol-kit"
  log "otelcol: built in $(since "$start")s -> $BIN/otelcol-kit"
}

install_all() { # install_all name...
  local n pkgs=() need_consul=0 need_otel=0
  for n in "$@"; do
    case $n in
      consul) { [ -x "$BIN/consul" ] || command -v consul >/dev/null; } || need_consul=1 ;;
      otelcol) [ -x "$BIN/otelcol-kit" ] || need_otel=1 ;;
    esac
    local p; for p in $(apt_pkgs_for "$n"); do pkgs+=("$p"); done
  done
  # Go builds are CPU bound, apt/npm are I/O bound: run the builds in the background meanwhile.
  local bpids=() rc=0
  if [ $need_consul -eq 1 ]; then ( build_consul ) & bpids+=($!); fi
  if [ $need_otel -eq 1 ]; then ( build_otelcol ) & bpids+=($!); fi
  if [ ${#pkgs[@]} -gt 0 ]; then
    mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | awk '!seen[$0]++')
    apt_install "${pkgs[@]}" || rc=1
  fi
  local p; for p in "${bpids[@]}"; do wait "$p" || rc=1; done
  return $rc
}

# ---------------------------------------------------------------- per-service start / ready / env
ready_consul() { local l; l=$(curl -fsS --max-time 2 http://127.0.0.1:8500/v1/status/leader 2>/dev/null) && [ -n "${l//\"/}" ]; }
start_consul() {
  check_ports consul 8500 8300 8301 8302 8502 8503 8600 || return 1
  spawn consul "agent -dev" "$(consul_bin)" agent -dev -client 127.0.0.1 -bind 127.0.0.1 -log-level warn \
    -data-dir "$STATE/consul/data"
}
env_consul() { echo "CONSUL_ADDR=127.0.0.1:8500 PATH=$(dirname "$(consul_bin)"):\$PATH"; }

ready_etcd() { curl -fsS --max-time 2 http://127.0.0.1:2379/health 2>/dev/null | grep -q '"health":"true"'; }
start_etcd() {
  check_ports etcd 2379 2380 || return 1
  spawn etcd "--name kit" etcd --name kit --data-dir "$STATE/etcd/data" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster kit=http://127.0.0.1:2380 --logger zap --log-level warn
}
env_etcd() { echo "ETCD_ADDR=127.0.0.1:2379"; }

ready_zookeeper() {
  local r
  r=$(timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/2181 && printf ruok >&3 && cat <&3' 2>/dev/null) && [ "$r" = imok ]
}
start_zookeeper() {
  check_ports zookeeper 2181 || return 1
  local d=$STATE/zookeeper
  mkdir -p "$d/data"
  cat >"$d/zoo.cfg" <<EOF
tickTime=2000
dataDir=$d/data
clientPort=2181
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr
maxClientCnxns=0
EOF
  # zookeeper.jar's manifest carries the classpath of Debian's jars; slf4j-simple (same Debian
  # dependency set) gives readable warn-level logs instead of SLF4J's silent NOP logger.
  local cp=/usr/share/java/zookeeper.jar
  [ -f /usr/share/java/slf4j-simple.jar ] && cp=$cp:/usr/share/java/slf4j-simple.jar
  spawn zookeeper "QuorumPeerMain $d/zoo.cfg" java -Xms32m -Xmx256m -XX:+UseSerialGC \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$d/zoo.cfg"
}
env_zookeeper() { echo "ZK_ADDR=127.0.0.1:2181"; }

# dnsmasq: an authoritative answer for the SRV records sd/dnssrv's integration test looks up.
DNS_PORT=5354
dnsmasq_bin() { command -v dnsmasq 2>/dev/null || echo /usr/sbin/dnsmasq; } # /usr/sbin may not be on PATH
ready_dnsmasq() { ss -Hlnu "sport = :$DNS_PORT" 2>/dev/null | grep -q .; }
start_dnsmasq() {
  if port_busy "$DNS_PORT" udp; then log "ERROR: dnsmasq: udp port $DNS_PORT already in use"; return 1; fi
  check_ports dnsmasq "$DNS_PORT" || return 1
  spawn dnsmasq "dnsmasq --conf-file=/dev/null --port=$DNS_PORT" "$(dnsmasq_bin)" --conf-file=/dev/null --port="$DNS_PORT" \
    --keep-in-foreground --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts --no-poll \
    --pid-file= --user=root --log-facility=- \
    --srv-host=_kit._tcp.kit.test,one.kit.test,8001,10,10 \
    --srv-host=_kit._tcp.kit.test,two.kit.test,8002,10,10 \
    --host-record=one.kit.test,127.0.0.1 --host-record=two.kit.test,127.0.0.1
}
env_dnsmasq() { echo "DNS_ADDR=127.0.0.1:$DNS_PORT"; }

ready_nats() { http_ok http://127.0.0.1:8222/healthz; }
start_nats() {
  check_ports nats 4222 8222 || return 1
  spawn nats "nats-server" "$(nats_bin)" -a 127.0.0.1 -p 4222 -m 8222
}
nats_bin() { command -v nats-server 2>/dev/null || echo /usr/sbin/nats-server; } # Debian puts it in /usr/sbin
env_nats() { echo "NATS_URL=nats://127.0.0.1:4222 PATH=$(dirname "$(nats_bin)"):\$PATH"; }

ready_rabbitmq() { # AMQP 0-9-1 protocol header must be answered by a connection.start frame (type 1, channel 0)
  timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/5672 || exit 1; printf "AMQP\x00\x00\x09\x01" >&3; head -c 7 <&3 | od -An -tx1' 2>/dev/null |
    grep -q '^ *01 00 00'
}
start_rabbitmq() {
  check_ports rabbitmq 5672 25672 || return 1
  alive epmd || check_ports epmd 4369 || return 1
  local d=$STATE/rabbitmq
  mkdir -p "$d/mnesia" "$d/logs" "$d/home"
  cat >"$d/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:5672
distribution.listener.interface = 127.0.0.1
distribution.listener.port_range.min = 25672
distribution.listener.port_range.max = 25672
log.console = true
log.console.level = warning
log.file = false
EOF
  echo '[].' >"$d/enabled_plugins"
  : >"$d/rabbitmq-env.conf"
  (
  export RABBITMQ_CONF_ENV_FILE=$d/rabbitmq-env.conf RABBITMQ_CONFIG_FILE=$d/rabbitmq.conf \
    RABBITMQ_ENABLED_PLUGINS_FILE=$d/enabled_plugins RABBITMQ_MNESIA_BASE=$d/mnesia RABBITMQ_LOG_BASE=$d/logs \
    RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5672 \
    ERL_EPMD_ADDRESS=127.0.0.1 HOME=$d/home
  # epmd (Erlang port mapper) started by us, on loopback only, so that `down` can stop it by PID.
  mkdir -p "$STATE/epmd"
  if ! alive epmd; then spawn epmd "epmd -address" epmd -address 127.0.0.1 -port 4369; sleep 0.3; fi
  # RUNNING_UNDER_SYSTEMD makes the start script exec the Erlang VM, so the recorded PID is beam.smp itself.
  export RUNNING_UNDER_SYSTEMD=1
  spawn rabbitmq "rabbit" /usr/lib/rabbitmq/bin/rabbitmq-server
  )
}
env_rabbitmq() { echo "AMQP_URL=amqp://guest:guest@127.0.0.1:5672/"; }

ready_prometheus() { http_ok http://127.0.0.1:9090/-/ready; }
start_prometheus() {
  check_ports prometheus 9090 || return 1
  local d=$STATE/prometheus
  mkdir -p "$d/data" "$d/targets"
  cat >"$d/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:9090']
  # Tests drop a JSON file here, e.g. [{"targets":["127.0.0.1:PORT"],"labels":{"job":"kit"}}],
  # and Prometheus picks it up within a second or two (inotify).
  - job_name: kit
    file_sd_configs:
      - files: ['$d/targets/*.json']
        refresh_interval: 1s
EOF
  spawn prometheus "--storage.tsdb.path=$d/data" prometheus --config.file="$d/prometheus.yml" \
    --storage.tsdb.path="$d/data" --web.listen-address=127.0.0.1:9090 --web.enable-lifecycle \
    --web.enable-remote-write-receiver --log.level=warn
}
env_prometheus() { echo "PROMETHEUS_URL=http://127.0.0.1:9090 PROMETHEUS_FILE_SD_DIR=$STATE/prometheus/targets"; }

ready_otelcol() { # an empty OTLP/HTTP export request is accepted with 200 once the pipeline runs
  curl -fsS -o /dev/null --max-time 2 -H 'Content-Type: application/json' -d '{}' http://127.0.0.1:4318/v1/traces 2>/dev/null &&
    tcp_open 4317 && tcp_open 9411
}
start_otelcol() {
  check_ports otelcol 4317 4318 9411 || return 1
  local d=$STATE/otelcol
  : >"$d/traces.jsonl"
  cat >"$d/config.yaml" <<EOF
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:4317
      http:
        endpoint: 127.0.0.1:4318
  zipkin:
    endpoint: 127.0.0.1:9411
exporters:
  file:
    path: $d/traces.jsonl
    flush_interval: 100ms
  debug:
    verbosity: basic
service:
  telemetry:
    logs:
      level: warn
    metrics:
      level: none
  pipelines:
    traces:
      receivers: [otlp, zipkin]
      exporters: [file]
    metrics:
      receivers: [otlp]
      exporters: [file]
    logs:
      receivers: [otlp]
      exporters: [file]
EOF
  spawn otelcol "otelcol-kit --config $d" "$BIN/otelcol-kit" --config "$d/config.yaml"
}
env_otelcol() {
  echo "OTLP_GRPC_ADDR=127.0.0.1:4317 OTLP_HTTP_URL=http://127.0.0.1:4318 ZIPKIN_URL=http://127.0.0.1:9411/api/v2/spans OTEL_FILE_EXPORT=$STATE/otelcol/traces.jsonl"
}

start_eureka() {
  log "eureka: no Eureka server can be installed here (Netflix/Spring Eureka are Maven artifacts; no Debian/npm/Go-module server); skipped"
  return 1
}

# ---------------------------------------------------------------- commands
up_one() {
  local n=$1
  if [ "$n" = eureka ]; then start_eureka; return 1; fi
  mkdir -p "$STATE/$n"
  if alive "$n"; then
    if "ready_$n"; then log "$n: already running (pid $(cat "$(pidfile "$n")"))"; return 0; fi
    wait_ready "$n" "ready_$n"; return
  fi
  # stale state from a crashed run: start from clean data
  find "$STATE/$n" -mindepth 1 -maxdepth 1 ! -name log -exec rm -rf {} + 2>/dev/null
  : >"$STATE/$n/log"
  "start_$n" || return 1
  wait_ready "$n" "ready_$n"
}

cmd_up() {
  mkdir -p "$STATE" "$BIN"
  local list names; list=$(expand_names "$@") || exit 1; mapfile -t names <<<"$list"
  local t0; t0=$(now)
  local inst=() n
  for n in "${names[@]}"; do [ "$n" = eureka ] || inst+=("$n"); done
  install_all "${inst[@]}" || log "installation had errors (see above); starting what is installed"
  local ok=() failed=()
  for n in "${names[@]}"; do
    if up_one "$n"; then ok+=("$n"); else failed+=("$n"); fi
  done
  log "up finished in $(since "$t0")s: ready=[${ok[*]}]${failed:+ failed=[${failed[*]}]}"
  [ ${#ok[@]} -gt 0 ] && cmd_env "${ok[@]}"
  [ ${#failed[@]} -eq 0 ]
}

cmd_env() { # no names: every running service
  local list names
  if [ $# -eq 0 ]; then names=("${KNOWN[@]}"); else list=$(expand_names "$@") || exit 1; mapfile -t names <<<"$list"; fi
  local parts=() path="" n w
  for n in "${names[@]}"; do
    [ "$n" = eureka ] && continue
    alive "$n" || continue
    for w in $("env_$n"); do
      case $w in # one PATH word for all: export expands every word before assigning
        'PATH='*) w=${w#PATH=}; w=${w%:\$PATH}; case ":$path:" in *":$w:"*) ;; *) path=${path:+$path:}$w ;; esac ;;
        *) parts+=("$w") ;;
      esac
    done
  done
  [ -n "$path" ] && parts+=("PATH=$path:\$PATH")
  [ ${#parts[@]} -gt 0 ] && echo "export ${parts[*]}"
  return 0
}

cmd_down() { # SIGTERM every recorded PID that is still ours, wait (in parallel) up to 20s, then SIGKILL
  local names
  if [ $# -eq 0 ]; then names=("${KNOWN[@]}"); else local list; list=$(expand_names "$@") || exit 1; mapfile -t names <<<"$list"; fi
  local n targets=()
  for n in "${names[@]}"; do
    [ "$n" = eureka ] && continue
    targets+=("$n")
    [ "$n" = rabbitmq ] && targets+=(epmd)
  done
  local live=() pids=()
  for n in "${targets[@]}"; do
    if alive "$n"; then
      local p; p=$(cat "$(pidfile "$n")")
      kill -TERM "$p" 2>/dev/null && { live+=("$n"); pids+=("$p"); }
    else
      rm -f "$(pidfile "$n")"
    fi
  done
  local i j deadline=$(( $(date +%s) + 20 ))
  for i in "${!live[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      log "${live[$i]}: still running after 20s, sending SIGKILL"; kill -KILL "${pids[$i]}" 2>/dev/null
    fi
    log "${live[$i]}: stopped (pid ${pids[$i]})"
    rm -f "$(pidfile "${live[$i]}")"
  done
  return 0
}

cmd_status() {
  local n
  for n in "${KNOWN[@]}"; do
    if alive "$n"; then
      local p; p=$(cat "$(pidfile "$n")")
      local st=starting; "ready_$n" && st=ready
      printf '%-11s %-8s pid=%-7s rss=%sKiB\n' "$n" "$st" "$p" "$(ps -o rss= -p "$p" | tr -d ' ')"
    else
      printf '%-11s stopped\n' "$n"
    fi
  done
}

main() {
case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  env) shift; cmd_env "$@" ;;
  status) cmd_status ;;
  list) echo "sd:        ${SD[*]}"; echo "transport: ${TRANSPORT[*]}"; echo "obs:       ${OBS[*]}"; echo "unavailable: eureka" ;;
  *) sed -n '2,32p' "$0" >&2; exit 2 ;;
esac
}

# Whole file is parsed before anything runs (safe against the script being edited while running).
main "$@"; exit $?
