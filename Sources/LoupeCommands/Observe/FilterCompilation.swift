import FilterLanguage
import FlowModel
import Foundation
import SwiftProtobuf

/// Compiling what a user typed into the filter language, with failures as usage errors.
package enum FilterCompilation {
    /// The compiled expression; its diagnostics (the expression with a caret under each problem)
    /// become a usage error printed as it is.
    package static func compile(_ text: String, now: Date) throws -> FilterExpression {
        do {
            return try FilterExpression(text, now: Google_Protobuf_Timestamp(date: now))
        } catch {
            throw CLIError(message: error.description, status: .usage, prefixed: false)
        }
    }

    /// The filter flags, in command-line order, as the reference CLI turns them into allow and deny
    /// lists; their mistakes are usage errors worded as the reference words them.
    package static func flags(_ ordered: () throws(HubbleFlagError) -> [(name: String, value: String)]) throws -> FlowFilterSet {
        do {
            let lists = try HubbleFilterBuilder.build(try ordered())
            return try FlowFilterSet(allow: lists.allow, deny: lists.deny)
        } catch let error as HubbleFlagError {
            throw CLIError.usage(error.description)
        } catch let error as FlowFilterError {
            throw CLIError.usage(error.description)
        }
    }

    /// `allowlist:` and `denylist:` with one single-quoted JSON FlowFilter per item; `{}` when empty
    /// (what `--print-raw-filters` prints, as the reference does).
    package static func rawFiltersYAML(_ filters: FlowFilterSet) -> String {
        guard !filters.isEmpty else { return "{}\n" }
        var text = ""
        for (key, list) in [("allowlist", filters.allow), ("denylist", filters.deny)] where !list.isEmpty {
            text += "\(key):\n"
            for filter in list {
                let json = filter.hubbleJSONString().replacingOccurrences(of: "'", with: "''")
                text += "    - '\(json)'\n"
            }
        }
        return text
    }
}
