/// The map for Graphviz (`loupe map -o dot | dot -Tsvg > map.svg`): a cluster per namespace,
/// edges labelled with the port and the flow count, drops in red and dashed.
enum MapDOT {
    static func render(_ map: TrafficMap) -> String {
        let graph = MapGraph(map)
        var out = "digraph loupe {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
        for (index, group) in graph.groups.enumerated() {
            var indent = "  "
            if !group.namespace.isEmpty {
                out += "  subgraph cluster_\(index) {\n    label=\(quoted(group.namespace));\n    style=dashed;\n"
                indent = "    "
            }
            for (id, peer) in group.peers {
                out += "\(indent)\(id) [label=\(quoted(MapGraph.caption(peer)))\(peer.kind == .world ? ", shape=ellipse" : "")];\n"
            }
            if !group.namespace.isEmpty { out += "  }\n" }
        }
        for line in graph.lines {
            let style = line.dropped ? ", color=red, fontcolor=red, style=dashed" : ""
            out += "  \(line.from) -> \(line.to) [label=\(quoted(line.label))\(style)];\n"
        }
        return out + "}\n"
    }

    /// A DOT string: quotes and backslashes escaped, control characters dropped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
