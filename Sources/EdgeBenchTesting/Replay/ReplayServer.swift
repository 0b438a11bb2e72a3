import Foundation
import Hummingbird

/// Replays a captured response body (e.g. `completion-stream.response.sse`) byte for byte, cut into
/// `chunkSize`-byte writes with `delay` before each, for any GET or POST path. Cutting real captures at
/// odd places exercises the client's incremental parsing the way a slow link would.
public final class ReplayServer: Sendable {
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let server: LocalHTTPServer
    private let log: RequestLog

    public static func start(
        bytes: [UInt8], chunkSize: Int = 4096, delay: Duration = .zero, contentType: String = "text/event-stream"
    ) async throws -> ReplayServer {
        let size = max(1, chunkSize)
        let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        return try await start(chunks: chunks, delay: delay, contentType: contentType)
    }

    /// Replays these writes exactly, e.g. the HTTP chunks of a Wireshark capture.
    public static func start(
        chunks: [[UInt8]], delay: Duration = .zero, contentType: String = "text/event-stream"
    ) async throws -> ReplayServer {
        let log = RequestLog()
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            await RouteSupport.record(request, body: try await RouteSupport.text(of: request), in: log)
            return Response(
                status: .ok, headers: [.contentType: contentType],
                body: ResponseBody { writer in
                    for chunk in chunks {
                        if delay > .zero { try await Task.sleep(for: delay) }
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("**", use: respond)
        router.post("**", use: respond)
        let server = try await LocalHTTPServer.start(router: router, name: "ReplayServer")
        return ReplayServer(port: server.port, server: server, log: log)
    }

    /// Replays a fixture file.
    public static func start(file path: String, chunkSize: Int = 4096, delay: Duration = .zero) async throws -> ReplayServer {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TestServerError.fixtureUnreadable(path: path, reason: error.localizedDescription)
        }
        return try await start(bytes: Array(data), chunkSize: chunkSize, delay: delay)
    }

    private init(port: Int, server: LocalHTTPServer, log: RequestLog) {
        self.port = port
        self.server = server
        self.log = log
    }

    public func requests() async -> [RecordedRequest] { await log.requests }
    public func stop() async { await server.stop() }
}
