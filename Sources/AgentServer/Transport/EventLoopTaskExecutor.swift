import NIOCore

/// Runs a task's jobs on one NIO event loop: a GetFlows call that sends every flow makes its batches
/// and writes them on its connection's loop, without a hand-over between threads for each batch
/// (the global executor's threads woke once per batch and the loop once per write).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
