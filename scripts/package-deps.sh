#!/usr/bin/env bash
# Prints which io.arcml package uses which, from the compiled classes (run after `mvn -o compile`):
#   scripts/package-deps.sh            # sdk-core and sdk-k8s
#   scripts/package-deps.sh --classes  # class-level edges between the SPI, its callers and the transports
#   scripts/package-deps.sh --job-types  # class-level edges from the SPI and the transports into the user's
#                                        # job, sweep and pipeline types (what the job SPI's specs replace)
#   scripts/package-deps.sh --cycles   # the package cycles: each group of packages that reach one another
# Each line reads "package -> the io.arcml packages its classes use". Cycles show as two lines naming each other.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=()
for d in sdk-core/target/classes sdk-k8s/target/classes; do
  [ -d "$d" ] && dirs+=("$d")
done
[ ${#dirs[@]} -gt 0 ] || { echo "No compiled classes: run 'mvn -B -o -q -pl sdk-core,sdk-k8s -am compile' first" >&2; exit 1; }
if [ "${1:-}" = "--classes" ]; then
  jdeps -verbose:class -filter:none "${dirs[@]}" 2>/dev/null \
    | awk '/^ +io\.arcml\./ && $3 ~ /^io\.arcml\./ {
        from=$1; to=$3; sub(/\$.*/, "", from); sub(/\$.*/, "", to);
        if (from != to && (to ~ /\.transport\./ || from ~ /\.transport\./)) print from " -> " to }' | sort -u
  exit 0
fi
if [ "${1:-}" = "--job-types" ]; then
  jdeps -verbose:class -filter:none "${dirs[@]}" 2>/dev/null \
    | awk '$1 ~ /^io\.arcml\.(transport|k8s)/ && $3 ~ /^io\.arcml\.(job|sweep|pipeline)\./ {
        from=$1; to=$3; sub(/\$.*/, "", from); sub(/\$.*/, "", to); print from " -> " to }' | sort -u
  exit 0
fi
packages() {
jdeps -verbose:package -filter:none "${dirs[@]}" 2>/dev/null \
  | awk '/^ +io\.arcml/ && $3 ~ /^io\.arcml/ && $1 != $3 { deps[$1] = deps[$1] " " $3 }
         END { for (p in deps) print p " ->" deps[p] }' \
  | sort \
  | awk '{ printf "%s %s", $1, $2; n = split(substr($0, index($0, "->") + 3), a, " "); delete seen;
           out = ""; for (i = 1; i <= n; i++) if (!(a[i] in seen)) { seen[a[i]] = 1; out = out " " a[i] } print out }'
}
if [ "${1:-}" = "--cycles" ]; then
  # Strongly connected components of the package graph with more than one package, one per line.
  packages | python3 -c '
import sys
graph = {}
for line in sys.stdin:
    origin, _, targets = line.partition(" -> ")
    graph[origin.strip()] = targets.split()
index, low, stack, on, groups = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index); stack.append(v); on.add(v)
    for w in graph.get(v, []):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        group = []
        while True:
            w = stack.pop(); on.discard(w); group.append(w)
            if w == v: break
        if len(group) > 1: groups.append(sorted(group))
for v in sorted(graph):
    if v not in index: visit(v)
for g in groups: print(len(g), "packages in one cycle:", " ".join(g))
print(len(groups), "package cycles")'
  exit 0
fi
packages
