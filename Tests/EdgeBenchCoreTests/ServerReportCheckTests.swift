import EdgeBenchCore
import Testing

/// METRICS.md "Token counts", plausibility: what a server may report and what happens when it cannot be true.
@Suite("Server counts and durations are judged before they are believed")
struct ServerReportCheckTests {
    /// 8 one-token chunks of "tok " (32 bytes) from 100 to 800 ms, done at 1000 ms; 20 tokens of prompt sent
    /// as 40 bytes.
    func record(_ completion: Completion, cache: PromptCache = .cold) -> RequestRecord {
        RequestRecord(
            submittedAt: at(ms: 0), chunks: (1...8).map { chunk(ms: UInt64($0) * 100) },
            completion: completion, text: String(repeating: "tok ", count: 8), requestedMaxTokens: 8,
            cache: cache, promptBytes: 40)
    }

    /// The client's count (8 streamed chunks, `estimated`) replaces the server's, which is said in the finding.
    @Test(arguments: [
        (-8, "is negative"),
        (0, "is zero although 8 token(s) streamed"),
        (Int.max, "is more than the 8 streamed token chunk(s) of 32 bytes can hold (at most 56)"),
        (57, "is more than the 8 streamed token chunk(s) of 32 bytes can hold (at most 56)"),
    ])
    func impossibleCompletionCountsAreReplacedByTheClients(reported: Int, reason: String) {
        let r = record(Completion(at: at(ms: 1000), promptTokens: 20, completionTokens: reported))
        let checked = ServerReportCheck.check(r)
        #expect(checked.findings.map(\.description) == ["the server reported completion tokens \(reported), which \(reason)"])
        #expect(checked.completion.completionTokens == nil)
        let result = RequestMetrics.compute(r, index: 0)
        #expect(result.metrics[.nOut] == 8)
        #expect(close(result.metrics[.decodeRate], 10))  // 7 / 0.7 s: the client's count, not 2^63's 1.3e19
        #expect(result.flags == [.estimated, .serverCountImplausible])
    }

    /// The bound is the text's bytes + the streamed tokens + 16: a count at it is believed.
    @Test func aCountATokenizerCouldExplainIsBelieved() {
        for reported in [1, 8, 56] {
            let r = record(Completion(at: at(ms: 1000), promptTokens: 20, completionTokens: reported))
            #expect(ServerReportCheck.check(r).findings.isEmpty)
            #expect(RequestMetrics.compute(r, index: 0).metrics[.nOut] == Double(reported))
        }
    }

    /// Ollama sends one count under two names (eval_count and its timings): both go, and the rate made from it.
    @Test func aDroppedCountTakesItsServerRateWithIt() {
        let r = record(Completion(
            at: at(ms: 1000), promptTokens: 20, completionTokens: -5,
            timings: ServerTimings(
                promptTokens: 20, promptDuration: 0.09, promptRate: 222, predictedTokens: -5, predictedDuration: 0.7,
                predictedRate: -7.1)))
        let checked = ServerReportCheck.check(r)
        #expect(checked.findings.map(\.description) == [
            "the server reported completion tokens -5, which is negative",
            "the server reported decode tokens -5, which is negative",
        ])
        #expect(checked.completion.timings?.predictedTokens == nil)
        #expect(checked.completion.timings?.predictedRate == nil)
        #expect(checked.completion.timings?.promptRate == 222)
        let result = RequestMetrics.compute(r, index: 0)
        #expect(result.metrics[.nOut] == 8)
        #expect(result.metrics[.serverDecodeRate] == nil)
        #expect(result.metrics[.serverPrefillRate] == 222)
    }

    @Test func promptCountsBeyondThePromptOrNegativeAreDropped() {
        let huge = record(Completion(at: at(ms: 1000), promptTokens: 5000, completionTokens: 8))
        #expect(ServerReportCheck.check(huge).findings.map(\.description) == [
            "the server reported prompt tokens 5000, which is more than a prompt of 40 bytes can hold (at most 4136)"
        ])
        #expect(RequestMetrics.compute(huge, index: 0).metrics[.nIn] == nil)
        let cached = record(Completion(at: at(ms: 1000), promptTokens: 20, completionTokens: 8, cachedTokens: 21))
        #expect(ServerReportCheck.check(cached).findings.map(\.description) == [
            "the server reported cached prompt tokens 21, which is more than the 20 prompt tokens it reported"
        ])
        #expect(RequestMetrics.compute(cached, index: 0).metrics[.nIn] == 20)
    }

    /// A server's duration is part of the request the client timed (1 s here): negative or longer is impossible,
    /// and the rate made from it goes too. Ten times longer or more stays the unit-bug rule's.
    @Test func durationsMustFitInsideTheRequest() {
        func timed(prompt: Double, decode: Double) -> RequestRecord {
            record(Completion(
                at: at(ms: 1000), promptTokens: 20, completionTokens: 8,
                timings: ServerTimings(
                    promptDuration: prompt, promptRate: 200, predictedDuration: decode, predictedRate: 10)))
        }
        let negative = ServerReportCheck.check(timed(prompt: -0.1, decode: 0.7))
        #expect(negative.findings.map(\.description) == ["the server reported prompt duration -0.1 s, which is negative"])
        #expect(negative.completion.timings?.promptRate == nil)
        #expect(negative.completion.timings?.predictedRate == 10)
        let long = ServerReportCheck.check(timed(prompt: 0.1, decode: 2.5))
        #expect(long.findings.map(\.description) == [
            "the server reported decode duration 2.5 s, which is longer than the whole request (1.0 s from submit to done)"
        ])
        let result = RequestMetrics.compute(timed(prompt: 0.1, decode: 2.5), index: 0)
        #expect(result.flags == [.serverCountImplausible])
        #expect(result.metrics[.serverDecodeRate] == nil)
        #expect(result.metrics[.serverPrefillRate] == 200)
        // within 1 % + 1 ms of the request: clock resolution, believed
        #expect(ServerReportCheck.check(timed(prompt: 0.1, decode: 1.010)).findings.isEmpty)
        // ten times the request: a unit bug, `server_timing_implausible`, not this rule
        #expect(ServerReportCheck.check(timed(prompt: 0.1, decode: 12)).findings.isEmpty)
        #expect(RequestMetrics.compute(timed(prompt: 0.1, decode: 12), index: 0).flags == [.serverTimingImplausible])
    }

    /// llama-server with its cache on: prompt_tokens 20, 19 cached, 1 evaluated. In a cold workload that is
    /// flagged; in a warm one it is what was asked for.
    @Test func aColdRequestThatEvaluatedLessThanItsPromptIsFlaggedPromptCached() {
        let hit = Completion(
            at: at(ms: 1000), promptTokens: 20, completionTokens: 8, cachedTokens: 19,
            timings: ServerTimings(promptTokens: 1, cachedTokens: 19))
        let cold = RequestMetrics.compute(record(hit), index: 0)
        #expect(cold.flags == [.promptCached])
        #expect(cold.metrics[.nIn] == 1)
        #expect(RequestMetrics.compute(record(hit, cache: .warm), index: 0).flags == [])
        // OpenAI usage alone (vLLM): prompt_tokens 20 with 16 cached
        let vllm = Completion(at: at(ms: 1000), promptTokens: 20, completionTokens: 8, cachedTokens: 16)
        #expect(RequestMetrics.compute(record(vllm), index: 0).flags == [.promptCached])
        let miss = Completion(at: at(ms: 1000), promptTokens: 20, completionTokens: 8, cachedTokens: 0)
        #expect(RequestMetrics.compute(record(miss), index: 0).flags == [])
    }
}
