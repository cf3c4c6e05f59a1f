#!/usr/bin/env bash
# `loupe-agent policy explain --matrix` over a generated cluster: 100 pods in 10 namespaces and 50
# policies (25 NetworkPolicies, 25 CiliumNetworkPolicies with L3/L4, L7 and deny rules), one port:
# 10,000 ordered pairs. Prints the best wall time of 5 runs and the pairs per second.
# Usage: Benchmarks/policy-matrix.sh [PODS] [POLICIES]
set -euo pipefail
cd "$(dirname "$0")/.."
pods=${1:-100}
policies=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$pods" "$policies" >"$work/cluster.yaml" <<'PY'
import sys
pods, policies = int(sys.argv[1]), int(sys.argv[2])
namespaces = 10
print("cluster: bench\nnodes:\n  - {name: n1, podCIDR: 10.0.0.0/16}\nnamespaces:")
for n in range(namespaces):
    print(f"  - {{name: ns{n}, labels: {{team: t{n % 3}}}}}")
print("pods:")
for p in range(pods):
    print(f"  - {{name: p{p}, namespace: ns{p % namespaces}, node: n1, ip: 10.0.{p // 250}.{p % 250 + 1}, "
          f"labels: {{app: a{p % 7}, tier: t{p % 3}}}, ports: [{{name: http, port: 80}}]}}")
print("policies:")
for i in range(policies):
    ns = f"ns{i % namespaces}"
    if i % 2 == 0:
        print(f"""  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {{name: np{i}, namespace: {ns}}}
    spec:
      podSelector: {{matchLabels: {{app: a{i % 7}}}}}
      ingress:
        - from: [{{namespaceSelector: {{matchLabels: {{team: t{i % 3}}}}}, podSelector: {{matchExpressions: [{{key: tier, operator: In, values: [t0, t1]}}]}}}}]
          ports: [{{port: http}}, {{port: 8000, endPort: 8080}}]""")
    else:
        print(f"""  - apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {{name: cnp{i}, namespace: {ns}}}
    spec:
      endpointSelector: {{matchLabels: {{tier: t{i % 3}}}}}
      ingress:
        - fromEndpoints: [{{matchLabels: {{"k8s:io.kubernetes.pod.namespace": ns{(i + 1) % namespaces}}}}}, {{matchLabels: {{app: a{i % 7}}}}}]
          toPorts: [{{ports: [{{port: "80", protocol: TCP}}], rules: {{http: [{{method: GET, path: "/api/v[0-9]+/.*"}}, {{method: POST, path: /submit}}]}}}}]
        - fromEntities: [cluster]
          toPorts: [{{ports: [{{port: "9090", protocol: TCP}}]}}]
      ingressDeny:
        - fromEndpoints: [{{matchLabels: {{app: a{(i + 3) % 7}, "k8s:io.kubernetes.pod.namespace": ns{(i + 2) % namespaces}}}}}]
      egress:
        - toEndpoints: [{{}}]
        - toCIDRSet: [{{cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
          toPorts: [{{ports: [{{port: "443"}}]}}]""")
PY

swift build -c release --product loupe-agent >/dev/null
agent="$(swift build -c release --show-bin-path)/loupe-agent"
"$agent" scenario check "$work/cluster.yaml"
best=""
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$agent" policy explain --scenario "$work/cluster.yaml" --matrix --port 80 >"$work/matrix.txt" || true
  end=$(date +%s.%N)
  best=$(python3 -c "b='$best'; t=$end-$start; print(t if b=='' or t<float(b) else b)")
done
pairs=$((pods * pods))
marks=$(tail -n +3 "$work/matrix.txt" | cut -f2- | tr -d '\t\n' | fold -w1 | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
python3 -c "print(f'policy explain --matrix: {$pairs:,} pairs, {$policies} policies: best of 5 {$best:.3f} s ({$pairs/$best:,.0f} pairs/s); cells: $marks')"
