import FlowModel
import HubbleAPI
import Testing
@testable import TrafficAnalysis

struct StableLabelsTests {
    @Test func ciliumsAndPerPodLabelsAreNeverChosen() {
        let labels = [
            "k8s:app=curl", "k8s:pod-template-hash=5dc8fd6498", "k8s:io.kubernetes.pod.namespace=universe",
            "k8s:io.cilium.k8s.policy.serviceaccount=default", "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=universe",
            "reserved:host", "k8s:controller-revision-hash=abc", "k8s:statefulset.kubernetes.io/pod-name=web-0",
        ]
        #expect(StableLabels.select(labels).map { "\($0.key)=\($0.value)" } == ["app=curl"])
    }

    @Test func theRecommendedLabelsComeFirstThenAppThenK8sApp() {
        let recommended = ["k8s:app=old", "k8s:app.kubernetes.io/name=shop", "k8s:app.kubernetes.io/instance=shop-eu", "k8s:app.kubernetes.io/version=1.2", "k8s:tier=web"]
        #expect(StableLabels.select(recommended).map(\.key) == ["app.kubernetes.io/instance", "app.kubernetes.io/name"])
        #expect(StableLabels.select(["k8s:k8s-app=kube-dns", "k8s:tier=dns"]).map(\.value) == ["kube-dns"])
        #expect(StableLabels.select(["k8s:tier=web", "k8s:team=a"]).map(\.key) == ["team", "tier"], "else every stable label")
        #expect(StableLabels.select(["k8s:pod-template-hash=x"]).isEmpty)
    }
}

struct SuggestionPortTests {
    /// ICMP cannot be allowed by port: a workload that answers pings is left open, not cut off.
    @Test func trafficWithoutAPortLeavesTheWorkloadOpen() throws {
        var map = TrafficMap()
        for icmp in [false, true] {
            var flow = Flow()
            flow.verdict = .forwarded
            flow.source.namespace = "a"
            flow.source.podName = "client"
            flow.source.labels = ["k8s:app=client"]
            flow.destination.namespace = "b"
            flow.destination.podName = "server"
            flow.destination.labels = ["k8s:app=server"]
            if icmp { flow.l4.icmpv4.type = 8 } else { flow.l4.tcp.destinationPort = 80 }
            map.add(flow)
        }
        let suggestion = PolicySuggestion(map)
        #expect(suggestion.notIsolated.map { "\($0.target.label) \($0.direction.rawValue)" } == ["a/client egress", "b/server ingress"])
        #expect(suggestion.policies.isEmpty)
        #expect(suggestion.leftOut.map(\.reason) == ["ICMPv4 cannot be allowed by port"])
    }
}
