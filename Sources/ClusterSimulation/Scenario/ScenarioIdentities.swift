/// Security identities as Cilium allocates them: one per set of security-relevant labels (the pod's
/// labels and its namespace), shared by every pod with that set. A scenario may fix an identity for
/// a pod (the seed's 93339, 102210, 71969); the others are numbered from 10000 in a stable order, so
/// that the same scenario always yields the same identities.
enum ScenarioIdentities {
    static let firstAllocated: UInt32 = 10000

    static func key(_ pod: Scenario.Pod) -> String {
        "\(pod.namespace)|" + pod.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func assign(_ pods: inout [Scenario.Pod], explicit: [Int: UInt32]) {
        var byKey: [String: UInt32] = [:]
        for (index, identity) in explicit { byKey[key(pods[index])] = identity }
        let taken = Set(byKey.values)
        var next = firstAllocated
        for key in Set(pods.map(key)).sorted() where byKey[key] == nil {
            while taken.contains(next) { next += 1 }
            byKey[key] = next
            next += 1
        }
        for index in pods.indices {
            pods[index].identity = explicit[index] ?? byKey[key(pods[index])]!
        }
    }
}
