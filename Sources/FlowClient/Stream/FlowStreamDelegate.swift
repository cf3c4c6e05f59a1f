import NIOCore

/// Tells a `FlowStreamHandler`, on its event loop, that the reader wants more (reading resumes)
/// or has gone (the stream is cancelled).
struct FlowStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let handler: NIOLoopBoundBox<FlowStreamHandler?>

    func produceMore() {
        let handler = self.handler
        handler.eventLoop.execute { handler.value?.produceMore() }
    }

    func didTerminate() {
        let handler = self.handler
        handler.eventLoop.execute { handler.value?.readerLeft() }
    }
}
