/// How `loupe map` draws the conversations.
public enum MapFormat: String, Sendable, CaseIterable {
    /// Aligned columns, one conversation a row.
    case table
    /// One JSON object a conversation, a line each (for jq).
    case json
    /// Graphviz.
    case dot
    /// Mermaid flowchart (renders in GitHub and GitLab markdown).
    case mermaid

    /// The text of the whole map.
    public func render(_ map: TrafficMap) -> String {
        switch self {
        case .table: MapTable.render(map)
        case .json: MapJSON.render(map)
        case .dot: MapDOT.render(map)
        case .mermaid: MapMermaid.render(map)
        }
    }
}
