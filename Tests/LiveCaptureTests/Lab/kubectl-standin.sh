#!/usr/bin/env bash
# A stand-in for kubectl, for `calicap cluster --kubectl kubectl-standin.sh` in tests. It answers
# what calicap asks and records every call; `debug node/NAME … -- CMD` runs CMD "on the node":
#
#   CALICAP_STANDIN_STATE    directory for its state (the debug pods it "made") and its log
#                            (calls.log: one line per call, then "created pod …"/"deleted pod …")
#   CALICAP_STANDIN_NODES    the answer to `get nodes -o yaml` (a file)
#   CALICAP_STANDIN_PODS     the answer to `get pods -A -o wide` (a file; "No resources found" without)
#   CALICAP_STANDIN_IPPOOLS  the answer to `get ippools.crd.projectcalico.org -o yaml` (a file;
#                            without it, kubectl's error for an unknown resource type)
#   CALICAP_STANDIN_NETNS_PREFIX  lab mode: node NAME is the network namespace PREFIX-NAME and
#                            CMD runs as `ip netns exec PREFIX-NAME CMD`, its stdout streamed
#   CALICAP_STANDIN_PCAP_DIR file mode: CMD runs here with a `tcpdump` that streams
#                            DIR/NAME-IFACE.pcap and then stays (as a capture that goes on)
#   CALICAP_STANDIN_FORBIDDEN_NODES  nodes whose debug pod is refused (RBAC), space-separated
#   CALICAP_STANDIN_GONE_NODES       nodes that do not exist (any more)
#   CALICAP_STANDIN_STUCK_NODES      nodes whose debug pod is made but never starts (image not
#                                    pullable: kubectl -q waits, silent)
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${CALICAP_STANDIN_STATE:?CALICAP_STANDIN_STATE is not set}"
mkdir -p "$STATE/pods"
LOG="$STATE/calls.log"

log() { printf '%s\n' "$*" >>"$LOG"; }

call="kubectl"
for argument in "$@"; do call+=" $(printf '%q' "$argument")"; done
log "$call"

# Global options may come before the verb.
namespace="default"
args=()
while (($# > 0)); do
    case "$1" in
        --context) shift 2 ;;
        --context=*) shift ;;
        --namespace | -n) namespace="$2"; shift 2 ;;
        --namespace=*) namespace="${1#--namespace=}"; shift ;;
        --) args+=("$@"); break ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- "${args[@]}"

listed() { [[ " $2 " == *" $1 "* ]]; }

case "${1:-} ${2:-}" in
    "get nodes")
        cat "${CALICAP_STANDIN_NODES:?}"
        ;;
    "get ippools.crd.projectcalico.org")
        if [[ -n "${CALICAP_STANDIN_IPPOOLS:-}" ]]; then
            cat "$CALICAP_STANDIN_IPPOOLS"
        else
            echo 'error: the server doesn'"'"'t have a resource type "ippools"' >&2
            exit 1
        fi
        ;;
    "get pods")
        if [[ " $* " == *" -A "* ]]; then
            if [[ -n "${CALICAP_STANDIN_PODS:-}" ]]; then cat "$CALICAP_STANDIN_PODS"; else echo "No resources found" >&2; fi
        else
            found=0
            for pod in "$STATE/pods"/*; do
                [[ -e "$pod" ]] || continue
                echo "pod/$(basename "$pod")"
                found=1
            done
            ((found)) || echo "No resources found in $namespace namespace." >&2
        fi
        ;;
    "delete pod")
        shift 2
        for name in "$@"; do
            [[ "$name" == -* ]] && continue
            if [[ -e "$STATE/pods/$name" ]]; then
                rm -f "$STATE/pods/$name"
                log "deleted pod $name"
                echo "pod \"$name\" deleted"
            fi
        done
        ;;
    debug\ node/*)
        node="${2#node/}"
        command=()
        seen_dashes=0
        for argument in "${@:3}"; do
            if ((seen_dashes)); then command+=("$argument"); elif [[ "$argument" == -- ]]; then seen_dashes=1; fi
        done
        if listed "$node" "${CALICAP_STANDIN_GONE_NODES:-}"; then
            echo "Error from server (NotFound): nodes \"$node\" not found" >&2
            exit 1
        fi
        if listed "$node" "${CALICAP_STANDIN_FORBIDDEN_NODES:-}"; then
            echo "Error from server (Forbidden): pods is forbidden: User \"tester\" cannot create resource \"pods\" in API group \"\" in the namespace \"$namespace\"" >&2
            exit 1
        fi
        suffix="$(tr -dc 'bcdfghjklmnpqrstvwxz2456789' </dev/urandom | head -c 5)"
        pod="node-debugger-$node-$suffix"
        echo "$node" >"$STATE/pods/$pod"
        log "created pod $pod for node $node"
        if listed "$node" "${CALICAP_STANDIN_STUCK_NODES:-}"; then
            exec sleep 3600
        fi
        if [[ -n "${CALICAP_STANDIN_NETNS_PREFIX:-}" ]]; then
            exec ip netns exec "$CALICAP_STANDIN_NETNS_PREFIX-$node" "${command[@]}"
        fi
        mkdir -p "$STATE/bin"
        ln -sf "$HERE/tcpdump-from-file.sh" "$STATE/bin/tcpdump"
        export CALICAP_STANDIN_NODE="$node"
        PATH="$STATE/bin:$PATH" exec "${command[@]}"
        ;;
    *)
        echo "kubectl-standin: unsupported: $*" >&2
        exit 1
        ;;
esac
