import ArgumentParser
import ClusterSimulation
import Foundation
import PolicyEngine

/// `loupe-agent scenario check FILE`.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "Work with scenario files.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a scenario and its policies; errors name the file, the line and the field.")

        @Argument(help: ArgumentHelp("The scenario file.", valueName: "file"))
        var file: String

        func run() throws {
            let scenario = try ScenarioCommand.load(file)
            print("\(file): \(scenario.nodes.count) nodes, \(scenario.namespaces.count) namespaces, \(scenario.pods.count) pods, "
                + "\(scenario.services.count) services, \(scenario.policies.count + scenario.ciliumPolicies.count) policies, \(scenario.traffic.count) traffic sources")
        }
    }

    /// Reads and checks a scenario; any problem is a usage error.
    static func load(_ file: String) throws -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw AgentUsageError(message: "\(file): cannot be read (\(error.localizedDescription))")
        }
        do {
            return try ScenarioDecoder.decode(yaml: text, file: file)
        } catch {
            throw AgentUsageError(message: error.description)
        }
    }
}
