import NIOCore
import NIOPosix

/// A fake M5Stack StackFlow device (llm_sys on TCP with the llm unit) on 127.0.0.1, OS-chosen port, for
/// adapter tests.
///
/// It follows the firmware rather than only the documentation where they differ: input framed by brace
/// counting, replies as sorted-key JSON lines, sessions shared by all connections and kept until `exit`
/// or `sys reset`, the stream labelled with the last piece's request_id, unit-level errors on work_id
/// "llm" with the last control request's id, -21 "task full" beyond the session limit, -4 for an
/// inference on an unknown session, -6 for an exit of one, -25 for prompt pieces whose indices have a
/// gap, silence for an empty prompt. Every message is recorded (`received()`), stamped at arrival.
public final class StackFlowTestServer: Sendable {
    public let port: Int
    public var url: String { "tcp://127.0.0.1:\(port)" }
    private let state: StackFlowDevice
    private let listener: any Channel
    private let registry: StackFlowConnectionRegistry

    public static func start(
        script: StackFlowScript = StackFlowScript(deltas: ["Hello", "!"]), device: StackFlowTestDevice = StackFlowTestDevice()
    ) async throws -> StackFlowTestServer {
        let state = StackFlowDevice(script: script, device: device)
        let registry = StackFlowConnectionRegistry()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(StackFlowServerHandler(state: state, registry: registry))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = listener.localAddress?.port, port > 0 else {
            try? await listener.close()
            throw TestServerError.didNotStart(name: "StackFlowTestServer")
        }
        return StackFlowTestServer(port: port, state: state, listener: listener, registry: registry)
    }

    private init(port: Int, state: StackFlowDevice, listener: any Channel, registry: StackFlowConnectionRegistry) {
        self.port = port
        self.state = state
        self.listener = listener
        self.registry = registry
    }

    /// Closes the listener and every client connection, and waits for their work to end.
    public func stop() async {
        try? await listener.close()
        await registry.stopAll()
    }

    /// The script for inferences whose prompt completes from now on.
    public func setScript(_ script: StackFlowScript) async { await state.set(script: script) }
    /// Streams started from now on write each delta only once `gate` lets it go (nil: no gate).
    public func setGate(_ gate: TokenGate?) async { await state.set(gate: gate) }
    /// Every message received, in arrival order, across connections.
    public func received() async -> [StackFlowReceivedMessage] { await state.received }
    /// Every prompt reassembled from its pieces, with the arrival of its final piece.
    public func prompts() async -> [StackFlowReceivedPrompt] { await state.prompts }
    /// The sessions the device holds now (work_ids).
    public func openSessions() async -> [String] { await state.openSessions }
    /// When the last prompt completed and when each of its deltas was written.
    public func lastStream() async -> StackFlowStreamTimeline { await state.lastStream }
    /// As a `sys reset` from another client would: every session is gone.
    public func resetDevice() async { await state.dropSessions() }
}
