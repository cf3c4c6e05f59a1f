import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn` and reaped by a thread of its own blocked in `waitpid`.
///
/// Tests do not use Foundation's `Process` to wait: its exit monitor can miss a child that ends very
/// quickly, and a test blocked in `waitUntilExit` then holds a thread of the shared pool for ever.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?
    private let drained = DispatchGroup()
    private var output = Data()
    private var errors = Data()
    private var errorLines: [String] = []
    private var errorLineTimes: [Date] = []
    private var pendingError = Data()
    /// Where standard input is written, when the caller asked for a pipe.
    public let standardInput: FileHandle?

    public struct SpawnFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `executable` with `arguments`. Standard output and error are captured; standard input
    /// is a pipe (`pipeInput`) or /dev/null.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        pipeInput: Bool = false
    ) throws {
        let input = try Self.pipe()
        let out = try Self.pipe()
        let err = try Self.pipe()
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer {
            close(input.read)
            close(out.write)
            close(err.write)
            close(devNull)
            if !pipeInput { close(input.write) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeInput ? input.read : devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        // Nothing else of the test process (sockets of an in-process server, say) leaks into the child.
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        if let directory {
            guard let changeDirectory = Self.changeDirectory else {
                throw SpawnFailure(description: "posix_spawn cannot change directory on this system")
            }
            _ = changeDirectory(&actions, directory)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        // The child starts clean whatever the test runner blocks or ignores (signals sent to it must
        // reach it), in a process group of its own (so that it and what it starts can be stopped
        // together).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnFailure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        let spawned = pid
        standardInput = pipeInput ? FileHandle(fileDescriptor: input.write, closeOnDealloc: true) : nil
        drain(out.read) { data in self.lock.withLock { self.output.append(data) } }
        drain(err.read) { data in self.lock.withLock { self.appendError(data) } }
        let reaper = Thread {
            var status: Int32 = 0
            while waitpid(spawned, &status, 0) == -1 && errno == EINTR {}
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            self.lock.withLock { self.exitStatus = code }
        }
        reaper.start()
    }

    private func appendError(_ data: Data) {
        errors.append(data)
        pendingError.append(data)
        while let newline = pendingError.firstIndex(of: 0x0A) {
            errorLines.append(String(decoding: pendingError[pendingError.startIndex..<newline], as: UTF8.self))
            errorLineTimes.append(Date())
            pendingError.removeSubrange(pendingError.startIndex...newline)
        }
    }

    private func drain(_ descriptor: Int32, into append: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                append(Data(buffer[0..<count]))
            }
            close(descriptor)
            self.drained.leave()
        }
        thread.start()
    }

    /// The exit status (128 + the signal for a killed program), or nil while it runs.
    public var status: Int32? { lock.withLock { exitStatus } }
    public var isRunning: Bool { status == nil }
    public var stdout: Data { lock.withLock { output } }
    public var stderr: Data { lock.withLock { errors } }
    /// Complete lines of standard error so far.
    public var stderrLines: [String] { lock.withLock { errorLines } }
    /// Complete lines of standard error with the moment each was read (by a thread of its own, so
    /// the time is right even when the test itself runs late).
    public var timedStderrLines: [(Date, String)] { lock.withLock { Array(zip(errorLineTimes, errorLines)) } }

    public func signal(_ number: Int32) {
        if isRunning { Glibc.kill(pid, number) }
    }

    /// Waits up to `timeout` seconds for the program to end, then (briefly) for its pipes to close;
    /// nil when it is still running. It polls rather than blocks, so that tests waiting for programs
    /// never hold the threads other tests run on.
    public func wait(timeout: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while status == nil && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        guard let status else { return nil }
        // A child the program left behind may hold the pipes open: do not wait for it for long.
        let drainDeadline = Date().addingTimeInterval(5)
        while drained.wait(timeout: .now()) == .timedOut && Date() < drainDeadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return status
    }

    /// Ends the program (SIGKILL) when it still runs, and reaps it.
    /// Kills the program and everything it started in its process group.
    public func kill() async {
        Glibc.kill(-pid, SIGKILL)
        signal(SIGKILL)
        _ = await wait(timeout: 5)
    }

    deinit {
        if isRunning {
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
        }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else {
            throw SpawnFailure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Not inherited by programs other tests start meanwhile.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not export.
    private static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+).
    private static let changeDirectory: ChangeDirectory? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: ChangeDirectory.self)
    }()
}
