import FlowModel
import HubbleAPI
import PolicyEngine

/// "Who can talk to what?": a connection between scenario endpoints, judged by the scenario's
/// policies, with the policies (or the missing allow) that decide it.
extension Scenario {
    public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The answer to `--from NS/POD --to NS/POD:PORT[/PROTO]` (the destination may also be a service
    /// name, `echo.echo.svc.cluster.local:80`, judged against each pod behind it).
    public struct PolicyAnswer: Sendable {
        public var connection: PolicyConnection
        public var verdict: PolicyVerdict
        public var text: String
    }

    public func explainPolicy(from: String, to: String) throws(QueryError) -> [PolicyAnswer] {
        guard let source = pod(from) else {
            throw QueryError(description: "--from \(from): no such pod; the scenario has \(pods.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", "))")
        }
        var target = Substring(to)
        var transport = Transport.tcp
        if let slash = target.lastIndex(of: "/"), let parsed = Transport(rawValue: target[target.index(after: slash)...].uppercased()) {
            transport = parsed
            target = target[..<slash]
        }
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]), (1...65535).contains(port) else {
            throw QueryError(description: "--to \(to): write NS/POD:PORT[/PROTO] or SERVICE:PORT[/PROTO]")
        }
        let host = String(target[..<colon])
        var destinations: [(Pod, Int)] = []
        if let pod = pod(host) {
            destinations = [(pod, port)]
        } else if let service = service(host: host) {
            guard let servicePort = service.ports.first(where: { $0.port == port && $0.protocol == transport }) else {
                throw QueryError(description: "--to \(to): service \(service.namespace)/\(service.name) has no port \(port)/\(transport.rawValue)")
            }
            destinations = pods.filter { pod in
                pod.namespace == service.namespace && service.selector.allSatisfy { key, value in pod.labels[key] == value }
            }.map { ($0, servicePort.targetPort) }
            if destinations.isEmpty { throw QueryError(description: "--to \(to): no pod backs service \(service.namespace)/\(service.name)") }
        } else {
            throw QueryError(description: "--to \(to): \"\(host)\" is neither a pod (namespace/name) nor a service of the scenario")
        }
        let policies = policySet
        return destinations.map { destination, targetPort in
            let connection = PolicyConnection(
                source: source.policyEndpoint, destination: destination.policyEndpoint, port: targetPort, protocol: transport)
            let verdict = policies.evaluate(connection)
            return PolicyAnswer(connection: connection, verdict: verdict, text: Self.render(connection, verdict))
        }
    }

    static func render(_ connection: PolicyConnection, _ verdict: PolicyVerdict) -> String {
        let target = "\(connection.port)/\(connection.protocol.rawValue)"
        var lines = ["\(connection.source.displayName) -> \(connection.destination.displayName):\(target): \(verdict.allowed ? "ALLOWED" : "DENIED")"]
        func describe(_ decision: PolicyVerdict.Decision, _ direction: String, at endpoint: PolicyEndpoint, peer: PolicyEndpoint) -> String {
            let head = "  \(direction) at \(endpoint.displayName): "
            switch decision {
            case .notApplicable: return head + "not a pod; no policy applies"
            case .notIsolated: return head + "allowed: no policy selects the pod for \(direction)"
            case .allowed(let names): return head + "allowed by " + names.joined(separator: ", ")
            case .denied(let names):
                return head + "denied: " + names.joined(separator: ", ") + (names.count == 1 ? " selects" : " select")
                    + " the pod for \(direction), and no rule allows \(peer.displayName) on \(target)"
            case .deniedByRule(let names): return head + "denied by a deny rule of " + names.joined(separator: ", ")
            }
        }
        lines.append(describe(verdict.egress, "egress", at: connection.source, peer: connection.destination))
        lines.append(describe(verdict.ingress, "ingress", at: connection.destination, peer: connection.source))
        return lines.joined(separator: "\n") + "\n"
    }
}
