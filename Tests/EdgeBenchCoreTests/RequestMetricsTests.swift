import EdgeBenchCore
import Testing

@Suite("RequestMetrics (METRICS.md latency, speed, token counts)")
struct RequestMetricsTests {
    /// submit 0 ms; chunks 500 (1), 600 (1), 800 (2), 1000 (1); done 1100 ms; server: 5 out, 20 in, 20 tok/s decode.
    let typical = RequestRecord(
        submittedAt: at(ms: 0),
        chunks: [chunk(ms: 500), chunk(ms: 600), chunk(ms: 800, 2), chunk(ms: 1000)],
        completion: Completion(
            at: at(ms: 1100), promptTokens: 20, completionTokens: 5,
            timings: ServerTimings(promptRate: 50, predictedRate: 20)),
        text: "hello world", requestedMaxTokens: 64)

    @Test func typicalRequestGivesEveryMetric() {
        let r = RequestMetrics.compute(typical, index: 3)
        #expect(r.index == 3)
        #expect(r.response == "hello world")
        #expect(close(r.metrics[.ttft], 0.5))
        #expect(close(r.metrics[.e2eLatency], 1.1))
        #expect(close(r.metrics[.decodeTime], 0.5))
        #expect(close(r.metrics[.decodeRate], 8))  // (5 − 1) / 0.5
        #expect(close(r.metrics[.tpot], 0.125))  // 0.5 / 4
        #expect(close(r.metrics[.prefillRate], 40))  // 20 / 0.5
        #expect(close(r.metrics[.e2eThroughput], 5 / 1.1))
        #expect(r.metrics[.serverPrefillRate] == 50)
        #expect(r.metrics[.serverDecodeRate] == 20)
        #expect(r.metrics[.nIn] == 20)
        #expect(r.metrics[.nOut] == 5)
        #expect(r.metrics[.itl] == nil)
        #expect(r.metrics.count == 11)
        // |8 − 20| / 20 = 0.6 > 0.10; 5 < 64 requested
        #expect(r.flags == [.clientServerDisagreement, .stoppedEarly])
    }

    /// rkllama's ms-in-ns bug makes the server ~10⁶× faster than what we saw: its rates are dropped.
    /// A server far SLOWER than the client means the client saw tokens batched: kept, and only flagged
    /// as a disagreement.
    @Test func onlyAServerFarFasterThanMeasuredIsImplausible() {
        var unitBug = typical
        unitBug.completion.timings = ServerTimings(promptRate: 50_000_000, predictedRate: 8_000_000)
        let dropped = RequestMetrics.compute(unitBug, index: 0)
        #expect(dropped.flags == [.serverTimingImplausible, .stoppedEarly])
        #expect(dropped.metrics[.serverDecodeRate] == nil && dropped.metrics[.serverPrefillRate] == nil)

        var batched = typical
        batched.completion.timings = ServerTimings(promptRate: 50, predictedRate: 0.05)  // client 8 tok/s: 160× faster
        let kept = RequestMetrics.compute(batched, index: 0)
        #expect(kept.flags == [.clientServerDisagreement, .stoppedEarly])
        #expect(kept.metrics[.serverDecodeRate] == 0.05)
    }

    @Test func itlSpreadsEachGapOverTheLaterChunksTokens() throws {
        let r = RequestMetrics.compute(typical, index: 0)
        // gaps 0.1, 0.2 over 2 tokens, 0.2
        try #require(r.itl.count == 3)
        #expect(close(r.itl[0], 0.1))
        #expect(close(r.itl[1], 0.1))
        #expect(close(r.itl[2], 0.2))
    }

    @Test func multiTokenChunksCountEveryToken() throws {
        let record = RequestRecord(
            submittedAt: at(ms: 100), chunks: [chunk(ms: 300, 4), chunk(ms: 600, 3), chunk(ms: 900, 3)],
            completion: Completion(at: at(ms: 1000), completionTokens: 10), text: "", requestedMaxTokens: 10)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(close(r.metrics[.ttft], 0.2))
        #expect(close(r.metrics[.decodeTime], 0.6))
        #expect(close(r.metrics[.decodeRate], 15))  // 9 / 0.6
        #expect(close(r.metrics[.tpot], 0.6 / 9))
        #expect(close(r.metrics[.e2eThroughput], 10 / 0.9))
        try #require(r.itl.count == 2)
        #expect(close(r.itl[0], 0.1))
        #expect(close(r.itl[1], 0.1))
        #expect(r.flags.isEmpty)
    }

    @Test func oneTokenHasNoDecodeRateNorTPOT() {
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [chunk(ms: 300)],
            completion: Completion(at: at(ms: 350), completionTokens: 1), text: "A", requestedMaxTokens: 1)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics == [
            .ttft: 0.3, .e2eLatency: 0.35, .decodeTime: 0, .e2eThroughput: 1 / 0.35, .nOut: 1,
        ])
        #expect(r.itl.isEmpty)
        #expect(r.flags.isEmpty)
    }

    @Test func zeroLengthDecodeWithManyTokensHasNoDecodeRate() {
        // All tokens in one chunk: decode_time is 0 and a rate would be infinite, so it is left out.
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [chunk(ms: 400, 3)],
            completion: Completion(at: at(ms: 500), completionTokens: 3), text: "abc", requestedMaxTokens: 3)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics[.decodeTime] == 0)
        #expect(r.metrics[.decodeRate] == nil)
        #expect(r.metrics[.tpot] == nil)
        #expect(close(r.metrics[.e2eThroughput], 6))
        #expect(r.itl.isEmpty)
    }

    @Test func zeroTokensGivesOnlyLatencyAndFlagsIt() {
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [],
            completion: Completion(at: at(ms: 200), completionTokens: 0), text: "", requestedMaxTokens: 16)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics == [.e2eLatency: 0.2, .nOut: 0])
        #expect(r.itl.isEmpty)
        #expect(r.flags == [.noTokens, .stoppedEarly])
    }

    @Test func serverCountsWinOverTokenizerAndChunksAndNInIsWhatWasEvaluated() {
        func record(_ completion: Completion, tokenizerIn: Int? = nil, tokenizerOut: Int? = nil) -> RequestRecord {
            RequestRecord(
                submittedAt: at(ms: 0), chunks: [chunk(ms: 100), chunk(ms: 200, 2)], completion: completion,
                text: "", requestedMaxTokens: 1, tokenizerPromptTokens: tokenizerIn,
                tokenizerCompletionTokens: tokenizerOut)
        }
        let timings = ServerTimings(promptTokens: 9, predictedTokens: 9)
        let usage = TokenCounts(
            record(Completion(at: at(ms: 300), promptTokens: 7, completionTokens: 7, timings: timings), tokenizerIn: 11, tokenizerOut: 11))
        // N_out: usage wins; N_in: llama.cpp's prompt_n, the tokens actually evaluated, wins over prompt_tokens.
        #expect(usage == TokenCounts(output: 7, input: 9, isEstimated: false))
        // llama-server b11434, chat with its prompt cache on: prompt_tokens 31 of which 24 cached, prompt_n 7.
        let cachedUsage = TokenCounts(record(Completion(at: at(ms: 300), promptTokens: 31, completionTokens: 4, cachedTokens: 24)))
        #expect(cachedUsage == TokenCounts(output: 4, input: 7, isEstimated: false))
        let fromTimings = TokenCounts(record(Completion(at: at(ms: 300), timings: timings), tokenizerIn: 11, tokenizerOut: 11))
        #expect(fromTimings == TokenCounts(output: 9, input: 9, isEstimated: false))
        let fromTokenizer = TokenCounts(record(Completion(at: at(ms: 300)), tokenizerIn: 11, tokenizerOut: 11))
        #expect(fromTokenizer == TokenCounts(output: 11, input: 11, isEstimated: false))
        let counted = TokenCounts(record(Completion(at: at(ms: 300))))
        #expect(counted == TokenCounts(output: 3, input: nil, isEstimated: true))
    }

    @Test func countedChunksAreFlaggedEstimatedAndLeavePrefillUndefined() {
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [chunk(ms: 100), chunk(ms: 200, 2)],
            completion: Completion(at: at(ms: 300)), text: "", requestedMaxTokens: 3)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics[.nOut] == 3)
        #expect(r.metrics[.nIn] == nil)
        #expect(r.metrics[.prefillRate] == nil)
        #expect(close(r.metrics[.decodeRate], 20))  // 2 / 0.1
        #expect(r.flags == [.estimated])
    }

    @Test func requestedMaximumIsNeverACount() {
        // No count anywhere and no chunk: N_out is 0, not the 128 asked for.
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [], completion: Completion(at: at(ms: 50)), text: "",
            requestedMaxTokens: 128)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics[.nOut] == 0)
        #expect(r.flags == [.noTokens, .stoppedEarly])
    }

    @Test(arguments: [
        (8.5, false),  // |8 − 8.5| / 8.5 = 5.9 %
        (7.0, true),  // 1 / 7 = 14.3 %
        (8.0, false),
    ])
    func disagreementNeedsMoreThanTenPercent(server: Double, flagged: Bool) {
        // decode_rate = (5 − 1) / 0.5 = 8
        var record = typical
        record.completion.timings = ServerTimings(predictedRate: server)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.flags.contains(.clientServerDisagreement) == flagged)
    }

    @Test func exactlyTenPercentIsNotADisagreement() {
        // 12 tokens, decode 1.0 s → 11 tok/s; server 10 tok/s → exactly 0.10
        let record = RequestRecord(
            submittedAt: at(ms: 0), chunks: [chunk(ms: 100, 6), chunk(ms: 1100, 6)],
            completion: Completion(at: at(ms: 1200), completionTokens: 12, timings: ServerTimings(predictedRate: 10)),
            text: "", requestedMaxTokens: 12)
        let r = RequestMetrics.compute(record, index: 0)
        #expect(r.metrics[.decodeRate] == 11)
        #expect(r.flags.isEmpty)
    }
}
