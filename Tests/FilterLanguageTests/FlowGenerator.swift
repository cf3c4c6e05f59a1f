import FlowModel
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf

/// Flows drawn from small pools of values, so that generated expressions hit and miss them, with
/// every kind of absent data (no L4, no endpoint, no IP, no L7…).
enum FlowGenerator {
    static let namespaces = ["echo", "galaxy", "kube-system", "universe", ""]
    static let pods = ["curl", "echo-5dc8fd6498-kfvj6", "coredns-7db6d8ff4d-abcde", "echo", ""]
    static let ips = ["10.244.1.5", "10.244.2.7", "10.96.0.10", "192.168.1.1", "fd00:10:244::5", "2001:db8::1", ""]
    static let ports: [UInt32] = [53, 80, 443, 8080, 8000, 0, 40000]
    static let labels = [
        ["k8s:app=curl", "k8s:io.kubernetes.pod.namespace=galaxy"], ["k8s:app=echo"], ["reserved:world"],
        ["reserved:host"], [], ["k8s:app=coredns", "k8s:tier=dns"],
    ]
    static let nodes = ["kind-kind/kind-worker", "kind-worker2", "prod/node-1", ""]
    static let names = [[], ["docs.cilium.io"], ["kube-dns.kube-system.svc.cluster.local"], ["api.example.com", "example.com"]]
    static let urls = ["http://echo/api/v1/items/42?x=1", "/healthz", "", "http://h/ratings/7"]
    static let queries = ["db.internal.", "kube-dns.kube-system.svc.cluster.local.", "example.com."]

    static func flow(_ random: inout SeededRandom) -> Flow {
        var flow = Flow()
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        flow.verdict = Flow_Verdict(rawValue: Int(random.next() % 8)) ?? .forwarded
        if chance(50) { flow.dropReasonDesc = pick([.policyDenied, .unsupportedL3Protocol, .unknown]) }
        if chance(60) { flow.isReply = Google_Protobuf_BoolValue(chance(50)) }
        if chance(90) {
            var t = Google_Protobuf_Timestamp()
            t.seconds = 1_745_752_000 + Int64(random.next() % 100)
            flow.time = t
        }
        for side in [0, 1] where chance(85) {
            var endpoint = Flow_Endpoint()
            endpoint.namespace = pick(namespaces)
            endpoint.podName = pick(pods)
            endpoint.identity = pick([0, 1, 2, 71969, 93339, 102210, 16_777_217])
            endpoint.labels = pick(labels)
            endpoint.clusterName = pick(["kind-kind", "", "prod"])
            if chance(40) {
                var workload = Flow_Workload()
                workload.name = pick(["echo", "curl", "coredns"])
                workload.kind = pick(["Deployment", "DaemonSet", ""])
                endpoint.workloads = [workload]
            }
            if side == 0 { flow.source = endpoint } else { flow.destination = endpoint }
        }
        if chance(80) {
            var ip = Flow_IP()
            ip.source = pick(ips)
            ip.destination = pick(ips)
            ip.ipVersion = ip.source.contains(":") ? .ipv6 : .ipv4
            ip.encrypted = chance(10)
            if chance(10) { ip.sourceXlated = pick(ips) }
            flow.ip = ip
        }
        switch random.next() % 6 {
        case 0, 1:
            var tcp = Flow_TCP()
            tcp.sourcePort = pick(ports)
            tcp.destinationPort = pick(ports)
            if chance(80) { tcp.flags = TCPFlagsPool.pick(&random) }
            flow.l4.tcp = tcp
        case 2:
            var udp = Flow_UDP()
            udp.sourcePort = pick(ports)
            udp.destinationPort = pick(ports)
            flow.l4.udp = udp
        case 3: flow.l4.icmpv4 = Flow_ICMPv4()
        case 4: flow.l4.sctp.destinationPort = pick(ports)
        default: break
        }
        if chance(30) {
            var l7 = Flow_Layer7()
            if chance(50) {
                var http = Flow_HTTP()
                http.code = pick([0, 200, 404, 503, 302])
                http.method = pick(["GET", "post", ""])
                http.url = pick(urls)
                if chance(50) {
                    var header = Flow_HTTPHeader()
                    header.key = "x-a"
                    header.value = pick(["1", "2"])
                    http.headers = [header]
                }
                l7.http = http
            } else {
                var dns = Flow_DNS()
                dns.query = pick(queries)
                dns.rcode = pick([0, 3])
                l7.dns = dns
            }
            flow.l7 = l7
        }
        if chance(85) {
            var eventType = Flow_CiliumEventType()
            eventType.type = pick([1, 4, 5, 7, 129])
            eventType.subType = Int32(random.next() % 6)
            flow.eventType = eventType
        }
        flow.trafficDirection = pick([.ingress, .egress, .unknown])
        flow.nodeName = pick(nodes)
        flow.nodeLabels = pick([[], ["topology.kubernetes.io/zone=a"], ["kubernetes.io/hostname=kind-worker"]])
        flow.sourceNames = pick(names)
        flow.destinationNames = pick(names)
        if chance(30) {
            var service = Flow_Service()
            service.name = pick(["kube-dns", "echo", ""])
            service.namespace = pick(["kube-system", "echo", ""])
            flow.destinationService = service
        }
        flow.uuid = pick(["u-1", "u-2", ""])
        if chance(20) { flow.interface.name = pick(["eth0", "lxc1"]) }
        if chance(20) { flow.traceContext.parent.traceID = pick(["t1", "t2"]) }
        if chance(20) { flow.ipTraceID.traceID = pick([7, 9]) }
        return flow
    }
}

enum TCPFlagsPool {
    static func pick(_ random: inout SeededRandom) -> Flow_TCPFlags {
        var flags = Flow_TCPFlags()
        let bits = random.next()
        flags.syn = bits & 1 != 0
        flags.ack = bits & 2 != 0
        flags.fin = bits & 4 != 0
        flags.rst = bits & 8 != 0
        flags.psh = bits & 16 != 0
        return flags
    }
}
