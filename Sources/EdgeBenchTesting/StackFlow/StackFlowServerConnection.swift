import EdgeBenchCore
import Foundation
import NIOCore
import NIOPosix

/// What the channel handler hands to its connection's task, in arrival order.
enum StackFlowInbound: Sendable {
    case message([UInt8], at: Instant)
    case broken
}

/// Frames one client's input on the event loop and stamps each read before parsing, so the server's
/// record of when the final prompt piece arrived is as early as the bytes; the device logic and the
/// scripted streaming run in the connection's task.
final class StackFlowServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let state: StackFlowDevice
    private let registry: StackFlowConnectionRegistry
    private var framer = StackFlowMessageFramer()
    private var inbound: AsyncStream<StackFlowInbound>.Continuation?

    init(state: StackFlowDevice, registry: StackFlowConnectionRegistry) {
        self.state = state
        self.registry = registry
    }

    func channelActive(context: ChannelHandlerContext) {
        let (stream, continuation) = AsyncStream<StackFlowInbound>.makeStream()
        inbound = continuation
        let connection = StackFlowServerConnection(channel: context.channel, state: state)
        registry.add(context.channel, Task { await connection.run(stream) })
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let at = Instant.now()
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { raw in
            framer.feed(raw) { frame in
                switch frame {
                case .message(let bytes): inbound?.yield(.message(bytes, at: at))
                case .broken: inbound?.yield(.broken)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbound?.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// One client: answers its messages in order and streams scripted answers alongside, so that a message
/// arriving mid-stream (an `exit`) is still handled, as on the device.
struct StackFlowServerConnection: Sendable {
    let channel: any Channel
    let state: StackFlowDevice

    func run(_ inbound: AsyncStream<StackFlowInbound>) async {
        await withDiscardingTaskGroup { group in
            for await item in inbound {
                switch item {
                case .broken:
                    try? await write(StackFlowReplies.framingReset())
                case .message(let bytes, let at):
                    for output in await state.handle(bytes, at: at) {
                        switch output {
                        case .line(let line):
                            try? await write(line)
                        case .delayed(let delay, let line):
                            if delay > .zero { try? await Task.sleep(for: delay) }
                            try? await write(line)
                        case .stream(let plan):
                            group.addTask { await stream(plan) }
                        }
                    }
                }
            }
            group.cancelAll()
        }
    }

    private func stream(_ plan: StackFlowStreamPlan) async {
        let script = plan.script
        do {
            if script.strayReplies {
                // Someone else's session, and this session with an id this client never sent.
                try await write(StackFlowReplies.piece(requestID: "someone-else", workID: "llm.999", delta: "stray", index: 0, finish: false))
                try await write(StackFlowReplies.status(requestID: "someone-else", workID: "llm.999", code: -6, message: "Unit Does Not Exist"))
                try await write(StackFlowReplies.piece(requestID: "someone-else", workID: plan.workID, delta: "stray", index: 0, finish: false))
            }
            var held = ""
            var heldDeltas = 0
            for (index, delta) in script.deltas.enumerated() {
                if try await inject(script.failure, after: index, plan) { return }
                await plan.gate?.wait(for: index)
                if let delay = script.delay(before: index) { try await Task.sleep(for: delay) }
                let line = StackFlowReplies.piece(requestID: plan.requestID, workID: plan.workID, delta: delta, index: index, finish: false)
                if script.coalescedReply == index {
                    held += line
                    heldDeltas += 1
                    continue
                }
                let now = Instant.now()
                if script.splitReply == index {
                    try await writeSplit(held + line)
                } else {
                    try await write(held + line)
                }
                for _ in 0...heldDeltas { await state.deltaWritten(at: now) }
                held = ""
                heldDeltas = 0
            }
            if try await inject(script.failure, after: script.deltas.count, plan) { return }
            let now = Instant.now()
            try await write(held + StackFlowReplies.piece(
                requestID: plan.requestID, workID: plan.workID, delta: script.finalDelta, index: script.deltas.count, finish: true))
            for _ in 0..<heldDeltas { await state.deltaWritten(at: now) }
        } catch {
            // The client went away or the server stopped: the stream simply ends.
        }
    }

    /// Injects the script's failure if it is due after `index` deltas; true when the stream must stop.
    private func inject(_ failure: StackFlowScript.Failure, after index: Int, _ plan: StackFlowStreamPlan) async throws -> Bool {
        switch failure {
        case .resetAfter(let count) where count == index:
            // SO_LINGER 0 makes close send RST instead of FIN: the client sees ECONNRESET, not EOF.
            if let provider = channel as? any SocketOptionProvider {
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try? await channel.close()
            return true
        case .nonJSONAfter(let count, let line) where count == index:
            try await write(line + "\n")
            return false
        case .errorAfter(let count, let code, let message) where count == index:
            try await write(StackFlowReplies.status(requestID: plan.unitRequestID, workID: "llm", code: code, message: message))
            return true
        case .silentAfter(let count) where count == index:
            return true
        case .trickleAfter(let count, let every, let bytes) where count == index:
            for _ in 0..<bytes {
                try await Task.sleep(for: every)
                try await write(" ")
            }
            return true
        case .endlessLineAfter(let count, let bytes) where count == index:
            let piece = String(repeating: "a", count: 64 * 1024)
            var written = 0
            while written < bytes {
                try await write(piece)
                written += piece.utf8.count
            }
            return true
        default:
            return false
        }
    }

    private func write(_ text: String) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: text))
    }

    /// Two writes 5 ms apart, cut mid-reply (possibly inside a UTF-8 sequence): two reads on the client.
    private func writeSplit(_ text: String) async throws {
        let bytes = Array(text.utf8)
        let middle = bytes.count / 2
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes[..<middle]))
        try await Task.sleep(for: .milliseconds(5))
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes[middle...]))
    }
}

/// The open client connections, so `stop()` can close them and wait for their tasks.
final class StackFlowConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var channels: [any Channel] = []
    private var tasks: [Task<Void, Never>] = []
    private var stopped = false

    func add(_ channel: any Channel, _ task: Task<Void, Never>) {
        let late = lock.withLock {
            if stopped { return true }
            channels.append(channel)
            tasks.append(task)
            return false
        }
        if late {
            channel.close(promise: nil)
            task.cancel()
        }
    }

    func stopAll() async {
        let (channels, tasks) = lock.withLock {
            stopped = true
            defer {
                self.channels = []
                self.tasks = []
            }
            return (self.channels, self.tasks)
        }
        for channel in channels { try? await channel.close() }
        for task in tasks {
            task.cancel()
            await task.value
        }
    }
}
