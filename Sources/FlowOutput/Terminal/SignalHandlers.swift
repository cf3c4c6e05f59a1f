import Dispatch
import Foundation

/// SIGINT and SIGTERM turned into a call, so the agent can end its streams instead of dying mid-write.
public final class SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    /// Calls `handler` with "interrupted" or "terminated"; the signals no longer end the process.
    public init(_ handler: @escaping @Sendable (String) -> Void) {
        sources = [(SIGINT, "interrupted"), (SIGTERM, "terminated")].map { signalNumber, name in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handler(name) }
            source.resume()
            return source
        }
    }

    /// Restores nothing: the signals stay ignored, so a late one cannot kill a process that is
    /// already shutting down.
    public func cancel() {
        for source in sources { source.cancel() }
    }
}
