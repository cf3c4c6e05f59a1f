import FlowModel
import Foundation
import FlowOutput
import HubbleAPI

/// How `loupe policy test` tells what a proposed policy set would change: the conversations whose
/// fate changes (and those it cannot judge) as columns, then a summary; or one JSON document.
public enum PolicyTestReport {
    public static func text(_ test: PolicyTest) -> String {
        var rows = [["CHANGE", "SOURCE", "DESTINATION", "PORT", "FLOWS", "WHY"]]
        for result in test.results where result.change != .unchanged {
            let flows = result.today == .allowed ? "\(result.stats.count(.forwarded)) forwarded" : "\(result.stats.count(.dropped)) dropped"
            rows.append([
                result.change.rawValue.uppercased(), TerminalEscaper.escaped(result.key.source.label),
                TerminalEscaper.escaped(result.key.destination.label), result.key.portLabel, flows, TerminalEscaper.escaped(result.reason),
            ])
        }
        var out = rows.count > 1 ? MapTable.aligned(rows) + "\n" : ""
        out += "\(test.results.count) conversations: \(test.count(.newlyDropped)) newly dropped, \(test.count(.newlyAllowed)) newly allowed, "
            + "\(test.count(.unknown)) unknown, \(test.count(.unchanged)) unchanged\n"
        return out
    }

    /// `{"passes":…,"summary":{…},"changes":[…]}`: the changes and the unknown, with both fates.
    public static func json(_ test: PolicyTest) -> String {
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key("passes")
        writer.bool(test.passes)
        writer.key("summary")
        writer.beginObject()
        writer.key("conversations")
        writer.number(test.results.count)
        for change in [PolicyTest.Change.newlyDropped, .newlyAllowed, .unknown, .unchanged] {
            writer.key(change.rawValue.replacingOccurrences(of: " ", with: "_"))
            writer.number(test.count(change))
        }
        writer.endObject()
        writer.key("changes")
        writer.beginArray()
        for result in test.results where result.change != .unchanged {
            writer.arrayElement()
            writer.beginObject()
            writer.key("change")
            writer.string(result.change.rawValue.replacingOccurrences(of: " ", with: "_"))
            writer.key("source")
            MapJSON.peer(result.key.source, into: &writer)
            writer.key("destination")
            MapJSON.peer(result.key.destination, into: &writer)
            writer.key("protocol")
            writer.string(result.key.proto)
            writer.key("port")
            writer.uint32(result.key.port)
            writer.key("forwarded")
            writer.number(result.stats.count(.forwarded))
            writer.key("dropped")
            writer.number(result.stats.count(.dropped))
            writer.key("today")
            writer.string(result.today.rawValue)
            writer.key("proposed")
            if let proposed = result.proposed { writer.string(proposed.rawValue) } else { writer.raw(Array("null".utf8)) }
            writer.key("reason")
            writer.string(result.reason)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }
}
