import Foundation
import PolicyEngine
import Testing

/// Manifests are read as the API defines them; mistakes name the file, the line and the field.
@Suite struct PolicyDecoderTests {
    static let seedPolicy = """
        apiVersion: networking.k8s.io/v1
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
        """

    @Test func theSeedPolicy() throws {
        let policies = try PolicyDecoder.decode(yaml: Self.seedPolicy, file: "seed.yaml")
        #expect(policies == [PolicySetTests.allowUniverseToEcho])
    }

    @Test func severalDocumentsAndLists() throws {
        let yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: echo}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dns}
                spec:
                  podSelector: {matchExpressions: [{key: app, operator: In, values: [curl]}]}
                  egress:
                    - to: [{ipBlock: {cidr: 10.96.0.0/12, except: [10.96.0.0/16]}}]
                      ports: [{port: dns, protocol: UDP}, {port: 8000, endPort: 8080}]
            """
        let policies = try PolicyDecoder.decode(yaml: yaml, file: "p.yaml")
        #expect(policies.count == 2)
        #expect(policies[0].policyTypes == [.ingress, .egress])
        #expect(policies[0].podSelector.isEmpty)
        #expect(policies[1].namespace == "default")
        #expect(policies[1].policyTypes == [.ingress, .egress])
        #expect(policies[1].egress[0].ports == [
            .init(protocol: .udp, port: .named("dns")), .init(protocol: .tcp, port: .number(8000), endPort: 8080),
        ])
        #expect(policies[1].egress[0].peers[0].ipBlock == .init(cidr: "10.96.0.0/12", except: ["10.96.0.0/16"]))
    }

    @Test(arguments: [
        ("  podselector:", "p.yaml:7: spec.podselector: unknown field; did you mean \"podSelector\"?"),
        ("          port: 80", "p.yaml:21: spec.ingress[0].ports[0].port: 70000 is out of range 1-65535"),
        ("        - protocol: TCP", "p.yaml:20: spec.ingress[0].ports[0].protocol: \"ICMP\" is not TCP, UDP or SCTP"),
        ("    - Ingress", "p.yaml:12: spec.policyTypes[0]: \"ingress\" is not Ingress or Egress"),
        ("kind: NetworkPolicy", "p.yaml:2: kind: \"NetworkPolicy2\" is not a NetworkPolicy"),
    ])
    func mistakesAreLocated(line: String, expected: String) {
        let replacement: String
        switch line {
        case "  podselector:": replacement = line
        case "          port: 80": replacement = "          port: 70000"
        case "        - protocol: TCP": replacement = "        - protocol: ICMP"
        case "    - Ingress": replacement = "    - ingress"
        default: replacement = "kind: NetworkPolicy2"
        }
        var yaml = Self.seedPolicy
        if line == "  podselector:" {
            yaml = yaml.replacingFirst("  podSelector:", with: line)
        } else {
            yaml = yaml.replacingFirst(line, with: replacement)
        }
        #expect(throws: PolicyDecodingError.self) { try PolicyDecoder.decode(yaml: yaml, file: "p.yaml") }
        do {
            _ = try PolicyDecoder.decode(yaml: yaml, file: "p.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test(arguments: [
        ("spec: {podSelector: {}, ingress: [{ports: [{endPort: 90}]}]}", "spec.ingress[0].ports[0].endPort: needs a numeric port to start the range"),
        ("spec: {podSelector: {}, ingress: [{ports: [{port: 90, endPort: 80}]}]}", "spec.ingress[0].ports[0].endPort: 80 must be between port (90) and 65535"),
        ("spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}]}", "spec.ingress[0].from[0].ipBlock.except[0]: 11.0.0.0/16 must lie strictly inside 10.0.0.0/8"),
        ("spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}", "spec.ingress[0].from[0].ipBlock.cidr: \"10.0.0.0/33\" is not a CIDR (10.0.0.0/8)"),
        ("spec: {policyTypes: [Ingress]}", "spec.podSelector: is required (use {} to select every pod of the namespace)"),
        ("spec: {podSelector: {matchExpressions: [{key: a, operator: In}]}}", "spec.podSelector.matchExpressions[0].values: must be non-empty for In"),
        ("spec: {podSelector: {matchExpressions: [{key: a, operator: Has}]}}", "spec.podSelector.matchExpressions[0].operator: \"Has\" is not In, NotIn, Exists or DoesNotExist"),
        ("spec: {podSelector: {}, ingress: [{from: [{}]}]}", "spec.ingress[0].from[0]: a peer needs podSelector, namespaceSelector or ipBlock"),
        ("spec: {podSelector: {}, ingress: [{ports: [{port: Web_Port}]}]}", "spec.ingress[0].ports[0].port: \"Web_Port\" is neither a port number nor a port name (at most 15 lower-case letters, digits and '-', with a letter)"),
    ])
    func invalidSpecs(spec: String, message: String) {
        let yaml = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: echo}\n\(spec)\n"
        do {
            _ = try PolicyDecoder.decode(yaml: yaml, file: "p.yaml")
            Issue.record("accepted: \(spec)")
        } catch {
            #expect(error.description == "p.yaml:4: \(message)")
        }
    }

    /// Found by the yaml fuzzer: a duplicate key after lines that end with a carriage return alone,
    /// which YAML counts as lines and a split on newlines did not (the line was out of range).
    @Test func aDuplicateKeyAfterCarriageReturnsIsLocated() throws {
        let cr = String(repeating: "\r", count: 22)
        let yaml = "# Theerver: [10." + cr + "\u{FFFD}ector:\n                m      # The Theerver: [10." + cr
            + "\u{FFFD}ector:\n                m      # The cl   "
        do {
            _ = try PolicyDecoder.decodeAll(yaml: yaml, file: "p.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("appears twice in the same mapping"), "\(error.description)")
            #expect((error.line ?? 0) > 1)
        }
        let crlf = try? PolicyDecoder.decodeAll(yaml: "a: 1\r\r\r\ra: 2\r", file: "p.yaml")
        #expect(crlf == nil)
    }

    @Test func brokenYAMLIsReported() {
        #expect(throws: PolicyDecodingError.self) { try PolicyDecoder.decode(yaml: "a: [b", file: "p.yaml") }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
