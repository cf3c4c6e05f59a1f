import ArgumentParser

@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "loupe", abstract: "Watch and filter the network flows of a Cilium cluster.")
}
