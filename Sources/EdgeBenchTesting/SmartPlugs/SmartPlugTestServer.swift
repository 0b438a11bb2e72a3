import Foundation
import Hummingbird

/// A smart plug on loopback that answers its status request with a captured body (the fixtures of
/// smartplugs-meters), so `SmartPlugSource` is tested over real HTTP. Anything else gets 404, as a plug
/// of another kind would answer.
public final class SmartPlugTestServer: Sendable {
    /// One status endpoint: a path, the query it must carry (compared decoded, so `Status%208` and
    /// `Status 8` match), and the body to answer.
    public struct Route: Sendable {
        public var path: String
        public var query: String?
        public var body: String

        public init(path: String, query: String? = nil, body: String) {
            self.path = path
            self.query = query
            self.body = body
        }
    }

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let server: LocalHTTPServer
    private let log: RequestLog

    /// Shelly Gen1: `GET /status`.
    public static func shellyGen1(status: String) async throws -> SmartPlugTestServer {
        try await start(routes: [Route(path: "/status", body: status)])
    }

    /// Shelly Gen2/Gen3: `GET /rpc/Shelly.GetStatus` and, when given, `GET /rpc/Switch.GetStatus?id=0`.
    public static func shellyRPC(shellyStatus: String, switchStatus: String? = nil) async throws -> SmartPlugTestServer {
        var routes = [Route(path: "/rpc/Shelly.GetStatus", body: shellyStatus)]
        if let switchStatus { routes.append(Route(path: "/rpc/Switch.GetStatus", query: "id=0", body: switchStatus)) }
        return try await start(routes: routes)
    }

    /// Tasmota: `GET /cm?cmnd=Status%208`.
    public static func tasmota(status8: String) async throws -> SmartPlugTestServer {
        try await start(routes: [Route(path: "/cm", query: "cmnd=Status 8", body: status8)])
    }

    public static func start(routes: [Route]) async throws -> SmartPlugTestServer {
        let log = RequestLog()
        let router = Router()
        router.get("**") { request, _ -> Response in
            await RouteSupport.record(request, body: "", in: log)
            let query = request.uri.query.map { ($0.removingPercentEncoding ?? $0).replacingOccurrences(of: "+", with: " ") }
            guard let route = routes.first(where: { $0.path == request.uri.path && ($0.query == nil || $0.query == query) }) else {
                return RouteSupport.json(#"{"code":404,"message":"Not Found"}"#, status: 404)
            }
            return RouteSupport.json(route.body)
        }
        let server = try await LocalHTTPServer.start(router: router, name: "SmartPlugTestServer")
        return SmartPlugTestServer(port: server.port, server: server, log: log)
    }

    private init(port: Int, server: LocalHTTPServer, log: RequestLog) {
        self.port = port
        self.server = server
        self.log = log
    }

    public func requests() async -> [RecordedRequest] { await log.requests }
    /// After this the port refuses connections: a plug that was unplugged.
    public func stop() async { await server.stop() }
}
