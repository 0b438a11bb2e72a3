import AsyncHTTPClient
import EdgeBenchCore

/// Cold starts on the llama-server EdgeBench runs (`ColdStarting`): llama-server loads its one model when it
/// starts and keeps it until it ends, so unloading is stopping the process and loading is starting it again,
/// on the same port, until `/health` answers: METRICS.md `load_time` as the first start measures it.
///
/// The restarted server is a new process: `ColdLoad.pid` is its pid, which the runner's engine-memory
/// source must follow from then on (the old pid's `/proc` entry is gone).
public struct ManagedColdStart: ColdStarting {
    public let server: ManagedLlamaServer
    let client: HTTPClient

    public init(server: ManagedLlamaServer, client: HTTPClient) {
        self.server = server
        self.client = client
    }

    /// SIGTERM, then SIGKILL past the grace time; returns once the process has ended and been reaped.
    public func unload() async throws {
        server.stop()
    }

    public func load() async throws -> ColdLoad {
        let (spawned, healthy) = try await server.restart(client: client)
        return ColdLoad(start: spawned, end: healthy, pid: server.pid)
    }
}
