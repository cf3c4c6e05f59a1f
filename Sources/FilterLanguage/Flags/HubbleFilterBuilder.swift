import FlowModel
import HubbleAPI

/// Turns the reference CLI's filter flags, in command-line order, into the allow and deny lists it
/// would send (`protocol.md` §11.4): `--not` diverts the next flag to the deny tracker, symmetric flags
/// pair into a source-side and a destination-side FlowFilter, raw `--allowlist`/`--denylist` filters
/// come last.
public struct HubbleFilterBuilder: Sendable {
    private var allowTracker = FilterTracker()
    private var denyTracker = FilterTracker()
    private var negateNext = false
    private var rawAllow: [Flow_FlowFilter] = []
    private var rawDeny: [Flow_FlowFilter] = []

    public init() {}

    /// Builds the lists from flags given as (long name, value) in command-line order.
    public static func build(_ flags: [(name: String, value: String)]) throws(HubbleFlagError) -> (allow: [Flow_FlowFilter], deny: [Flow_FlowFilter]) {
        var builder = HubbleFilterBuilder()
        for flag in flags { try builder.add(flag.name, value: flag.value) }
        return try builder.finish()
    }

    /// Adds one flag (its long name without dashes); flags without a value take `""`.
    public mutating func add(_ name: String, value: String = "") throws(HubbleFlagError) {
        guard let flag = HubbleFilterFlag.named(name) else { throw HubbleFlagError("unknown filter flag --\(name)") }
        switch name {
        case "not":
            if negateNext { throw .invalid(flag, "true", "consecutive --not statements") }
            negateNext = true
            return
        case "allowlist", "denylist":
            let filters = try Self.decodeRaw(value, flag: flag)
            if name == "allowlist" { rawAllow += filters } else { rawDeny += filters }
            return
        default:
            break
        }
        let negated = negateNext
        negateNext = false
        var tracker = negated ? denyTracker : allowTracker
        if let conflict = tracker.use(name) { throw .invalid(flag, value, conflict) }
        do throws(FlagValueError) {
            try Self.apply(name, value, to: &tracker)
        } catch {
            throw .invalid(flag, value, error.message)
        }
        if let conflict = tracker.namespaceConflict() { throw .invalid(flag, value, conflict) }
        if negated { denyTracker = tracker } else { allowTracker = tracker }
    }

    public func finish() throws(HubbleFlagError) -> (allow: [Flow_FlowFilter], deny: [Flow_FlowFilter]) {
        if negateNext { throw HubbleFlagError("trailing --not found in the arguments") }
        return (allowTracker.finished() + rawAllow, denyTracker.finished() + rawDeny)
    }

    struct FlagValueError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private static func apply(_ name: String, _ value: String, to t: inout FilterTracker) throws(FlagValueError) {
        switch name {
        case "uuid": t.both(\.uuid, value)
        case "ip": t.symmetric(\.sourceIp, \.destinationIp, value)
        case "from-ip": t.both(\.sourceIp, value)
        case "to-ip": t.both(\.destinationIp, value)
        case "snat-ip": t.both(\.sourceIpXlated, value)
        case "pod": t.symmetric(\.sourcePod, \.destinationPod, value)
        case "from-pod": t.both(\.sourcePod, value)
        case "to-pod": t.both(\.destinationPod, value)
        case "fqdn": t.symmetric(\.sourceFqdn, \.destinationFqdn, value)
        case "from-fqdn": t.both(\.sourceFqdn, value)
        case "to-fqdn": t.both(\.destinationFqdn, value)
        case "label": t.symmetric(\.sourceLabel, \.destinationLabel, value)
        case "from-label": t.both(\.sourceLabel, value)
        case "to-label": t.both(\.destinationLabel, value)
        case "node-label": t.both(\.nodeLabels, value)
        case "service": t.symmetric(\.sourceService, \.destinationService, value)
        case "from-service": t.both(\.sourceService, value)
        case "to-service": t.both(\.destinationService, value)
        case "workload": t.symmetric(\.sourceWorkload, \.destinationWorkload, workload(value))
        case "from-workload": t.both(\.sourceWorkload, workload(value))
        case "to-workload": t.both(\.destinationWorkload, workload(value))
        case "cluster": t.symmetric(\.sourceClusterName, \.destinationClusterName, value)
        case "from-cluster": t.both(\.sourceClusterName, value)
        case "to-cluster": t.both(\.destinationClusterName, value)
        case "identity": t.symmetric(\.sourceIdentity, \.destinationIdentity, try identity(value))
        case "from-identity": t.both(\.sourceIdentity, try identity(value))
        case "to-identity": t.both(\.destinationIdentity, try identity(value))
        case "port": t.symmetric(\.sourcePort, \.destinationPort, value)
        case "from-port": t.both(\.sourcePort, value)
        case "to-port": t.both(\.destinationPort, value)
        case "verdict":
            guard let verdict = FlowEnums.value(Flow_Verdict.self, named: value) else {
                throw FlagValueError("invalid --verdict value: \(value)")
            }
            t.both(\.verdict, verdict)
        case "drop-reason-desc":
            guard !value.isEmpty else { throw FlagValueError("empty --drop-reason-desc value") }
            guard let reason = FlowEnums.value(Flow_DropReason.self, named: value) else {
                throw FlagValueError("invalid --drop-reason-desc value: \(value)")
            }
            t.both(\.dropReasonDesc, reason)
        case "traffic-direction":
            switch value.lowercased() {
            case "ingress": t.both(\.trafficDirection, .ingress)
            case "egress": t.both(\.trafficDirection, .egress)
            default: throw FlagValueError("\(value): invalid traffic direction, expected ingress or egress")
            }
        case "type": t.both(\.eventType, try EventTypeNames.filter(value))
        case "protocol": t.both(\.protocol, value)
        case "tcp-flags":
            var mask: UInt16 = 0
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let bit = TCPFlagMask.bit(named: String(part)) else { throw FlagValueError("unknown tcp flag: \(part)") }
                mask |= bit
            }
            t.both(\.tcpFlags, TCPFlagMask(bits: mask).flags)
        case "http-status": t.both(\.httpStatusCode, value)
        case "http-method": t.both(\.httpMethod, value)
        case "http-path": t.both(\.httpPath, value)
        case "http-url": t.both(\.httpURL, value)
        case "http-header":
            guard let colon = value.firstIndex(of: ":") else {
                throw FlagValueError("invalid http-header value \(GoQuote.quote(value)), expected name:value")
            }
            var header = Flow_HTTPHeader()
            header.key = String(value[..<colon])
            header.value = String(value[value.index(after: colon)...])
            t.both(\.httpHeader, header)
        case "node-name": t.both(\.nodeName, value)
        case "ipv4": t.both(\.ipVersion, .ipv4)
        case "ipv6": t.both(\.ipVersion, .ipv6)
        case "ip-version":
            switch value.lowercased() {
            case "4", "v4", "ipv4", "ip4": t.both(\.ipVersion, .ipv4)
            case "6", "v6", "ipv6", "ip6": t.both(\.ipVersion, .ipv6)
            default: t.both(\.ipVersion, .ipNotUsed)
            }
        case "trace-id": t.both(\.traceID, value)
        case "ip-trace-id":
            switch GoNumber.parseUnsigned(value, bits: 64) {
            case .success(0): throw FlagValueError("invalid --ip-trace-id value; must be greater than 0")
            case .success(let id): t.both(\.ipTraceID, id)
            case .failure(let error): throw FlagValueError("invalid --ip-trace-id value: \(error)")
            }
        case "interface":
            var interface = Flow_NetworkInterface()
            interface.name = value
            t.both(\.interface, interface)
        case "encrypted": t.both(\.encrypted, true)
        case "unencrypted": t.both(\.encrypted, false)
        case "cel-expression":
            t.touched = true
            t.left.experimental.celExpression.append(value)
            t.right.experimental.celExpression.append(value)
        case "namespace": t.touched = true; t.namespaces.append(value)
        case "all-namespaces": t.touched = true; t.namespaces.append("")
        case "from-namespace": t.touched = true; t.fromNamespaces.append(value)
        case "from-all-namespaces": t.touched = true; t.fromNamespaces.append("")
        case "to-namespace": t.touched = true; t.toNamespaces.append(value)
        case "to-all-namespaces": t.touched = true; t.toNamespaces.append("")
        default: throw FlagValueError("unknown filter flag")
        }
    }

    /// `name`, `kind/name`, `kind/` or `""`.
    static func workload(_ value: String) -> Flow_Workload {
        var workload = Flow_Workload()
        if let slash = value.firstIndex(of: "/") {
            workload.kind = String(value[..<slash])
            workload.name = String(value[value.index(after: slash)...])
        } else {
            workload.name = value
        }
        return workload
    }

    static func identity(_ value: String) throws(FlagValueError) -> UInt32 {
        if let reserved = ReservedIdentity.number(named: value) { return reserved }
        if case .success(let n) = GoNumber.parseLiteral(value, bits: 32) { return UInt32(n) }
        throw FlagValueError(
            "invalid security identity, expected one of [host world unmanaged health init remote-node kube-apiserver ingress world-ipv4 world-ipv6 11] or a numeric value")
    }

    /// One or more concatenated JSON FlowFilter objects.
    static func decodeRaw(_ value: String, flag: HubbleFilterFlag) throws(HubbleFlagError) -> [Flow_FlowFilter] {
        var copy = value
        let result: Result<[Flow_FlowFilter], HubbleJSONError> = copy.withUTF8 { buffer in
            var reader = JSONReader(UnsafeRawBufferPointer(buffer))
            var filters: [Flow_FlowFilter] = []
            do throws(HubbleJSONError) {
                reader.skipWhitespace()
                repeat {
                    filters.append(try reader.readMessage(Flow_FlowFilter.self))
                    if reader.unknownFieldCount > 0 {
                        throw HubbleJSONError("unknown field \(GoQuote.quote(reader.unknownFields[0]))", at: 0)
                    }
                    reader.skipWhitespace()
                } while reader.peek() != nil
                return .success(filters)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let filters): return filters
        case .failure(let error):
            throw HubbleFlagError("invalid --\(flag.name) flag: failed to decode '\(value)': \(error)")
        }
    }
}
