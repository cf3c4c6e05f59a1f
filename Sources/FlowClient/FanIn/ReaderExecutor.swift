import NIOCore
import NIOPosix

/// The thread a single server's stream is read on: its batches decoded, checked, merged and
/// delivered (`FanIn`), while the connection's event loop only reads and cuts messages.
///
/// On the global executor, each batch could be decoded on one thread and printed and freed on
/// another, and the two threads then contended for the allocator's lock on every flow (a tenth of
/// the CPU of a full read). Here one thread decodes each flow and hands it to the sink, which
/// prints and frees it (a sink that keeps flows, as the dashboard does, frees them later on its
/// own thread); handing a batch from the reader task to the delivering one is a job on the same
/// thread, not a wake-up of another.
final class ReaderExecutor: TaskExecutor {
    /// One thread for the process, started when first used, as NIO's own singleton is.
    static let shared = ReaderExecutor(MultiThreadedEventLoopGroup(numberOfThreads: 1).next())

    let eventLoop: any EventLoop

    private init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
