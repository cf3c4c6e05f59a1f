/// The map as a Mermaid flowchart (renders in GitHub and GitLab markdown): a subgraph per
/// namespace, edges labelled with the port and the flow count, drops dotted and in red.
enum MapMermaid {
    static func render(_ map: TrafficMap) -> String {
        let graph = MapGraph(map)
        var out = "flowchart LR\n"
        for (index, group) in graph.groups.enumerated() {
            var indent = "  "
            if !group.namespace.isEmpty {
                out += "  subgraph ns\(index)[\(quoted(group.namespace))]\n"
                indent = "    "
            }
            for (id, peer) in group.peers {
                let caption = quoted(MapGraph.caption(peer))
                out += peer.kind == .world ? "\(indent)\(id)([\(caption)])\n" : "\(indent)\(id)[\(caption)]\n"
            }
            if !group.namespace.isEmpty { out += "  end\n" }
        }
        var dropped: [Int] = []
        for (index, line) in graph.lines.enumerated() {
            out += "  \(line.from) \(line.dropped ? "-.->" : "-->")|\(quoted(line.label))| \(line.to)\n"
            if line.dropped { dropped.append(index) }
        }
        if !dropped.isEmpty {
            out += "  linkStyle \(dropped.map(String.init).joined(separator: ",")) stroke:#d33,color:#d33\n"
        }
        return out
    }

    /// A Mermaid string: in double quotes, with quotes and the characters Mermaid reads as markup
    /// written as entity codes, control characters dropped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
