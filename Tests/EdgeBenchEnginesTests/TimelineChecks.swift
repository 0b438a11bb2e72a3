import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

// Timing checks that no machine load can break. The test servers stamp each token write on the same
// monotonic clock as the adapter, and with a `TokenGate` the server writes token i+1 only once the test
// has received token i. So every check below is a bound that holds however late the machine delivers:
// a systematic error (a role chunk taken as the first token, a stamp taken at the wrong point) fails
// every run, and a busy machine fails none. How far a stamp lies after the server's send (the
// millisecond accuracy of TTFT and ITL) is a figure, not a test: bench/peers.sh measures it (bench/README.md).

/// All events of one generation, with the server's token writes gated on the test's receipt: token i+1
/// is written only after the adapter handed over token i. `gate` must let token 0 go (`openedThrough: 0`).
func collectGated(
    _ stream: AsyncThrowingStream<GenerationEvent, any Error>, gate: TokenGate
) async throws -> [GenerationEvent] {
    var events: [GenerationEvent] = []
    var tokens = 0
    do {
        for try await event in stream {
            events.append(event)
            if case .tokens(let count, _, _) = event {
                tokens += count
                await gate.open(through: tokens)
            }
        }
    } catch {
        await gate.openAll()
        throw error
    }
    await gate.openAll()
    return events
}

/// Checks one gated run against the server's record of when it wrote each content token.
///
/// - the server began the body after the client's submit stamp, and slept at least the scripted delays;
/// - each token's stamp is no earlier than the server's write of that token: a role-only chunk (written
///   at once, `firstDelay` before the first content chunk) stamped as the first token fails here;
/// - and earlier than the server's write of the next token (the gate makes that write wait for the test):
///   a stamp taken after the stream, or after the next chunk arrived, fails here;
/// - so TTFT holds the whole first delay, and decode time at least the server's span from its second write to its last.
func expectTimeline(
    _ measured: Measured, writes timeline: [Instant], started: Instant?, firstDelay: Double, gap: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard timeline.count == measured.tokenInstants.count, !timeline.isEmpty else {
        Issue.record("the server wrote \(timeline.count) tokens, the adapter gave \(measured.tokenInstants.count)",
                     sourceLocation: sourceLocation)
        return
    }
    let writes = timeline
    if let started {
        #expect(started >= measured.submitted, "the server began the body before the submit stamp", sourceLocation: sourceLocation)
        #expect(writes[0].seconds(since: started) >= firstDelay, sourceLocation: sourceLocation)
    }
    for index in 1..<writes.count {
        #expect(writes[index].seconds(since: writes[index - 1]) >= gap, "server gap before token \(index)", sourceLocation: sourceLocation)
    }
    for (index, arrival) in measured.tokenInstants.enumerated() {
        #expect(arrival >= writes[index],
                "token \(index) stamped \(writes[index].seconds(since: arrival)) s before the server wrote it",
                sourceLocation: sourceLocation)
        if index + 1 < writes.count {
            #expect(arrival < writes[index + 1],
                    "token \(index) stamped \(arrival.seconds(since: writes[index + 1])) s after the server wrote token \(index + 1)",
                    sourceLocation: sourceLocation)
        }
    }
    #expect(measured.ttft >= firstDelay, "ttft \(measured.ttft) s below the scripted \(firstDelay) s", sourceLocation: sourceLocation)
    if writes.count > 2 {
        let serverSpan = writes[writes.count - 1].seconds(since: writes[1])
        #expect(measured.decodeTime >= serverSpan, "decode_time \(measured.decodeTime) s vs server \(serverSpan) s",
                sourceLocation: sourceLocation)
    }
    #expect(zip(measured.tokenInstants, measured.tokenInstants.dropFirst()).allSatisfy { $0 <= $1 }, sourceLocation: sourceLocation)
    #expect(measured.completion.at >= measured.tokenInstants[measured.tokenInstants.count - 1], sourceLocation: sourceLocation)
}

/// `expectTimeline` against a ScriptedLLMServer's last stream.
func expectTimeline(
    _ measured: Measured, firstDelay: Double, gap: Double, server: ScriptedLLMServer,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    expectTimeline(measured, firstDelay: firstDelay, gap: gap, timeline: await server.lastStreamTimeline(), sourceLocation: sourceLocation)
}

/// `expectTimeline` against a ScriptedOllamaServer's last stream.
func expectTimeline(
    _ measured: Measured, firstDelay: Double, gap: Double, server: ScriptedOllamaServer,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    expectTimeline(measured, firstDelay: firstDelay, gap: gap, timeline: await server.lastStreamTimeline(), sourceLocation: sourceLocation)
}

private func expectTimeline(
    _ measured: Measured, firstDelay: Double, gap: Double, timeline: StreamTimeline, sourceLocation: SourceLocation
) {
    #expect(timeline.started != nil, sourceLocation: sourceLocation)
    expectTimeline(
        measured, writes: timeline.tokenWrites, started: timeline.started, firstDelay: firstDelay, gap: gap,
        sourceLocation: sourceLocation)
}
