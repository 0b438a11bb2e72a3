import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// Where the client's instants come from: the event loop's read of each body part and the write of the
/// request head, not the moment a (possibly busy) consumer got to them. Orderings only, never durations.
@Suite("Arrival stamps")
struct ArrivalStampTests {
    /// The whole body is read by the event loop before the consumer asks for any of it: every part must
    /// carry an instant from before that ask, and the request head's write comes before all of them.
    @Test func aPartIsStampedWhenReadNotWhenTaken() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"])) { server, client in
            let transport = HTTPTransport(baseURL: server.baseURL, client: client, limits: RequestLimits(idle: .seconds(30)))
            let beforeStart = Instant.now()
            let exchange = try await transport.start(
                try transport.request("/completion", method: .post, json: Array(#"{"prompt":"x","stream":true}"#.utf8)))
            try await waitUntilEnded(exchange)
            let asked = Instant.now()
            var parts: [HTTPExchange.Part] = []
            while let part = try await exchange.next() { parts.append(part) }

            let sent = try #require(exchange.requestSent)
            #expect(beforeStart <= sent)
            #expect(parts.count >= 1)
            #expect(parts.allSatisfy { sent <= $0.arrived && $0.arrived <= asked })
            #expect(parts.map(\.arrived) == parts.map(\.arrived).sorted())
            let body = parts.map { String(buffer: $0.bytes) }.joined()
            #expect(["a", "b", "c"].allSatisfy { body.contains(#""content":"\#($0)""#) })
        }
    }

    /// Through an engine: `.submitted` is the request head's write, which the server can only see after it,
    /// and each token's instant follows the server's write of it, even for a consumer that asks late.
    @Test func submissionPrecedesTheServerAndEachTokenFollowsItsWrite() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c"])) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: nil, client: client, limits: RequestLimits(idle: .seconds(30)))
            var iterator = engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 3)).makeAsyncIterator()
            guard case .submitted(let submitted)? = try await iterator.next() else {
                Issue.record("the first event is not .submitted")
                return
            }
            // Every token written by the server (and, the body being tiny, read by the client's loop) before the ask.
            try await waitUntil { await server.lastStreamTimeline().tokenWrites.count == 3 }
            let started = try #require(await server.lastStreamTimeline().started)
            #expect(submitted <= started)
            var instants: [Instant] = []
            while let event = try await iterator.next() {
                if case .tokens(_, _, let at) = event { instants.append(at) }
            }
            let writes = await server.lastStreamTimeline().tokenWrites
            #expect(instants.count == 3)
            // Each token is stamped after the server wrote it: the stamp is the client's read, not a guess.
            #expect(zip(writes, instants).allSatisfy { $0 <= $1 })
        }
    }
}

/// Polls until the exchange has received its whole response (bounded: a stuck server fails the test).
private func waitUntilEnded(_ exchange: HTTPExchange) async throws {
    try await waitUntil { exchange.state.withLockedValue { $0.end != nil } }
}

private func waitUntil(_ condition: () async -> Bool) async throws {
    for _ in 0..<3_000 {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within 30 s")
}
