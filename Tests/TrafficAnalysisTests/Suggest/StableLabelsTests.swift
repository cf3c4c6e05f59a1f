import Testing
import TrafficAnalysis

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
