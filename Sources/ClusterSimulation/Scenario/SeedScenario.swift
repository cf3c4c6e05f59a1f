/// The seed's cluster, built into the programs so that `loupe --demo` needs no file. The same text
/// as `scenarios/seed.yaml` (a test keeps them equal).
public enum SeedScenario {
    public static let fileName = "seed.yaml"

    public static let yaml = """
    # The cluster of the seed: a kind cluster where curl in `universe` reaches echo and curl in `galaxy`
    # is dropped by the NetworkPolicy allow-universe-to-echo.
    cluster: kind-kind

    nodes:
      - name: kind-control-plane
        podCIDR: 10.244.0.0/24
      - name: kind-worker
        podCIDR: 10.244.1.0/24
      - name: kind-worker2
        podCIDR: 10.244.2.0/24

    namespaces:
      - name: echo
      - name: universe
      - name: galaxy
      - name: kube-system

    pods:
      - name: echo-5dc8fd6498-kfvj6
        namespace: echo
        node: kind-worker
        ip: 10.244.1.87
        labels: {app: echo}
        workload: {kind: Deployment, name: echo}
        identity: 71969
        endpoint: {id: 412, mac: "de:ad:7c:12:90:4f", interface: lxc9f3e61d0b8c2, interfaceIndex: 11}
        ports:
          - {name: http, port: 80}
      - name: curl
        namespace: universe
        node: kind-worker2
        ip: 10.244.2.23
        labels: {app: curl}
        identity: 93339
        endpoint: {id: 1877, mac: "4e:4c:1a:9b:21:07", interface: lxc5b1f0e2c7d9a, interfaceIndex: 14}
      - name: curl
        namespace: galaxy
        node: kind-worker2
        ip: 10.244.2.41
        labels: {app: curl}
        identity: 102210
        endpoint: {id: 2764, mac: "9a:11:5e:40:cc:3b"}
      - name: coredns-674b8bbfcf-x8kqp
        namespace: kube-system
        node: kind-control-plane
        ip: 10.244.0.12
        labels: {k8s-app: kube-dns}
        serviceAccount: coredns
        workload: {kind: Deployment, name: coredns}
        identity: 8262
        endpoint: {mac: "b2:60:3d:0e:77:a1"}
        ports:
          - {name: dns, port: 53, protocol: UDP}
          - {name: dns-tcp, port: 53, protocol: TCP}

    services:
      - name: echo
        namespace: echo
        clusterIP: 10.96.112.175
        selector: {app: echo}
        ports:
          - {port: 80, targetPort: 80}
      - name: kube-dns
        namespace: kube-system
        clusterIP: 10.96.0.10
        selector: {k8s-app: kube-dns}
        ports:
          - {port: 53, protocol: UDP}
          - {port: 53, protocol: TCP}

    policies:
      # allow-universe-to-echo.yaml, as the seed applies it.
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-universe-to-echo
          namespace: echo
        spec:
          podSelector:
            matchLabels:
              app: echo

          policyTypes:
            - Ingress

          ingress:
            - from:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: universe
              ports:
                - protocol: TCP
                  port: 80

    traffic:
      - from: universe/curl
        to: echo.echo.svc.cluster.local:80
      - from: galaxy/curl
        to: echo.echo.svc.cluster.local:80
    
    """

    /// The decoded scenario; the text is checked by the tests, so it always decodes.
    public static func load() -> Scenario {
        do {
            return try ScenarioDecoder.decode(yaml: yaml, file: fileName)
        } catch {
            preconditionFailure("the built-in seed scenario does not decode: \(error)")
        }
    }
}
