import AsyncHTTPClient
import EdgeBenchCore
import Foundation
import NIOCore
import NIOPosix

/// The HTTP plumbing every adapter shares: one base URL, one caller-owned `HTTPClient`, the auth
/// header, and the mapping of transport failures to `EngineError`.
///
/// Timeouts: `requestTimeout` bounds a whole request (a long generation included), so it is generous.
/// The connect timeout and the read (idle between bytes) timeout belong to the `HTTPClient`'s
/// configuration, which the caller owns: `HTTPTransport.makeClient` builds one with both set.
public struct HTTPTransport: Sendable {
    /// Without a trailing slash.
    public let baseURL: String
    public let requestTimeout: TimeAmount
    let client: HTTPClient
    /// Sent with every request; holds the bearer token, so it is never printed or put in errors.
    private let authorization: String?

    public init(baseURL: String, client: HTTPClient, bearerToken: String? = nil, requestTimeout: Duration = .seconds(600)) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.client = client
        self.authorization = bearerToken.flatMap { $0.isEmpty ? nil : "Bearer \($0)" }
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.components.seconds) * 1_000_000_000
            + requestTimeout.components.attoseconds / 1_000_000_000)
    }

    /// An `HTTPClient` with connect and read timeouts suitable for benchmarking a local server.
    /// The caller owns it and must `shutdown()` it.
    ///
    /// Pooled connections idle longer than `idleTimeout` are dropped: llama-server (cpp-httplib) closes
    /// keep-alive connections idle for 5 s, and a request must never pick one it is closing.
    public static func makeClient(
        connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(300), idleTimeout: Duration = .seconds(2)
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: timeAmount(connectTimeout), read: timeAmount(readTimeout))
        configuration.connectionPool = .init(idleTimeout: timeAmount(idleTimeout))
        // Proxies from the environment would add a hop to every measured token.
        configuration.proxy = nil
        return HTTPClient(eventLoopGroupProvider: .shared(streamingGroup), configuration: configuration)
    }

    /// One event loop for every client `makeClient` builds, so every connection is read on the thread
    /// that `streamExecutor` runs the stream's consumer on (requests are measured one at a time).
    /// Process-wide and never shut down, like NIO's own singleton group.
    static let streamingGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private static let streamingExecutor = EventLoopTaskExecutor(streamingGroup.next())

    /// The executor on the one loop that reads this client's connections; nil for a client on several
    /// loops (a caller's own `HTTPClient`), where the consumer stays on Swift's global pool.
    public var streamExecutor: (any TaskExecutor)? {
        client.eventLoopGroup === Self.streamingGroup ? Self.streamingExecutor : nil
    }

    public func url(_ path: String) -> String { baseURL + path }

    func request(_ path: String, method: HTTPVerb, json: [UInt8]? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url(path))
        switch method {
        case .get: request.method = .GET
        case .post: request.method = .POST
        }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        request.headers.add(name: "Accept", value: json == nil ? "application/json" : "text/event-stream, application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        return request
    }

    /// Starts a request and returns once the response head arrived. Non-2xx statuses are thrown as
    /// `EngineError` with an excerpt of the body. The body is left to the caller to stream.
    func start(_ request: HTTPClientRequest, model: String? = nil) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: requestTimeout)
        } catch {
            throw mapError(error, url: request.url)
        }
        let status = Int(response.status.code)
        if !(200..<300).contains(status) {
            let body = (try? await response.body.collect(upTo: 16 * 1024)).map { String(buffer: $0) } ?? ""
            if status == 404, let model { throw EngineError.modelNotFound(url: request.url, model: model, body: body) }
            throw EngineError.httpStatus(url: request.url, status: status, body: body)
        }
        return response
    }

    /// A whole small response (health, props, models, tokenize): status and body bytes.
    func fetch(_ path: String, method: HTTPVerb = .get, json: [UInt8]? = nil, limit: Int = 8 * 1024 * 1024)
        async throws -> (status: Int, body: [UInt8])
    {
        let request = request(path, method: method, json: json)
        do {
            let response = try await client.execute(request, timeout: requestTimeout)
            let buffer = try await response.body.collect(upTo: limit)
            return (Int(response.status.code), Array(buffer.readableBytesView))
        } catch {
            throw mapError(error, url: request.url)
        }
    }

    /// Like `fetch` but requires 2xx and decodes JSON, naming the URL and the body on failure.
    func fetchJSON<T: Decodable>(_ type: T.Type, _ path: String, method: HTTPVerb = .get, json: [UInt8]? = nil, model: String? = nil)
        async throws -> T
    {
        let (status, body) = try await fetch(path, method: method, json: json)
        let text = { String(decoding: body, as: UTF8.self) }
        guard (200..<300).contains(status) else {
            if status == 404, let model { throw EngineError.modelNotFound(url: url(path), model: model, body: text()) }
            throw EngineError.httpStatus(url: url(path), status: status, body: text())
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw EngineError.malformedStream(url: url(path), line: text(), expected: "a JSON \(T.self) body (\(JSONErrorText.describe(error)))")
        }
    }

    func mapError(_ error: any Error, url: String) -> any Error {
        if error is EngineError || error is CancellationError { return error }
        return HTTPErrorMapping.engineError(for: error, url: url, requestTimeout: requestTimeout)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
