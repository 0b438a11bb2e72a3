import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

@Suite("StackFlow adapter against StackFlowTestServer", .serialized)
struct StackFlowEngineTests {
    static let model = "qwen2.5-0.5B-prefill-20e"

    /// 80 ms of prefill before the first delta, 30 ms between the others.
    static let timed = StackFlowScript(
        deltas: ["Hello", ",", " world", "!"], delays: [.milliseconds(80), .milliseconds(30)])

    // MARK: - Setup, describe, close

    @Test func setupOpensASessionAndReportsTheLoadTime() async throws {
        try await withStackFlowServer(device: StackFlowTestDevice(loadDelay: .milliseconds(60))) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            let clock = ContinuousClock()
            let before = clock.now
            let loadTime = try await engine.setup(model: Self.model, maxTokens: 128, systemPrompt: "Be brief.")
            let call = (clock.now - before).inSeconds
            // At least the device's load delay, and never more than the setup call took (a bound that holds
            // on a loaded machine, unlike a fixed number of seconds).
            #expect(loadTime >= 0.060, "load_time \(loadTime)")
            #expect(loadTime <= call, "load_time \(loadTime) s, setup call \(call) s")
            #expect(engine.workID == "llm.1000")
            #expect(await server.openSessions() == ["llm.1000"])

            let received = await server.received()
            #expect(received.map(\.action) == ["ping", "setup"])
            #expect(received.map(\.workID) == ["sys", "llm"])
            #expect(Set(received.map(\.requestID)).count == 2, "request ids are unique per message")
            let setup = try #require(received.last?.setup)
            #expect(setup == StackFlowReceivedMessage.Setup(
                model: Self.model, maxTokenLength: 128, prompt: "Be brief.", responseFormat: "llm.utf-8.stream",
                input: "llm.utf-8.stream"))
            #expect(received.last?.object == "llm.setup")
            // documented key order, data last
            #expect(received.last?.raw.hasPrefix(#"{"request_id":""#) == true)
            #expect(received.last?.raw.contains(#""action":"setup","object":"llm.setup","data":{"model":"#) == true)

            let description = try await engine.describe()
            #expect(description == EngineDescription(
                adapter: "stackflow", name: "StackFlow", version: "v1.6", build: "llm_llm-1.8", url: server.url,
                offload: "NPU (AX630C)", model: ModelInfo(name: Self.model)))
            let hardware = try await engine.hardwareInfo()
            #expect(hardware.temperatureCelsius == 41.55)
            #expect(hardware.cpuLoad == 0.12)
            #expect(hardware.memoryUsed == 0.35)
            #expect(hardware.interfaces == [.init(name: "eth0", ip: "192.168.20.186", speed: "1000")])
            await engine.close()
        }
    }

    @Test func describeWithoutVersion2KeepsTheVersionOnly() async throws {
        try await withStackFlowServer(device: StackFlowTestDevice(version: "v1.3", packages: nil)) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 16, systemPrompt: nil)
            let description = try await engine.describe()
            #expect(description.version == "v1.3")
            #expect(description.build == nil)
            #expect(await server.received().first { $0.action == "setup" }?.setup?.prompt == "", "prompt is required by the firmware")
            await engine.close()
        }
    }

    @Test func maxTokenLengthOutOfBoundsIsRejectedBeforeAnythingIsSent() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            for bad in [0, 2000] {
                let error = await #expect(throws: StackFlowError.self) {
                    _ = try await engine.setup(model: Self.model, maxTokens: bad, systemPrompt: nil)
                }
                #expect(error == .invalidRequest(
                    url: server.url, action: "setup of model '\(Self.model)'",
                    reason: "max_token_len \(bad) is outside 1…1023, the bounds the device accepts: set max tokens within them"))
                #expect(error?.description.hasPrefix("StackFlow at \(server.url): setup of model") == true)
            }
            #expect(await server.received().isEmpty)
            #expect(engine.workID == nil)

            _ = try await engine.setup(model: Self.model, maxTokens: 1023, systemPrompt: nil)
            let before = await server.received().count
            for bad in [0, 1024, 2000] {
                let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: bad)))
                #expect(events.isEmpty)
                let stackFlow = try #require(error as? StackFlowError)
                guard case .invalidRequest(_, "inference", let reason) = stackFlow else {
                    Issue.record("expected invalidRequest, got \(stackFlow)")
                    continue
                }
                #expect(reason.contains("max tokens \(bad) is outside 1…1023"))
            }
            #expect(await server.received().count == before)
            // Still usable: nothing was sent and the connection is free.
            #expect(try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 2))).count == 4)
            await engine.close()
        }
    }

    @Test func taskFullSaysToResetAndCloseFreesTheSession() async throws {
        try await withStackFlowServer(device: StackFlowTestDevice(sessionLimit: 1)) { server in
            let first = try await StackFlowEngine.connect(url: server.url)
            _ = try await first.setup(model: Self.model, maxTokens: 64, systemPrompt: nil)
            let second = try await StackFlowEngine.connect(url: server.url)
            let error = await #expect(throws: StackFlowError.self) {
                _ = try await second.setup(model: Self.model, maxTokens: 64, systemPrompt: nil)
            }
            #expect(error == .device(url: server.url, action: "setup of model '\(Self.model)'", code: -21, message: "task full"))
            let text = error?.description ?? ""
            #expect(text.hasPrefix("StackFlow at \(server.url): setup of model '\(Self.model)' failed: the device reported error -21 (task full)"))
            #expect(text.contains("too many tasks"))
            #expect(text.contains("`sys reset`"))
            #expect(text.contains("power-cycle"))
            #expect(text.contains("exit the stale sessions"))

            await first.close()
            let exit = try #require(await server.received().last { $0.action == "exit" })
            #expect(exit.workID == "llm.1000")
            #expect(await server.openSessions().isEmpty)
            // With the one slot free again, the second engine's setup succeeds.
            _ = try await second.setup(model: Self.model, maxTokens: 64, systemPrompt: nil)
            #expect(second.workID == "llm.1001")
            #expect(await server.openSessions() == ["llm.1001"])
            await second.close()
            #expect(await server.openSessions().isEmpty)
        }
    }

    @Test func closeIsIdempotentAndTheEngineRefusesWorkAfterIt() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            await engine.close()
            let count = await server.received().count
            #expect(await server.received().last?.action == "exit")
            await engine.close()
            #expect(await server.received().count == count)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 8)))
            #expect(events.isEmpty)
            #expect(error as? StackFlowError == .closed(url: server.url, action: "inference"))
        }
    }

    @Test func aSecondSetupExitsThePreviousSession() async throws {
        try await withStackFlowServer(device: StackFlowTestDevice(sessionLimit: 1)) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            _ = try await engine.setup(model: "llama3.2-1B-prefill-ax630c", maxTokens: 8, systemPrompt: nil)
            #expect(engine.workID == "llm.1001")
            #expect(await server.openSessions() == ["llm.1001"])
            #expect(await server.received().map(\.action) == ["ping", "setup", "exit", "ping", "setup"])
            #expect(try await engine.describe().model.name == "llama3.2-1B-prefill-ax630c")
            await engine.close()
        }
    }

    @Test func unknownModelFailsWithTheLoadHint() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            let error = await #expect(throws: StackFlowError.self) {
                _ = try await engine.setup(model: "gpt-5", maxTokens: 8, systemPrompt: nil)
            }
            #expect(error == .device(url: server.url, action: "setup of model 'gpt-5'", code: -5, message: "Model loading failed."))
            #expect(error?.description.contains("sys lsmode") == true)
            #expect(engine.workID == nil)
            await engine.close()
        }
    }

    // MARK: - Generation

    @Test func generateStreamsTheScriptedDeltasWithTheirTiming() async throws {
        try await withStackFlowServer(Self.timed) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 4, systemPrompt: "Be brief.")
            let request = GenerationRequest(prompt: "Say hello", systemPrompt: "Be brief.", maxTokens: 4)
            let gate = TokenGate(openedThrough: 0)
            await server.setGate(gate)
            let events = try await collectGated(engine.generate(request), gate: gate)
            let measured = try Measured(events)

            #expect(events.count == 6)
            if case .submitted = events.first {} else { Issue.record("first event is not .submitted: \(events)") }
            if case .finished = events.last {} else { Issue.record("last event is not .finished: \(events)") }
            #expect(measured.texts == ["Hello", ",", " world", "!"])
            #expect(measured.tokenCounts == [1, 1, 1, 1])
            #expect(measured.completion.completionTokens == nil)
            #expect(measured.completion.promptTokens == nil)
            #expect(measured.completion.timings == nil)

            // t_submit precedes the arrival of the prompt's final piece, which precedes the first delta.
            let prompt = try #require(await server.prompts().last)
            #expect(prompt.text == "Say hello")
            #expect(prompt.pieces == 1)
            #expect(measured.submitted < prompt.completedAt)
            #expect(prompt.completedAt < measured.tokenInstants[0])
            // TTFT holds the scripted 80 ms prefill, and each delta is stamped when its bytes arrived: never
            // before the server wrote it, and (the gate holds the next delta until the test has this one)
            // before the server wrote the next. Bounds on the server's own write times, true under any load.
            let timeline = await server.lastStream()
            #expect(timeline.deltaWrites.count == 4)
            expectTimeline(measured, writes: timeline.deltaWrites, started: prompt.completedAt, firstDelay: 0.080, gap: 0.030)

            // The runner's view: counted deltas, flagged estimated.
            let result = RequestMetrics.compute(try record(events, maxTokens: request.maxTokens), index: 0)
            #expect(result.metrics[.nOut] == 4)
            #expect(result.metrics[.nIn] == nil)
            #expect(result.flags == [.estimated])
            #expect(try #require(result.metrics[.ttft]) >= 0.080)
            #expect(result.response == "Hello, world!")

            let pieces = await server.received().filter { $0.action == "inference" }
            #expect(pieces.map(\.piece) == [.init(delta: "Say hello", index: 0, finish: true)])
            #expect(pieces.first?.workID == "llm.1000")
            #expect(pieces.first?.object == "llm.utf-8.stream")
            await engine.close()
        }
    }

    @Test func aLongPromptTravelsInPiecesAndReassemblesExactly() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["ok"])) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 16, systemPrompt: nil)
            // Braces (the device frames on them), backslashes (one ends a 1 KiB piece), quotes, control
            // characters, CJK, emoji and a combining sequence (never cut), text that looks like keys.
            var prompt = String(repeating: "a", count: 1023) + "\\"
            prompt += #"{"index": 3, "finish": true} }}} {{ \" \\ \u \n"#
            prompt += "\n\t\r\u{01}\u{7F} 東京タワー 🗼👩‍👩‍👧 e\u{301} "
            prompt += String(repeating: "Ünïcödé 한국어 ", count: 120)
            prompt += "end }"
            let expected = StackFlowPromptPieces.split(prompt)
            #expect(expected.count >= 4)
            #expect(expected.allSatisfy { $0.utf8.count <= 1024 })
            #expect(expected[0].utf8.count == 1024)
            #expect(expected[0].hasSuffix("\\"))

            let events = try await collect(engine.generate(GenerationRequest(prompt: prompt, maxTokens: 16)))
            let measured = try Measured(events)
            #expect(measured.texts == ["ok"])

            let received = try #require(await server.prompts().last)
            #expect(received.text == prompt)
            #expect(received.pieces == expected.count)
            let pieces = await server.received().filter { $0.action == "inference" }
            #expect(pieces.compactMap(\.piece?.index) == Array(0..<expected.count))
            #expect(pieces.compactMap(\.piece?.finish) == Array(repeating: false, count: expected.count - 1) + [true])
            #expect(pieces.compactMap(\.piece?.delta) == expected.map(String.init))
            #expect(Set(pieces.map(\.requestID)).count == expected.count)
            #expect(measured.submitted < pieces[0].at)
            #expect(received.completedAt == pieces.last?.at)
            // No raw brace or backslash inside a string: only the two objects' own braces remain.
            for piece in pieces {
                #expect(piece.raw.filter { $0 == "{" }.count == 2)
                #expect(piece.raw.filter { $0 == "}" }.count == 2)
                #expect(!piece.raw.contains("\\\\"))
            }
            await engine.close()
        }
    }

    @Test func splitCoalescedAndStrayRepliesParse() async throws {
        let script = StackFlowScript(
            deltas: ["Grüße", " aus", " 東京 🗼", "{!}", "\n"], splitReply: 2, coalescedReply: 0, strayReplies: true)
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 16, systemPrompt: nil)
            let measured = try Measured(try await collect(engine.generate(GenerationRequest(prompt: "Hallo", maxTokens: 16))))
            #expect(measured.texts == ["Grüße", " aus", " 東京 🗼", "{!}", "\n"])
            #expect(measured.tokenCounts == [1, 1, 1, 1, 1])
            // Two replies in one write: arrival instants in order (the same read when TCP keeps them together).
            #expect(measured.tokenInstants[0] <= measured.tokenInstants[1])
            #expect(zip(measured.tokenInstants, measured.tokenInstants.dropFirst()).allSatisfy { $0 <= $1 })
            // The connection is clean for the next request.
            await server.setScript(StackFlowScript(deltas: ["again"]))
            #expect(try Measured(try await collect(engine.generate(GenerationRequest(prompt: "Hi", maxTokens: 16)))).texts == ["again"])
            await engine.close()
        }
    }

    @Test func finalReplyWithTextCountsAsADelta() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["a"], finalDelta: "b")) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 16, systemPrompt: nil)
            let events = try await collect(engine.generate(GenerationRequest(prompt: "x", maxTokens: 16)))
            #expect(try Measured(events).texts == ["a", "b"])
            if case .finished = events.last {} else { Issue.record("last event is not .finished: \(events)") }
            await engine.close()
        }
    }

    @Test func sessionBoundAppliesWhenMaxTokensDiffers() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["a", "b"])) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 2, systemPrompt: nil)
            let events = try await collect(engine.generate(GenerationRequest(prompt: "x", maxTokens: 500)))
            #expect(try Measured(events).texts == ["a", "b"])
            await engine.close()
        }
    }

    @Test func requestsTheDeviceWouldMishandleFailBeforeSending() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            let (_, noSession) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(noSession as? StackFlowError == .noSession(url: server.url, action: "inference"))
            await #expect(throws: StackFlowError.noSession(url: server.url, action: "describe")) { try await engine.describe() }

            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: "Be brief.")
            let count = await server.received().count
            let (_, empty) = await collectFailure(engine.generate(GenerationRequest(prompt: "", maxTokens: 8)))
            #expect((empty as? StackFlowError)?.description.contains("the prompt is empty") == true)
            let (_, system) = await collectFailure(engine.generate(
                GenerationRequest(prompt: "x", systemPrompt: "Be verbose.", maxTokens: 8)))
            #expect((system as? StackFlowError)?.description.contains("system prompt differs from the session's") == true)
            #expect(await server.received().count == count)
            await engine.close()
        }
    }

    @Test func oneRequestAtATime() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["a", "b"], delays: [.milliseconds(50)])) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            var first = engine.generate(GenerationRequest(prompt: "one", maxTokens: 8)).makeAsyncIterator()
            _ = try await first.next()  // .submitted: the prompt is out
            let (_, busy) = await collectFailure(engine.generate(GenerationRequest(prompt: "two", maxTokens: 8)))
            #expect(busy as? StackFlowError == .busy(url: server.url, action: "inference", running: "inference"))
            var texts: [String] = []
            while let event = try await first.next() {
                if case .tokens(_, let text, _) = event { texts.append(text) }
            }
            #expect(texts == ["a", "b"])
            #expect(await server.prompts().map(\.text) == ["one"])
            await engine.close()
        }
    }

    // MARK: - Failures mid-stream

    @Test func resetMidStreamSaysHowManyDeltasArrived() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["a", "b", "c", "d"], failure: .resetAfter(2))) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(events.count == 3)
            let failure = try #require(error as? StackFlowError)
            #expect(failure == .connectionLost(
                url: server.url, action: "inference on llm.1000", deltas: 2, reason: "connection reset by the device"))
            #expect(failure.description.contains("after 2 delta(s), before the final reply"))
            let (_, after) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(after as? StackFlowError == .closed(url: server.url, action: "inference"))
            await engine.close()
        }
    }

    @Test func aLineThatIsNotJSONIsQuoted() async throws {
        let script = StackFlowScript(deltas: ["a", "b"], failure: .nonJSONAfter(1, line: "<html>Bad Gateway</html>"))
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(events.count == 2)
            let failure = try #require(error as? StackFlowError)
            guard case .malformedReply(let url, let action, let line, _) = failure else {
                Issue.record("expected malformedReply, got \(failure)")
                return
            }
            #expect(url == server.url)
            #expect(action == "inference on llm.1000")
            #expect(line == "<html>Bad Gateway</html>")
            #expect(failure.description.hasPrefix("StackFlow at \(server.url): malformed reply during inference on llm.1000"))
            #expect(failure.description.hasSuffix(": <html>Bad Gateway</html>"))
            // The session is exited on the way out, since the device may still be answering.
            #expect(await eventually { await server.openSessions().isEmpty })
            await engine.close()
        }
    }

    @Test func anErrorObjectInsteadOfADeltaFailsTheRequestButKeepsTheSession() async throws {
        let script = StackFlowScript(deltas: ["a", "b"], failure: .errorAfter(1, code: -11, message: "Model run failed."))
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(events.count == 2)
            let failure = try #require(error as? StackFlowError)
            #expect(failure == .device(url: server.url, action: "inference on llm.1000", code: -11, message: "Model run failed."))
            #expect(failure.description == "StackFlow at \(server.url): inference on llm.1000 failed: the device reported error -11 (Model run failed.)")
            await server.setScript(StackFlowScript(deltas: ["fine"]))
            #expect(try Measured(try await collect(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))).texts == ["fine"])
            await engine.close()
        }
    }

    @Test func anInferenceOnASessionTheDeviceLostFails() async throws {
        try await withStackFlowServer { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            await server.resetDevice()
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(events.count == 1)
            let failure = try #require(error as? StackFlowError)
            #expect(failure == .device(url: server.url, action: "inference on llm.1000", code: -4, message: "inference data push false"))
            #expect(failure.description.contains("set the session up again"))
            await engine.close()
            let last = await server.received().last
            #expect(last?.action == "exit")
            #expect(last?.workID == "llm.1000")
        }
    }

    @Test func aSilentDeviceTimesOut() async throws {
        try await withStackFlowServer(StackFlowScript(deltas: ["a", "b"], failure: .silentAfter(1))) { server in
            let engine = try await StackFlowEngine.connect(url: server.url, limits: RequestLimits(idle: .milliseconds(1500)))
            _ = try await engine.setup(model: Self.model, maxTokens: 8, systemPrompt: nil)
            let started = Instant.now()
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            let waited = Instant.now().seconds(since: started)
            // The silence lasts forever, so only the adapter's own timeout (named in the error) ends this; no
            // upper bound on the wait: how late a loaded machine fires it is not the adapter's doing. 1.5 s, not
            // 0.3: a loaded machine once took longer than 0.3 s to deliver the first delta, so it timed out after 0.
            #expect(events.count == 2)
            #expect(error as? StackFlowError == .timeout(url: server.url, action: "inference on llm.1000", seconds: 1.5, deltas: 1))
            #expect((error as? StackFlowError)?.description.contains("no bytes from the device for 1.5 s (idle timeout) after 1 delta(s)") == true)
            #expect(waited >= 1.5, "waited \(waited)")
            #expect(await eventually { await server.openSessions().isEmpty })
            await engine.close()
        }
    }

    /// The first delta comes at once, the other 49 a second apart: a consumer that ran to the end would take
    /// 49 s, so events short of 50 and no final event show the cancellation ended it, with no clock read.
    @Test func cancellingTheConsumerExitsTheSessionAndClosesTheConnection() async throws {
        let script = StackFlowScript(deltas: Array(repeating: "t", count: 50), delays: [.zero, .seconds(1)])
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 64, systemPrompt: nil)
            let (firstToken, firstTokenSink) = AsyncStream<Void>.makeStream()
            let consumer = Task {
                var events: [GenerationEvent] = []
                for try await event in engine.generate(GenerationRequest(prompt: "x", maxTokens: 64)) {
                    events.append(event)
                    if case .tokens = event { firstTokenSink.yield() }
                }
                return events
            }
            for await _ in firstToken { break }
            consumer.cancel()
            // Cancelled inside the adapter's wait it throws CancellationError; cancelled between events,
            // AsyncThrowingStream(unfolding:) ends the stream without calling the adapter again. Either
            // way the request stops early, without a final event.
            let outcome = await consumer.result
            if case .success(let events) = outcome {
                #expect(events.count < 50)
                if case .finished = events.last { Issue.record("the consumer ran to the end") }
            } else if case .failure(let error) = outcome {
                #expect(error is CancellationError, "\(error)")
            }
            #expect(await eventually { await server.openSessions().isEmpty })
            #expect(await server.received().last.map(\.action) == "exit")
            let (_, after) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", maxTokens: 8)))
            #expect(after as? StackFlowError == .closed(url: server.url, action: "inference"))
            await engine.close()
        }
    }

    @Test func abandoningTheStreamExitsTheSession() async throws {
        let script = StackFlowScript(deltas: Array(repeating: "t", count: 50), delays: [.milliseconds(20)])
        try await withStackFlowServer(script) { server in
            let engine = try await StackFlowEngine.connect(url: server.url)
            _ = try await engine.setup(model: Self.model, maxTokens: 64, systemPrompt: nil)
            for try await event in engine.generate(GenerationRequest(prompt: "x", maxTokens: 64)) {
                if case .tokens = event { break }
            }
            #expect(await eventually { await server.openSessions().isEmpty })
            await engine.close()
        }
    }

    // MARK: - Connecting

    @Test func connectFailuresNameTheDevice() async throws {
        let server = try await StackFlowTestServer.start()
        let url = server.url
        await server.stop()
        let refused = await #expect(throws: StackFlowError.self) { _ = try await StackFlowEngine.connect(url: url) }
        #expect(refused == .unreachable(url: url, reason: "connection refused"))
        #expect(refused?.description.hasPrefix("StackFlow at \(url): cannot connect (connection refused)") == true)

        await #expect(throws: StackFlowError.invalidURL(
            url: "http://m5stack-llm.local:10001",
            reason: "scheme 'http' instead of tcp: StackFlow speaks JSON over plain TCP, not HTTP"
        )) { _ = try await StackFlowEngine.connect(url: "http://m5stack-llm.local:10001") }
    }

    @Test func addressesDefaultToPort10001() throws {
        #expect(try StackFlowAddress(parsing: "tcp://m5stack-LLM.local") == StackFlowAddress(host: "m5stack-LLM.local", port: 10001))
        #expect(try StackFlowAddress(parsing: " tcp://192.168.20.186:10002/ ").url == "tcp://192.168.20.186:10002")
        #expect(try StackFlowAddress(parsing: "TCP://[fe80::1]:5").url == "tcp://[fe80::1]:5")
        #expect(throws: StackFlowError.self) { try StackFlowAddress(parsing: "tcp://host:0") }
        #expect(throws: StackFlowError.self) { try StackFlowAddress(parsing: "tcp://host:10001/path") }
        #expect(throws: StackFlowError.self) { try StackFlowAddress(parsing: "m5stack-llm.local:10001") }
    }

    // MARK: - Wire details

    @Test func promptPiecesNeverCutACharacter() {
        let prompt = String(repeating: "ab🗼", count: 700)
        let pieces = StackFlowPromptPieces.split(prompt, maxBytes: 7)
        #expect(pieces.joined() == prompt)
        #expect(pieces.allSatisfy { $0.utf8.count <= 7 && !$0.isEmpty })
        #expect(StackFlowPromptPieces.split("").isEmpty)
        #expect(StackFlowPromptPieces.split("short") == ["short"])
    }

    @Test func stringsAreEscapedForTheFirmware() throws {
        let text = "a{b}c\\d\"e\n\t\r\u{08}\u{0C}\u{01} é 🗼 \\"
        let bytes = StackFlowWire.inference(requestID: "r1", workID: "llm.1000", piece: Substring(text), index: 3, finish: false)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "{" }.count == 2)
        #expect(line.filter { $0 == "}" }.count == 2)
        #expect(!line.contains("\\\\"))
        #expect(line.contains("\\u007b") && line.contains("\\u007d") && line.contains("\\u005c"))
        #expect(line.contains("é 🗼"), "non-ASCII travels as UTF-8: the firmware mangles surrogate escapes")
        #expect(line.hasPrefix(#"{"request_id":"r1","work_id":"llm.1000","action":"inference","object":"llm.utf-8.stream","data":{"delta":""#))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let data = try #require(decoded["data"] as? [String: Any])
        #expect(data["delta"] as? String == text)
        #expect(data["index"] as? Int == 3)
        #expect(data["finish"] as? Bool == false)
    }
}

// MARK: - Helpers

/// Starts a StackFlowTestServer, runs `body`, and always stops it.
func withStackFlowServer<T>(
    _ script: StackFlowScript = StackFlowScript(deltas: ["Hello", "!"]), device: StackFlowTestDevice = StackFlowTestDevice(),
    _ body: (StackFlowTestServer) async throws -> T
) async throws -> T {
    let server = try await StackFlowTestServer.start(script: script, device: device)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Polls `condition` every 10 ms for up to `limit`: for effects that follow a failure asynchronously. The
/// limit only turns an effect that never comes into a failure instead of a hang: it returns as soon as the
/// condition holds, so a long limit costs nothing, and a short one failed on a loaded machine.
private func eventually(within limit: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
