import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// The read timeout between the server's bytes (`HTTPExchangeWatchdog`), which replaced AsyncHTTPClient's
/// per-body-part timer. Outcomes only: which error, how many tokens; never how long anything took.
@Suite("Read timeout", .serialized)
struct ReadTimeoutTests {

    /// The scripted servers pace their tokens on the test process's cooperative pool, which the rest of the
    /// suite, run in parallel on a loaded 2-core machine, can hold for seconds: the timeouts here are long
    /// enough for such a server to send the tokens before the stall in time. The stall itself lasts until
    /// the test ends, so only the timeout can end the request.
    @Test func aServerThatStopsMidStreamIsCutOffWithTheReadTimeoutError() async throws {
        try await withScriptedServer(Script(tokens: ["a", "b", "c", "d"])) { server, client in
            // Tokens 0 and 1 go out; the server then holds token 2 until the test ends.
            let gate = TokenGate(openedThrough: 1)
            await server.setGate(gate)
            let engine = LlamaCppEngine(baseURL: server.baseURL, client: client, limits: RequestLimits(idle: .seconds(10)))
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: 4)))
            let url = server.baseURL + "/completion"
            #expect(events.count == 3)  // submitted + the 2 tokens sent
            #expect(error as? EngineError == .timeout(url: url, wait: .idle, seconds: 10))
            #expect(error.map { String(describing: $0) }?.hasPrefix("\(url) timed out: no bytes from the server for 10 s (idle timeout)") == true)
            await gate.openAll()
        }
    }

    /// Each gap is well inside the timeout while the whole stream lasts longer than it: only a timeout that
    /// counts from the latest byte (not from the request) lets it through. A gap is an 80th of the timeout:
    /// only a stall of the server's pacing (above) as long as the timeout could fail it.
    @Test func aSlowStreamWithinTheTimeoutPerGapCompletes() async throws {
        let count = 100
        let script = Script(tokens: Array(repeating: "x", count: count), delays: [.milliseconds(100)])
        try await withScriptedServer(script) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: nil, client: client, limits: RequestLimits(idle: .seconds(8)))
            let events = try await collect(engine.generate(GenerationRequest(prompt: "x", api: .completion, maxTokens: count)))
            let measured = try Measured(events)
            #expect(measured.tokenCounts == Array(repeating: 1, count: count))
            #expect(measured.completion.completionTokens == count)
        }
    }

    @Test func aControlRequestWithNoAnswerTimesOutToo() async throws {
        // The server holds the stream's first token; `fetch` reads the whole body, so it waits on it.
        try await withScriptedServer(Script(tokens: ["a"])) { server, client in
            let gate = TokenGate()
            await server.setGate(gate)
            let transport = HTTPTransport(baseURL: server.baseURL, client: client, limits: RequestLimits(idle: .milliseconds(200)))
            var failure: (any Error)?
            do { _ = try await transport.fetch("/completion", method: .post, json: Array(#"{"prompt":"x"}"#.utf8)) } catch { failure = error }
            #expect(failure as? EngineError
                == .timeout(url: server.baseURL + "/completion", wait: .idle, seconds: 0.2))
            await gate.openAll()
        }
    }

    @Test func theWatchdogFiresAfterAWholeTimeoutOfQuietLooks() {
        var watchdog = HTTPExchangeWatchdog.State()
        #expect(HTTPExchangeWatchdog.looksPerTimeout == 4)
        // Quiet from the start (nothing arrived since the request was sent): the 4th look fires.
        #expect([1, 2, 3, 4].map { _ in watchdog.look(arrivals: 0, readsHeld: false) } == [false, false, false, true])

        watchdog = HTTPExchangeWatchdog.State()
        // An arrival between looks starts the count again; so does a look while the consumer holds reads back.
        let looks: [(arrivals: Int, held: Bool)] = [(0, false), (0, false), (0, false), (1, false), (1, false), (1, false),
                                                     (1, true), (1, false), (1, false), (1, false), (1, false)]
        #expect(looks.map { watchdog.look(arrivals: $0.arrivals, readsHeld: $0.held) }
            == [false, false, false, false, false, false, false, false, false, false, true])
    }
}
