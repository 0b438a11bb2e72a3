import Hummingbird
import Logging

/// A Hummingbird application on 127.0.0.1 with an OS-chosen port (or a given one), run in a task we can cancel.
/// Cancelling runs the ServiceGroup's shutdown, which closes the listener and open connections.
struct LocalHTTPServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    static func start(router: Router<BasicRequestContext>, name: String, port wanted: Int = 0) async throws -> LocalHTTPServer {
        var logger = Logger(label: "edgebench.testing.\(name)")
        // Stopping cancels open connections, which Hummingbird logs as errors; that is expected here.
        logger.logLevel = .critical
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: wanted), serverName: name),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger)
        let task = Task {
            // a port already taken fails here, before the server runs: end the wait for its port
            do { try await app.run() } catch {
                portSink.finish()
                throw error
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            _ = await task.result
            throw TestServerError.didNotStart(name: wanted == 0 ? name : "\(name) (port \(wanted), in use?)")
        }
        return LocalHTTPServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

public enum TestServerError: Error, CustomStringConvertible {
    case didNotStart(name: String)
    case fixtureUnreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .didNotStart(let name):
            return "\(name) did not start on 127.0.0.1 (no port reported): is the loopback interface up?"
        case .fixtureUnreadable(let path, let reason):
            return "cannot read fixture \(path) (\(reason)): check the path or set EDGEBENCH_FIXTURES"
        }
    }
}
