import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting

/// Starts a ScriptedLLMServer and an HTTPClient, runs `body`, and always stops both.
func withScriptedServer<T>(
    _ script: Script, model: String = "scripted-model",
    _ body: (ScriptedLLMServer, HTTPClient) async throws -> T
) async throws -> T {
    try await withServer(ScriptedLLMServer.start(script: script, model: model), stop: { await $0.stop() }, body)
}

/// Runs `body` with a started test server and a fresh HTTPClient, and always shuts both down.
func withServer<Server, T>(
    _ server: Server, stop: (Server) async -> Void, _ body: (Server, HTTPClient) async throws -> T
) async throws -> T {
    let client = HTTPTransport.makeClient(connectTimeout: .seconds(2))
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await stop(server)
        return result
    } catch {
        try? await client.shutdown()
        await stop(server)
        throw error
    }
}

/// All events of one generation, in order.
func collect(_ stream: AsyncThrowingStream<GenerationEvent, any Error>) async throws -> [GenerationEvent] {
    var events: [GenerationEvent] = []
    for try await event in stream { events.append(event) }
    return events
}

/// Events collected until the stream failed, and the error.
func collectFailure(_ stream: AsyncThrowingStream<GenerationEvent, any Error>) async -> ([GenerationEvent], (any Error)?) {
    var events: [GenerationEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error)
    }
}

/// The client-side timestamps of METRICS.md, from a finished event list.
struct Measured {
    var submitted: Instant
    var tokenInstants: [Instant]
    var tokenCounts: [Int]
    var texts: [String]
    var completion: Completion

    init(_ events: [GenerationEvent]) throws {
        var submitted: Instant?
        var instants: [Instant] = []
        var counts: [Int] = []
        var texts: [String] = []
        var completion: Completion?
        for event in events {
            switch event {
            case .submitted(let at): submitted = at
            case .tokens(let count, let text, let at):
                instants.append(at)
                counts.append(count)
                texts.append(text)
            case .finished(let done): completion = done
            }
        }
        guard let submitted, let completion else { throw MissingEvents(events: events) }
        self.submitted = submitted
        self.tokenInstants = instants
        self.tokenCounts = counts
        self.texts = texts
        self.completion = completion
    }

    var ttft: Double { tokenInstants[0].seconds(since: submitted) }
    var itls: [Double] {
        (1..<tokenInstants.count).map { tokenInstants[$0].seconds(since: tokenInstants[$0 - 1]) / Double(tokenCounts[$0]) }
    }
    var decodeTime: Double { tokenInstants.last!.seconds(since: tokenInstants[0]) }
    var e2e: Double { completion.at.seconds(since: submitted) }

    struct MissingEvents: Error { var events: [GenerationEvent] }
}

/// The record the runner would build from these events.
func record(_ events: [GenerationEvent], maxTokens: Int) throws -> RequestRecord {
    let measured = try Measured(events)
    return RequestRecord(
        submittedAt: measured.submitted,
        chunks: zip(measured.tokenInstants, measured.tokenCounts).map { RequestRecord.Chunk(at: $0, count: $1) },
        completion: measured.completion, text: measured.texts.joined(), requestedMaxTokens: maxTokens)
}
