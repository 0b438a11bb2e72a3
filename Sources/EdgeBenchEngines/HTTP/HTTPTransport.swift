import AsyncHTTPClient
import EdgeBenchCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP plumbing every adapter shares: one base URL, one caller-owned `HTTPClient`, the auth
/// header, and the mapping of transport failures to `EngineError`.
///
/// Limits (`RequestLimits`): `total` bounds the whole request, streamed body included (a server that
/// trickles a byte now and then is cut off by it); `idle` bounds each silence of the server, head and body
/// alike (`HTTPExchangeWatchdog`); `maxLineBytes` is for the stream's framing (`StreamingGeneration`). The
/// connect timeout belongs to the `HTTPClient`'s configuration, which the caller owns:
/// `HTTPTransport.makeClient` builds one.
///
/// The bearer token is the one secret EdgeBench holds, and only this type knows it: every error that
/// leaves here goes through `redaction` first, because a server may echo the token back (a 401 body that
/// repeats the Authorization header), and error texts end up in stderr, results.md, bundle.json, the
/// HTML report and SQLite.
public struct HTTPTransport: Sendable {
    /// Without a trailing slash.
    public let baseURL: String
    public let limits: RequestLimits
    let client: HTTPClient
    /// Sent with every request; holds the bearer token, so it is never printed or put in errors.
    private let authorization: String?
    /// Takes the token out of every error text this transport lets out.
    let redaction: SecretRedaction

    public init(baseURL: String, client: HTTPClient, bearerToken: String? = nil, limits: RequestLimits = RequestLimits()) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.client = client
        let token = bearerToken.flatMap { $0.isEmpty ? nil : $0 }
        self.authorization = token.map { "Bearer \($0)" }
        self.redaction = SecretRedaction(secrets: token.map { [$0] } ?? [])
        self.limits = limits
    }

    var readTimeout: TimeAmount { Self.timeAmount(limits.idle) }

    /// An `HTTPClient` with a connect timeout suitable for benchmarking a local server.
    /// The caller owns it and must `shutdown()` it.
    ///
    /// It has no read timeout of its own: AsyncHTTPClient would cancel and schedule that timer again on
    /// every body part, that is on every streamed token; `HTTPTransport`'s `readTimeout` does that job.
    ///
    /// Pooled connections idle longer than `idleTimeout` are dropped: llama-server (cpp-httplib) closes
    /// keep-alive connections idle for 5 s, and a request must never pick one it is closing.
    public static func makeClient(connectTimeout: Duration = .seconds(5), idleTimeout: Duration = .seconds(2)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: timeAmount(connectTimeout), read: nil)
        // A load level keeps many requests in flight, each on its own connection: the pool's default of 8
        // per host would queue the rest inside the harness and hide it as engine latency.
        configuration.connectionPool = .init(
            idleTimeout: timeAmount(idleTimeout), concurrentHTTP1ConnectionsPerHostSoftLimit: maximumConnectionsPerHost)
        // Proxies from the environment would add a hop to every measured token.
        configuration.proxy = nil
        return HTTPClient(eventLoopGroupProvider: .shared(streamingGroup), configuration: configuration)
    }

    /// Connections one client keeps to one server at most: above any level a plan on a board asks for.
    public static let maximumConnectionsPerHost = 512

    /// One event loop for every client `makeClient` builds, so every connection is read on the thread
    /// that `streamExecutor` runs the stream's consumer on (at a load level, every stream's).
    /// Process-wide and never shut down, like NIO's own singleton group.
    static let streamingGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private static let streamingExecutor = EventLoopTaskExecutor(streamingGroup.next())

    /// The executor on the one loop that reads this client's connections; nil for a client on several
    /// loops (a caller's own `HTTPClient`), where the consumer stays on Swift's global pool.
    public var streamExecutor: (any TaskExecutor)? {
        client.eventLoopGroup === Self.streamingGroup ? Self.streamingExecutor : nil
    }

    public func url(_ path: String) -> String { baseURL + path }

    func request(_ path: String, method: HTTPVerb, json: [UInt8]? = nil) throws -> HTTPClient.Request {
        var headers = HTTPHeaders()
        if json != nil { headers.add(name: "Content-Type", value: "application/json") }
        headers.add(name: "Accept", value: json == nil ? "application/json" : "text/event-stream, application/json")
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        let verb: HTTPMethod = switch method {
        case .get: .GET
        case .post: .POST
        }
        return try HTTPClient.Request(url: url(path), method: verb, headers: headers, body: json.map { .bytes($0) })
    }

    /// Starts a request and returns once the response head arrived. Non-2xx statuses are thrown as
    /// `EngineError` with an excerpt of the body. The body is left to the caller to read, within `limits`.
    func start(_ request: HTTPClient.Request, model: String? = nil) async throws -> HTTPExchange {
        let url = request.url.absoluteString
        let exchange: HTTPExchange
        do {
            exchange = try await HTTPExchange.start(
                request, on: client, readTimeout: readTimeout, deadline: .now() + Self.timeAmount(limits.total))
        } catch {
            throw mapError(error, url: url)
        }
        let status = exchange.status
        if !(200..<300).contains(status) {
            let body = await Self.excerpt(of: exchange)
            if status == 404, let model { throw redaction.apply(EngineError.modelNotFound(url: url, model: model, body: body)) }
            throw redaction.apply(EngineError.httpStatus(url: url, status: status, body: body))
        }
        return exchange
    }

    /// The start of a body that is not what was asked for, for the error that says what came back.
    static func excerpt(of exchange: HTTPExchange) async -> String {
        (try? await exchange.collect(upTo: 16 * 1024)).map { String(buffer: $0) } ?? ""
    }

    /// A whole small response (health, props, models, tokenize): status and body bytes.
    func fetch(_ path: String, method: HTTPVerb = .get, json: [UInt8]? = nil, limit: Int = 8 * 1024 * 1024)
        async throws -> (status: Int, body: [UInt8])
    {
        do {
            let exchange = try await HTTPExchange.start(
                try request(path, method: method, json: json), on: client, readTimeout: readTimeout,
                deadline: .now() + Self.timeAmount(limits.total))
            let buffer = try await exchange.collect(upTo: limit)
            return (exchange.status, Array(buffer.readableBytesView))
        } catch {
            throw mapError(error, url: url(path))
        }
    }

    /// Like `fetch` but requires 2xx and decodes JSON, naming the URL and the body on failure.
    func fetchJSON<T: Decodable>(_ type: T.Type, _ path: String, method: HTTPVerb = .get, json: [UInt8]? = nil, model: String? = nil)
        async throws -> T
    {
        let (status, body) = try await fetch(path, method: method, json: json)
        let text = { String(decoding: body, as: UTF8.self) }
        guard (200..<300).contains(status) else {
            if status == 404, let model { throw redaction.apply(EngineError.modelNotFound(url: url(path), model: model, body: text())) }
            throw redaction.apply(EngineError.httpStatus(url: url(path), status: status, body: text()))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw redaction.apply(EngineError.malformedStream(
                url: url(path), line: text(), expected: "a JSON \(T.self) body (\(JSONErrorText.describe(error)))"))
        }
    }

    /// Any error of a request as the `EngineError` a person reads, the token redacted.
    func mapError(_ error: any Error, url: String) -> any Error {
        if error is CancellationError { return error }
        if let engineError = error as? EngineError { return redaction.apply(engineError) }
        return redaction.apply(HTTPErrorMapping.engineError(for: error, url: url, limits: limits))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
