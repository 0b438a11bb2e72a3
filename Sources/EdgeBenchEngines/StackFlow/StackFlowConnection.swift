import EdgeBenchCore
import Foundation
import NIOCore
import NIOPosix

/// One TCP connection to a StackFlow device: a channel whose handler frames replies on "\n" and stamps
/// them, and the inbox the adapter reads them from.
final class StackFlowConnection: Sendable {
    let address: StackFlowAddress
    let inbox: StackFlowInbox
    private let channel: any Channel

    private init(address: StackFlowAddress, channel: any Channel, inbox: StackFlowInbox) {
        self.address = address
        self.channel = channel
        self.inbox = inbox
    }

    static func open(
        _ address: StackFlowAddress, timeout: Duration, maxLineBytes: Int = RequestLimits.defaultMaxLineBytes
    ) async throws -> StackFlowConnection {
        let inbox = StackFlowInbox()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            // Prompts and control messages are small writes whose latency is measured (t_submit → prefill).
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(StackFlowReplyHandler(inbox: inbox, maxLineBytes: maxLineBytes))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: address.host, port: address.port).get()
        } catch {
            throw Self.connectError(error, address: address, timeout: timeout)
        }
        // NIO's connect does not watch for task cancellation: a caller that gave up must not leave the socket open.
        if Task.isCancelled {
            channel.close(promise: nil)
            throw CancellationError()
        }
        return StackFlowConnection(address: address, channel: channel, inbox: inbox)
    }

    var eventLoop: any EventLoop { channel.eventLoop }

    /// Writes and flushes `bytes`; throws `StackFlowInboxFailure.ended` when the connection is gone.
    func send(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        } catch {
            throw StackFlowInboxFailure.ended(reason: "writing to the device failed: \(StackFlowReplyHandler.describe(error))")
        }
    }

    /// Best effort: writes `bytes` (an `exit`) and closes once they are flushed, without waiting for anything.
    func sendThenClose(_ bytes: [UInt8]?) {
        let channel = self.channel
        guard let bytes else {
            channel.close(promise: nil)
            return
        }
        channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    func close() async {
        try? await channel.close()
    }

    private static func connectError(_ error: any Error, address: StackFlowAddress, timeout: Duration) -> any Error {
        if error is CancellationError { return error }
        if case ChannelError.connectTimeout = error {
            return StackFlowError.timeout(url: address.url, action: "connect", seconds: timeout.seconds, deltas: nil)
        }
        if let failure = error as? NIOConnectionError {
            let reasons = failure.connectionErrors.map { StackFlowReplyHandler.describe($0.error) }
            if reasons.contains(where: { $0.contains("refused") }) {
                return StackFlowError.unreachable(url: address.url, reason: "connection refused")
            }
            if reasons.isEmpty && (failure.dnsAError != nil || failure.dnsAAAAError != nil) {
                return StackFlowError.unreachable(url: address.url, reason: "host '\(address.host)' not found")
            }
            if let first = reasons.first {
                return StackFlowError.unreachable(url: address.url, reason: first)
            }
        }
        let text = StackFlowReplyHandler.describe(error)
        if text.contains("refused") { return StackFlowError.unreachable(url: address.url, reason: "connection refused") }
        return StackFlowError.unreachable(url: address.url, reason: text)
    }
}

/// One reply line, stamped when the read that completed it arrived, before any parsing.
struct StackFlowLine: Sendable {
    var bytes: [UInt8]
    var at: Instant
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Why the inbox gave no line; the adapter turns these into `StackFlowError`s that name the action.
enum StackFlowInboxFailure: Error, Sendable {
    case idle(seconds: Double)
    /// The generation outlasted its whole-request deadline (a device that trickles bytes never goes idle).
    case deadline(seconds: Double)
    /// A reply line outgrew the cap; the connection was closed without buffering it.
    case lineTooLong(limit: Int)
    case ended(reason: String)
}

/// Frames replies on "\n" on the event loop and hands them to the inbox. The stamp is taken first
/// thing in `channelRead`, so a token's instant is its arrival, not when the consumer got to it.
final class StackFlowReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let inbox: StackFlowInbox
    private var framer: LineFramer
    private var lines: [StackFlowLine] = []
    private var failure: String?

    init(inbox: StackFlowInbox, maxLineBytes: Int) {
        self.inbox = inbox
        self.framer = LineFramer(maxLineBytes: maxLineBytes)
        lines.reserveCapacity(4)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let at = Instant.now()
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { raw in
            framer.feed(raw) { lines.append(StackFlowLine(bytes: $0, at: at)) }
        }
        inbox.deliver(lines, readAt: at)
        lines.removeAll(keepingCapacity: true)
        if framer.overflowed {
            inbox.fail(.lineTooLong(limit: framer.maxLineBytes))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = Self.describe(error) }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A last line without its newline (the firmware's "reace reset" error is written without one).
        if let rest = framer.finish() {
            let at = Instant.now()
            inbox.deliver([StackFlowLine(bytes: rest, at: at)], readAt: at)
        }
        inbox.finish(reason: failure ?? "the device closed the connection")
        context.fireChannelInactive()
    }

    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNRESET: return "connection reset by the device"
            case ECONNREFUSED: return "connection refused"
            case EPIPE: return "broken pipe: the device closed the connection"
            case ETIMEDOUT: return "TCP timeout"
            case EHOSTUNREACH, ENETUNREACH: return "host or network unreachable"
            default: break
            }
        }
        if case ChannelError.ioOnClosedChannel = error { return "the connection is closed" }
        if case ChannelError.alreadyClosed = error { return "the connection is closed" }
        return String(describing: error)
    }
}

/// The lines read so far and at most one waiting reader (the adapter reads one request at a time).
///
/// A reader waits on a continuation that the event loop resumes, rather than on an AsyncStream, so that
/// cancelling the reader's task fails only that wait (the connection stays usable for the `exit` that
/// follows) and so the idle timeout needs no task or timer per token: one scheduled check per timeout
/// period, re-armed from the last read, runs only while a request is waiting.
final class StackFlowInbox: @unchecked Sendable {
    private struct Watch {
        var epoch: Int
        /// The idle limit.
        var seconds: Double
        /// The whole wait's limit, from `started`; nil: none.
        var total: Double?
        var started: Instant
        var scheduled: Scheduled<Void>?
        var tripped: StackFlowInboxFailure?
    }

    private let lock = NSLock()
    // Everything below is guarded by `lock`.
    private var queue: [StackFlowLine] = []
    private var head = 0
    private var ending: StackFlowInboxFailure?
    private var waiter: CheckedContinuation<StackFlowLine, any Error>?
    private var cancelPending = false
    private var lastRead = Instant.now()
    private var watch: Watch?
    private var watchEpoch = 0

    /// The next line; throws `StackFlowInboxFailure` (idle watch tripped, connection ended) or `CancellationError`.
    func next() async throws -> StackFlowLine {
        let ready = lock.withLock { () -> Result<StackFlowLine, any Error>? in
            cancelPending = false
            return readyLocked()
        }
        if let ready { return try ready.get() }
        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<StackFlowLine, any Error>) in
                lock.lock()
                if cancelPending {
                    cancelPending = false
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                } else if let ready = readyLocked() {
                    lock.unlock()
                    continuation.resume(with: ready)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let waiting = waiter
            waiter = nil
            if waiting == nil { cancelPending = true }
            lock.unlock()
            waiting?.resume(throwing: CancellationError())
        }
    }

    /// Called on the event loop for every read, with the lines it completed (possibly none).
    func deliver(_ lines: [StackFlowLine], readAt: Instant) {
        lock.lock()
        lastRead = readAt
        guard !lines.isEmpty else {
            lock.unlock()
            return
        }
        var handed: (CheckedContinuation<StackFlowLine, any Error>, StackFlowLine)?
        var rest = lines[...]
        if let waiting = waiter {
            waiter = nil
            handed = (waiting, rest.removeFirst())
        }
        queue.append(contentsOf: rest)
        lock.unlock()
        if let (waiting, line) = handed { waiting.resume(returning: line) }
    }

    func finish(reason: String) {
        fail(.ended(reason: reason))
    }

    /// Ends the inbox: the lines queued are still read, then `failure` (the first one reported wins).
    func fail(_ failure: StackFlowInboxFailure) {
        lock.lock()
        if ending == nil { ending = failure }
        let reported = ending ?? failure
        let waiting = waiter
        waiter = nil
        let scheduled = watch?.scheduled
        lock.unlock()
        scheduled?.cancel()
        waiting?.resume(throwing: reported)
    }

    /// Fails the wait once no byte has arrived for `limit`, or once `total` has passed from now (nil: no
    /// such bound), until `stopWatching()`.
    func watchIdle(_ limit: Duration, total: Duration? = nil, on eventLoop: any EventLoop) {
        lock.lock()
        let previous = watch?.scheduled
        watchEpoch += 1
        let epoch = watchEpoch
        let now = Instant.now()
        lastRead = now
        watch = Watch(epoch: epoch, seconds: limit.seconds, total: total?.seconds, started: now)
        lock.unlock()
        previous?.cancel()
        schedule(in: TimeAmount(min(limit, total ?? limit)), epoch: epoch, on: eventLoop)
    }

    func stopWatching() {
        lock.lock()
        let scheduled = watch?.scheduled
        watch = nil
        lock.unlock()
        scheduled?.cancel()
    }

    private func schedule(in delay: TimeAmount, epoch: Int, on eventLoop: any EventLoop) {
        let scheduled = eventLoop.scheduleTask(in: delay) { [self] in check(epoch: epoch, on: eventLoop) }
        lock.lock()
        let current = watch?.epoch == epoch
        if current { watch?.scheduled = scheduled }
        lock.unlock()
        if !current { scheduled.cancel() }
    }

    private func check(epoch: Int, on eventLoop: any EventLoop) {
        lock.lock()
        guard var current = watch, current.epoch == epoch, current.tripped == nil, ending == nil else {
            lock.unlock()
            return
        }
        let now = Instant.now()
        let idle = now.seconds(since: lastRead)
        let elapsed = now.seconds(since: current.started)
        let failure: StackFlowInboxFailure
        if let total = current.total, elapsed >= total {
            failure = .deadline(seconds: total)
        } else if idle >= current.seconds {
            failure = .idle(seconds: current.seconds)
        } else {
            lock.unlock()
            let left = min(current.seconds - idle, (current.total ?? .infinity) - elapsed)
            schedule(in: .nanoseconds(Int64(left * 1e9) + 1), epoch: epoch, on: eventLoop)
            return
        }
        current.tripped = failure
        watch = current
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(throwing: failure)
    }

    private func readyLocked() -> Result<StackFlowLine, any Error>? {
        if head < queue.count {
            let line = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            return .success(line)
        }
        if let tripped = watch?.tripped { return .failure(tripped) }
        if let ending { return .failure(ending) }
        return nil
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
