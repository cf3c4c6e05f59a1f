import Testing
import TrafficAnalysis

struct WorkloadNameTests {
    @Test(arguments: [
        ("echo-5dc8fd6498-kfvj6", "echo"),  // a Deployment's pod
        ("coredns-7db6d8ff4d-jdk5z", "coredns"),
        ("cilium-x8b9w", "cilium"),  // a DaemonSet's
        ("hubble-relay-7cdbd5b6f5-n4q2t", "hubble-relay"),
        ("web-0", "web"),  // a StatefulSet's
        ("kafka-broker-12", "kafka-broker"),
        ("curl", "curl"),  // a bare pod
        ("my-app", "my-app"),
        ("api-aaaaa", "api-aaaaa"),  // "a" is not in the suffix alphabet
        ("etcd-kind-control-plane", "etcd-kind-control-plane"),  // a static pod
    ])
    func readsTheWorkloadFromAPodName(pod: String, workload: String) {
        #expect(WorkloadName.of(pod: pod) == workload)
    }
}
