import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// Issue 15's cold starts on StackFlow (`StackFlowColdStart`): the session is exited, and a new setup loads
/// the model under a new work_id.
@Suite("StackFlow cold starts against StackFlowTestServer", .serialized)
struct StackFlowColdStartTests {
    static let model = StackFlowEngineTests.model

    @Test func exitThenSetupGivesANewWorkIDAndTheSameSession() async throws {
        // one slot: the exit must really free the first session for the second setup to succeed
        try await withStackFlowServer(device: StackFlowTestDevice(sessionLimit: 1)) { server in
            let configuration = Configuration(
                id: "s/m/w", engine: EngineSpec(name: "s", kind: .stackflow, url: server.url),
                model: ModelSpec(name: Self.model), workload: Workload(
                    name: "w", request: GenerationRequest(prompt: "Hi", systemPrompt: "Be brief.", maxTokens: 16),
                    start: .cold),
                repetitions: 1, warmup: 0)
            let prepared = try await Self.prepare(configuration)
            let cold = try #require(prepared.coldStart as? StackFlowColdStart)
            #expect(cold.model == Self.model)
            #expect(cold.maxTokens == 16)
            #expect(cold.systemPrompt == "Be brief.")
            #expect(cold.engine.workID == "llm.1000")

            try await cold.unload()
            #expect(cold.engine.workID == nil)
            #expect(await server.openSessions() == [])
            // nothing to answer with until the model is back
            let (events, error) = await collectFailure(prepared.engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 8)))
            #expect(events.isEmpty)
            #expect(error as? StackFlowError == .noSession(url: server.url, action: "inference"))

            let load = try await cold.load()
            #expect(load.start <= load.end)
            #expect(load.pid == nil)
            #expect(cold.engine.workID == "llm.1001")
            #expect(await server.openSessions() == ["llm.1001"])
            let received = await server.received()
            // prepare: ping, setup, describe (version, version2); unload: exit; load: ping, setup
            #expect(received.map(\.action) == ["ping", "setup", "version", "version2", "exit", "ping", "setup"])
            #expect(received.filter { $0.action == "exit" }.map(\.workID) == ["llm.1000"])
            let setups = received.compactMap(\.setup)
            #expect(setups.count == 2)
            #expect(setups[0] == setups[1])
            #expect(setups[1] == StackFlowReceivedMessage.Setup(
                model: Self.model, maxTokenLength: 16, prompt: "Be brief.", responseFormat: "llm.utf-8.stream",
                input: "llm.utf-8.stream"))

            let answer = try Measured(try await collect(prepared.engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 8))))
            #expect(answer.texts == ["Hello", "!"])
            await prepared.stop()
            #expect(await server.openSessions() == [])
        }
    }

    /// The driver's own preparation (connect, setup, describe), with a context StackFlow needs nothing of.
    static func prepare(_ configuration: Configuration) async throws -> PreparedEngine {
        let directory = FileManager.default.temporaryDirectory
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(1))
        let context = EngineContext(
            client: client, cache: CachePaths(root: directory), llamaServerPath: nil, runDirectory: directory,
            models: ModelResolver(cache: CachePaths(root: directory)), phase: { _ in }, note: { _ in })
        do {
            let prepared = try await StackFlowDriver().prepare(configuration, context: context)
            try await client.shutdown()
            return prepared
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test func unloadWithoutASessionSaysSo() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            let cold = StackFlowColdStart(engine: engine, model: Self.model, maxTokens: 8, systemPrompt: nil)
            let error = await #expect(throws: StackFlowError.self) { try await cold.unload() }
            #expect(error == .noSession(url: server.url, action: "exit of the LLM session"))
            // the engine is free again: a load opens a session
            _ = try await cold.load()
            #expect(engine.workID == "llm.1000")
            await engine.close()
        }
    }
}
