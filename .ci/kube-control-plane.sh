#!/usr/bin/env bash
# A real Kubernetes control plane on loopback for arcml's cluster test tier: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok (fake nodes, no kubelet) and the Kubeflow training
# operator's controller (PyTorchJobs, out of cluster), with RBAC, client certificates and the CRDs
# of Volcano, the Kubeflow training operator, Katib, the scheduler-plugins PodGroup and Azure ML.
#
#   bash .ci/kube-control-plane.sh build     # go build the components (cached, see below)
#   bash .ci/kube-control-plane.sh start     # build if needed, start, wait until ready; prints the env
#   bash .ci/kube-control-plane.sh env       # the variables the tier reads (eval "$(... env)")
#   bash .ci/kube-control-plane.sh restart-apiserver   # stop kube-apiserver, compact etcd, start it again
#   bash .ci/kube-control-plane.sh stop      # stop everything and remove the state
#
# Everything comes from the Go module proxy: the binaries are built from the modules pinned in
# kube/*/go.mod and cached in ~/.cache/arcml-kube/<version> (rebuilt only when a pin changes).
# The running plane keeps its state (certificates, kubeconfigs, etcd data, logs) in
# $ARCML_KUBE_STATE (default /tmp/arcml-kube).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KUBE_SRC="$ROOT/kube"
STATE="${ARCML_KUBE_STATE:-/tmp/arcml-kube}"

# Pins that are not in a go.mod: the projects whose CRD manifests are read from their modules.
TRAINING_OPERATOR_MODULE="github.com/kubeflow/training-operator@v1.8.1"
# The scheduler the training operator names on its pods (gang scheduling with scheduler-plugins PodGroups);
# kube-scheduler serves it as a second profile, binding pod by pod (it has no coscheduling plugin).
GANG_SCHEDULER=scheduler-plugins-scheduler
# The namespace the operator keeps its webhook certificate in (its default).
OPERATOR_NAMESPACE=kubeflow
KATIB_MODULE="github.com/kubeflow/katib@v0.19.0"

log() { echo "kube-control-plane: $*" >&2; }
die() { log "$*"; exit 1; }

module_version() { # module go.mod-dir -> the version that go.mod pins
    (cd "$2" && go list -m -f '{{.Version}}' "$1")
}

module_dir() { # module[@version] [go.mod-dir]: downloads it (that go.mod, default kube/crds, pins versions given without one); its directory
    local dir
    dir="$(cd "${2:-$KUBE_SRC/crds}" && go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$dir" ]] || die "could not download $1 from the Go module proxy"
    echo "$dir"
}

# The cache key: the Kubernetes and kwok versions, and a digest of every pin and of this script's
# build steps, so a changed pin or recipe builds anew.
cache_dir() {
    local k8s kwok digest
    k8s="$(sed -n 's/^\tk8s.io\/kubernetes \(v[^ ]*\).*/\1/p' "$KUBE_SRC/control-plane/go.mod")"
    kwok="$(sed -n 's/^require sigs.k8s.io\/kwok \(v[^ ]*\).*/\1/p; s/^\tsigs.k8s.io\/kwok \(v[^ ]*\).*/\1/p' "$KUBE_SRC/kwok/go.mod" | head -1)"
    digest="$(cat "$KUBE_SRC"/*/go.mod "$KUBE_SRC"/*/go.sum "$KUBE_SRC"/crds/*.yaml "$KUBE_SRC"/crds/*.go \
        <(echo "$TRAINING_OPERATOR_MODULE $KATIB_MODULE") <(sed -n '/^build() {/,/^}/p' "${BASH_SOURCE[0]}") | sha256sum | cut -c1-12)"
    echo "${HOME}/.cache/arcml-kube/k8s-${k8s}-kwok-${kwok}-${digest}"
}

require_go() {
    command -v go >/dev/null || die "the Go toolchain is missing: install Go 1.24 or later (https://go.dev/doc/install), then run again"
}

build() {
    local out bin crds started
    out="$(cache_dir)"
    bin="$out/bin"
    crds="$out/crds"
    if [[ -f "$out/.complete" ]]; then
        log "components cached in $out"
        return
    fi
    require_go
    started=$(date +%s)
    rm -rf "$out" && mkdir -p "$bin" "$crds"
    log "building etcd, kube-apiserver, kube-controller-manager, kube-scheduler into $bin (minutes on a cold cache)"
    # The version the components report (/version), as a release build stamps it.
    local k8s_version version_flags
    k8s_version="$(module_version k8s.io/kubernetes "$KUBE_SRC/control-plane")"
    version_flags="-X k8s.io/component-base/version.gitVersion=$k8s_version -X k8s.io/component-base/version.gitTreeState=clean"
    version_flags+=" -X k8s.io/component-base/version.gitMajor=$(echo "$k8s_version" | cut -d. -f1 | tr -d v)"
    version_flags+=" -X k8s.io/component-base/version.gitMinor=$(echo "$k8s_version" | cut -d. -f2)"
    (cd "$KUBE_SRC/control-plane" && go build -trimpath -ldflags="-s $version_flags" -o "$bin/" go.etcd.io/etcd/server/v3 \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler)
    mv "$bin/server" "$bin/etcd" # go build names the binary of go.etcd.io/etcd/server/v3 "server"
    log "building kwok"
    (cd "$KUBE_SRC/kwok" && go build -trimpath -ldflags=-s -o "$bin/kwok" sigs.k8s.io/kwok/cmd/kwok)
    log "building the Kubeflow training operator"
    local operator_started
    operator_started=$(date +%s)
    (cd "$KUBE_SRC/training-operator" && go build -trimpath -ldflags=-s -o "$bin/training-operator" \
        github.com/kubeflow/training-operator/cmd/training-operator.v1)
    echo "$(( $(date +%s) - operator_started ))" > "$out/training-operator-build-seconds"

    # Volcano publishes its CRDs generated from volcano.sh/apis this way (pod template metadata included);
    # its main module is not on the module proxy, its API module is.
    log "generating the Volcano CRDs from volcano.sh/apis, reading the Kubeflow and Katib CRDs from their modules"
    local volcano_apis training katib
    volcano_apis="$(module_dir volcano.sh/apis)"
    (cd "$KUBE_SRC/crds" && go tool controller-gen crd:crdVersions=v1,maxDescLen=0,generateEmbeddedObjectMeta=true \
        paths="$volcano_apis/pkg/apis/batch/v1alpha1" paths="$volcano_apis/pkg/apis/scheduling/v1beta1" \
        output:crd:dir="$crds")
    training="$(module_dir "$TRAINING_OPERATOR_MODULE")"
    katib="$(module_dir "$KATIB_MODULE")"
    cp "$training"/manifests/base/crds/kubeflow.org_{pytorchjobs,mpijobs,tfjobs}.yaml "$crds/"
    # The operator's own webhook configuration (pointed at its out-of-cluster address at start), and the
    # PodGroup its gang scheduling creates, from the scheduler-plugins module the operator is built with.
    mkdir -p "$out/training-operator"
    cp "$training"/manifests/base/webhook/manifests.yaml "$out/training-operator/webhooks.yaml"
    cp "$(module_dir sigs.k8s.io/scheduler-plugins "$KUBE_SRC/training-operator")"/config/crd/bases/scheduling.x-k8s.io_podgroups.yaml "$crds/"
    cp "$katib"/manifests/v1beta1/components/crd/{experiment,trial,suggestion}.yaml "$crds/"
    cp "$KUBE_SRC"/crds/instancetypes.amlarc.azureml.com.yaml "$crds/"
    chmod -R u+w "$crds"
    echo "$(( $(date +%s) - started ))" > "$out/build-seconds"
    touch "$out/.complete"
    prune_other_builds "$out"
    log "built in $(cat "$out/build-seconds")s"
}

# Removes the builds of other pins that no plane has started for a day: a plane started from another
# checkout on the same machine (another pin) keeps running from, and restarting, its own binaries.
prune_other_builds() {
    local dir
    for dir in "$(dirname "$1")"/k8s-*; do
        [[ -d "$dir" && "$dir" != "$1" ]] || continue
        if [[ -z "$(find "$dir" -maxdepth 1 -name .last-used -mmin -1440)" ]]; then rm -rf "$dir"; fi
    done
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# cert NAME CN [O] [SERVER]: a key and a certificate signed by the plane's CA.
cert() {
    local name="$1" cn="$2" org="${3:-}" server="${4:-}" subj="/CN=$2"
    [[ -n "$org" ]] && subj="/O=$org/CN=$cn"
    openssl req -new -newkey rsa:2048 -nodes -keyout "$STATE/pki/$name.key" -subj "$subj" -out "$STATE/pki/$name.csr" 2>/dev/null
    if [[ -n "$server" ]]; then
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' > "$STATE/pki/$name.ext"
    else
        printf 'extendedKeyUsage=clientAuth\n' > "$STATE/pki/$name.ext"
    fi
    openssl x509 -req -in "$STATE/pki/$name.csr" -CA "$STATE/pki/ca.crt" -CAkey "$STATE/pki/ca.key" -CAcreateserial -days 30 \
        -extfile "$STATE/pki/$name.ext" -out "$STATE/pki/$name.crt" 2>/dev/null
}

# kubeconfig NAME USER: a kubeconfig for a client certificate made by cert.
kubeconfig() {
    cat > "$STATE/$1.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: arcml-kube
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $STATE/pki/ca.crt
users:
- name: $2
  user:
    client-certificate: $STATE/pki/$1.crt
    client-key: $STATE/pki/$1.key
contexts:
- name: arcml-kube
  context: {cluster: arcml-kube, user: $2}
current-context: arcml-kube
EOF
}

make_identities() {
    mkdir -p "$STATE/pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$STATE/pki/ca.key" -subj "/CN=arcml-kube-ca" -days 30 \
        -out "$STATE/pki/ca.crt" 2>/dev/null
    openssl genrsa -out "$STATE/pki/sa.key" 2048 2>/dev/null
    openssl rsa -in "$STATE/pki/sa.key" -pubout -out "$STATE/pki/sa.pub" 2>/dev/null
    cert apiserver kube-apiserver "" server
    cert admin arcml-admin system:masters
    cert controller-manager system:kube-controller-manager
    cert scheduler system:kube-scheduler
    cert limited arcml-limited
    kubeconfig admin arcml-admin
    kubeconfig controller-manager system:kube-controller-manager
    kubeconfig scheduler system:kube-scheduler
    kubeconfig limited arcml-limited
}

# launch NAME ARGS...: runs a component in the background, its output in logs/NAME.log.
launch() {
    local name="$1"
    shift
    printf '%q ' "$@" > "$STATE/cmd/$name"
    nohup "$@" >> "$STATE/logs/$name.log" 2>&1 &
    echo $! > "$STATE/pids/$name"
}

alive() { [[ -f "$STATE/pids/$1" ]] && kill -0 "$(cat "$STATE/pids/$1")" 2>/dev/null; }

admin_curl() {
    curl -sS --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" "$@"
}

wait_for() { # what seconds command...
    local what="$1" seconds="$2"
    shift 2
    for ((i = 0; i < seconds * 5; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    die "$what did not come up within ${seconds}s; its log is in $STATE/logs"
}

api_ready() { [[ "$(admin_curl "https://127.0.0.1:$API_PORT/readyz")" == ok ]]; }

# The audit log: every request of the admin identity (arcml's tier and benchmarks, kwok, the training
# operator): verb, resource, namespace, user agent and time, no bodies; the controllers' and the
# scheduler's requests are not logged. The benchmarks count a client's requests per trial from it.
# Written in batches at most a second old; rotated only past 2 GB, so that a reader can keep its offset.
write_audit_policy() {
    cat > "$STATE/audit-policy.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  users: [arcml-admin]
- level: None
EOF
}

start_apiserver() {
    write_audit_policy
    launch kube-apiserver "$BIN/kube-apiserver" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
        --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
        --tls-cert-file="$STATE/pki/apiserver.crt" --tls-private-key-file="$STATE/pki/apiserver.key" \
        --client-ca-file="$STATE/pki/ca.crt" --authorization-mode=Node,RBAC \
        --service-account-key-file="$STATE/pki/sa.pub" --service-account-signing-key-file="$STATE/pki/sa.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --service-cluster-ip-range=10.96.0.0/16 --cert-dir="$STATE/pki/apiserver-generated" \
        --audit-policy-file="$STATE/audit-policy.yaml" --audit-log-path="$STATE/logs/audit.log" \
        --audit-log-mode=batch --audit-log-batch-max-wait=1s --audit-log-maxsize=2000 \
        --profiling=false --event-ttl=1h --v=1
    wait_for kube-apiserver 120 api_ready
}

apply_crds() {
    local file
    for file in "$CACHE/crds"/*.yaml; do
        # The CRD files hold one object each (a leading '---' is allowed); create, or accept "exists".
        sed '/^---$/d' "$file" | admin_curl -o "$STATE/logs/crd-apply.json" -w '%{http_code}' -X POST \
            -H 'Content-Type: application/yaml' --data-binary @- \
            "https://127.0.0.1:$API_PORT/apis/apiextensions.k8s.io/v1/customresourcedefinitions" | grep -qE '^(201|409)$' \
            || die "the API server refused the CRD in $file: $(cat "$STATE/logs/crd-apply.json")"
    done
    for file in "$CACHE/crds"/*.yaml; do
        local name
        name="$(sed -n '0,/^  name: /s/^  name: \(.*\)$/\1/p' "$file")"
        wait_for "CRD $name" 60 crd_established "$name"
    done
}

crd_established() {
    admin_curl "https://127.0.0.1:$API_PORT/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$1" \
        | python3 -c 'import json,sys; c=json.load(sys.stdin); sys.exit(0 if any(x["type"]=="Established" and x["status"]=="True" for x in c.get("status",{}).get("conditions",[])) else 1)'
}

# admin_post PATH: POSTs the JSON on standard input; an object that exists already is accepted.
admin_post() {
    admin_curl -o "$STATE/logs/post.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @- \
        "https://127.0.0.1:$API_PORT$1" | grep -qE '^(201|409)$' || die "the API server refused POST $1: $(cat "$STATE/logs/post.json")"
}

# The training operator's webhook is served for real: kube-apiserver calls it on loopback for every
# PyTorchJob created or updated. Its certificate authority goes into the Secret the operator's
# certificate rotator reads (the rotator keeps a valid one and puts it into the webhook configuration);
# the rotator wants the key in PKCS#1, the certificates valid beyond its 90-day look-ahead, and the CA
# to verify for the name training-operator-ca (a subject alternative name: Go ignores the common name).
make_webhook_certs() {
    local pki="$STATE/pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/webhook-ca.key.pem" -subj "/O=training-operator/CN=training-operator-ca" \
        -addext "subjectAltName=DNS:training-operator-ca" -days 3650 -out "$pki/webhook-ca.crt" 2>/dev/null
    openssl rsa -in "$pki/webhook-ca.key.pem" -traditional -out "$pki/webhook-ca.key" 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/webhook.key" -subj "/CN=training-operator.$OPERATOR_NAMESPACE.svc" \
        -out "$pki/webhook.csr" 2>/dev/null
    printf 'subjectAltName=DNS:training-operator.%s.svc,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "$OPERATOR_NAMESPACE" > "$pki/webhook.ext"
    openssl x509 -req -in "$pki/webhook.csr" -CA "$pki/webhook-ca.crt" -CAkey "$pki/webhook-ca.key" -CAcreateserial -days 365 \
        -extfile "$pki/webhook.ext" -out "$pki/webhook.crt" 2>/dev/null
}

start_training_operator() {
    local started webhook_port health_port certs
    started=$(date +%s%N)
    webhook_port=$(free_port)
    health_port=$(free_port)
    printf 'OPERATOR_WEBHOOK_PORT=%s\nOPERATOR_HEALTH_PORT=%s\n' "$webhook_port" "$health_port" >> "$STATE/ports"
    make_webhook_certs
    echo "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"$OPERATOR_NAMESPACE\"}}" | admin_post /api/v1/namespaces
    python3 - "$STATE/pki" <<'PY' | admin_post "/api/v1/namespaces/$OPERATOR_NAMESPACE/secrets"
import base64, json, sys
pki = sys.argv[1]
read = lambda name: base64.b64encode(open(f"{pki}/{name}", "rb").read()).decode()
print(json.dumps({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "training-operator-webhook-cert"},
                  "data": {"ca.crt": read("webhook-ca.crt"), "ca.key": read("webhook-ca.key"),
                           "tls.crt": read("webhook.crt"), "tls.key": read("webhook.key")}}))
PY
    # The module's webhook configuration, PyTorchJob's webhook only (the one scheme enabled), called at the operator's
    # address. The API server reads the YAML (a dry run answers it as JSON), so no YAML library is needed here.
    local webhooks=/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations
    sed '/^---$/d' "$CACHE/training-operator/webhooks.yaml" | admin_curl -f -o "$STATE/logs/webhooks.json" -X POST \
        -H 'Content-Type: application/yaml' --data-binary @- "https://127.0.0.1:$API_PORT$webhooks?dryRun=All" \
        || die "the API server could not read the training operator's webhook configuration"
    python3 - "$STATE/logs/webhooks.json" "$webhook_port" <<'PY' | admin_post "$webhooks"
import json, sys
config = json.load(open(sys.argv[1]))
hooks = [h for h in config["webhooks"] if "pytorchjob" in h["clientConfig"]["service"]["path"]]
for h in hooks:
    h["clientConfig"] = {"url": f"https://127.0.0.1:{sys.argv[2]}{h['clientConfig']['service']['path']}"}
config["metadata"] = {"name": "validator.training-operator.kubeflow.org"}
config["webhooks"] = hooks
print(json.dumps(config))
PY
    # The webhook server reads its certificate from $TMPDIR/k8s-webhook-server/serving-certs (one per plane);
    # the rotator only checks that /tmp/k8s-webhook-server/serving-certs/tls.crt exists (a fixed path), so
    # one is put there when missing.
    certs="$STATE/tmp/k8s-webhook-server/serving-certs"
    mkdir -p "$certs"
    cp "$STATE/pki/webhook.crt" "$certs/tls.crt"
    cp "$STATE/pki/webhook.key" "$certs/tls.key"
    if [[ ! -f /tmp/k8s-webhook-server/serving-certs/tls.crt ]]; then
        mkdir -p /tmp/k8s-webhook-server/serving-certs && cp "$STATE/pki/webhook.crt" /tmp/k8s-webhook-server/serving-certs/tls.crt
    fi
    launch training-operator env TMPDIR="$STATE/tmp" MY_POD_NAMESPACE="$OPERATOR_NAMESPACE" "$BIN/training-operator" \
        --kubeconfig="$STATE/admin.kubeconfig" --leader-elect=false --enable-scheme=pytorchjob \
        --gang-scheduler-name="$GANG_SCHEDULER" --metrics-bind-address=0 --health-probe-bind-address="127.0.0.1:$health_port" \
        --webhook-server-port="$webhook_port" --zap-devel=false --zap-log-level=info
    # Ready once its certificate is in the webhook configuration and the webhook server listens.
    wait_for "the training operator" 120 curl -sf "http://127.0.0.1:$health_port/readyz"
    echo "$(( ($(date +%s%N) - started) / 1000000 ))" > "$STATE/training-operator-start-millis"
    log "training operator ready in $(cat "$STATE/training-operator-start-millis") ms"
}

write_env() {
    cat > "$STATE/env" <<EOF
export ARCML_KUBE_STATE=$STATE
export ARCML_KUBE_ADMIN_KUBECONFIG=$STATE/admin.kubeconfig
export ARCML_KUBE_LIMITED_KUBECONFIG=$STATE/limited.kubeconfig
export ARCML_KUBE_LIMITED_USER=arcml-limited
export ARCML_KUBE_CONTROL_SCRIPT=$ROOT/.ci/kube-control-plane.sh
export ARCML_KUBE_AUDIT_LOG=$STATE/logs/audit.log
EOF
}

start() {
    CACHE="$(cache_dir)"
    BIN="$CACHE/bin"
    if alive kube-apiserver && alive etcd && [[ -f "$STATE/env" ]]; then
        log "already running (state in $STATE)"
        cat "$STATE/env"
        return
    fi
    stop quietly
    build
    touch "$CACHE/.last-used"
    local started
    started=$(date +%s%N)
    mkdir -p "$STATE"/{logs,pids,cmd,etcd}
    ETCD_PORT=$(free_port)
    local peer_port
    peer_port=$(free_port)
    API_PORT=$(free_port)
    printf 'ETCD_PORT=%s\nAPI_PORT=%s\n' "$ETCD_PORT" "$API_PORT" > "$STATE/ports"
    make_identities

    launch etcd "$BIN/etcd" --name=arcml --data-dir="$STATE/etcd" --unsafe-no-fsync --log-level=warn \
        --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
        --listen-peer-urls="http://127.0.0.1:$peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
        --initial-cluster="arcml=http://127.0.0.1:$peer_port"
    wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
    start_apiserver
    launch kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig="$STATE/controller-manager.kubeconfig" \
        --authentication-kubeconfig="$STATE/controller-manager.kubeconfig" --authorization-kubeconfig="$STATE/controller-manager.kubeconfig" \
        --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --controllers='*' --use-service-account-credentials=true \
        --service-account-private-key-file="$STATE/pki/sa.key" --root-ca-file="$STATE/pki/ca.crt" \
        --cluster-signing-cert-file="$STATE/pki/ca.crt" --cluster-signing-key-file="$STATE/pki/ca.key" --v=1
    cat > "$STATE/scheduler.yaml" <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection: {kubeconfig: $STATE/scheduler.kubeconfig}
leaderElection: {leaderElect: false}
profiles:
- schedulerName: default-scheduler
- schedulerName: $GANG_SCHEDULER
EOF
    launch kube-scheduler "$BIN/kube-scheduler" --config="$STATE/scheduler.yaml" \
        --authentication-kubeconfig="$STATE/scheduler.kubeconfig" --authorization-kubeconfig="$STATE/scheduler.kubeconfig" \
        --bind-address=127.0.0.1 --secure-port=0 --v=1
    launch kwok "$BIN/kwok" --kubeconfig="$STATE/admin.kubeconfig" --config="$KUBE_SRC/kwok/pod-stages.yaml" \
        --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
        --node-lease-duration-seconds=40
    apply_crds
    # The namespace "default" has its service account once the controller manager runs.
    wait_for "the controller manager's service accounts" 120 bash -c \
        "$(declare -f admin_curl); STATE=$STATE; admin_curl -f https://127.0.0.1:$API_PORT/api/v1/namespaces/default/serviceaccounts/default"
    start_training_operator
    local component
    for component in etcd kube-apiserver kube-controller-manager kube-scheduler kwok training-operator; do
        alive "$component" || die "$component exited; its log: $STATE/logs/$component.log"
    done
    echo "$(( ($(date +%s%N) - started) / 1000000 ))" > "$STATE/start-millis"
    write_env
    log "started in $(cat "$STATE/start-millis") ms (state in $STATE)"
    cat "$STATE/env"
}

# Drops etcd's history up to now, as its periodic compaction does: a watch resumed from an older
# resource version is then answered 410 Gone.
compact_etcd() {
    local revision
    revision="$(curl -sf -X POST "http://127.0.0.1:$ETCD_PORT/v3/kv/range" -d '{"key":"AA=="}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["header"]["revision"])')"
    curl -sf -X POST "http://127.0.0.1:$ETCD_PORT/v3/kv/compaction" -d "{\"revision\":\"$revision\",\"physical\":true}" >/dev/null
    log "etcd compacted at revision $revision"
}

restart_apiserver() {
    CACHE="$(cache_dir)"
    BIN="$CACHE/bin"
    # shellcheck disable=SC1091
    source "$STATE/ports"
    stop_component kube-apiserver
    compact_etcd
    start_apiserver
    log "kube-apiserver restarted"
}

stop_component() {
    local pid
    alive "$1" || return 0
    pid="$(cat "$STATE/pids/$1")"
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

stop() {
    local component
    if [[ -d "$STATE/pids" ]]; then
        for component in training-operator kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
            stop_component "$component"
        done
    fi
    # Only a directory this script made (it has a ports file) is removed.
    if [[ -f "$STATE/ports" ]]; then rm -rf "$STATE"; fi
    [[ "${1:-}" == quietly ]] || log "stopped"
}

case "${1:-}" in
build) build ;;
start) start ;;
env) [[ -f "$STATE/env" ]] && cat "$STATE/env" || die "not running: bash .ci/kube-control-plane.sh start" ;;
restart-apiserver) restart_apiserver ;;
stop) stop ;;
*) die "usage: $0 build|start|env|restart-apiserver|stop" ;;
esac
