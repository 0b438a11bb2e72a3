import EdgeBenchCore
import Foundation

/// Adapter for M5Stack StackFlow (Module LLM, LLM630 Compute Kit; AX630C NPU): JSON lines over TCP.
///
/// Life cycle: `connect`, `setup` (opens an LLM session on the device and loads the model), any number of
/// `generate`, `close` (exits the session). The device keeps a session until it is exited or reset, even
/// after the TCP connection that opened it is gone, and its llm unit allows only two: a session that is
/// never exited makes later setups fail with -21 (task full). So `close` always exits, a new `setup`
/// exits the previous session first, and a generation that fails mid-stream or is cancelled exits the
/// session and closes the engine rather than leave the device mid-answer.
///
/// What a StackFlow session fixes at setup and a `GenerationRequest` cannot change:
/// - `max_token_len`: a request's `maxTokens` must be 1…1023 (else it is rejected before sending) but
///   the session's bound is what applies; set the session up with the plan's maximum so that
///   `stopped_early` compares like with like;
/// - the system prompt: a request that carries a different one is rejected before sending;
/// - sampling (temperature, top-p, seed, stop strings): the model's own configuration on the device;
/// - the chat template: the firmware wraps every prompt in the model's template, so `api: .completion`
///   is sent the same way as `.chat`.
/// StackFlow reports no token counts: each delta that carries text is one `.tokens(count: 1, …)` and the
/// completion leaves the counts nil, so the core counts chunks and flags the result `estimated`.
public final class StackFlowEngine: InferenceEngine, @unchecked Sendable {
    /// `tcp://host:port`, as every error names it.
    public let url: String
    let connection: StackFlowConnection
    /// Connect timeout, and bound of control replies (ping, version, exit).
    let timeout: Duration
    /// A generation's idle and whole-request deadlines, and the longest reply line.
    let limits: RequestLimits
    /// Bound of the setup reply, which arrives only once the model is loaded (tens of seconds on the
    /// device; models with a Python tokenizer service alone wait 15 s for it to start).
    let loadTimeout: Duration

    struct Session: Sendable {
        var workID: String
        var model: String
        var maxTokens: Int
        var systemPrompt: String
        /// Unit-level errors (e.g. -25 during an inference) echo the last control request the unit saw, not the inference's.
        var setupRequestID: String
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    var session: Session?
    private var running: String?
    private var closed = false
    private var requestCounter = 0
    private let requestPrefix = "eb" + String(UInt32.random(in: .min ... .max), radix: 16)

    private init(
        url: String, connection: StackFlowConnection, timeout: Duration, loadTimeout: Duration, limits: RequestLimits
    ) {
        self.url = url
        self.connection = connection
        self.timeout = timeout
        self.limits = limits
        self.loadTimeout = loadTimeout
    }

    /// Opens the TCP connection to `url` (`tcp://host[:port]`, port 10001 unless given).
    /// - Parameters:
    ///   - timeout: connect timeout, and how long a control request may go without a byte from the device.
    ///   - loadTimeout: how long `setup` may wait for the model to load.
    ///   - limits: a generation's idle and whole-request deadlines, and the longest reply line.
    public static func connect(
        url: String, timeout: Duration = .seconds(10), loadTimeout: Duration = .seconds(300),
        limits: RequestLimits = RequestLimits()
    ) async throws -> StackFlowEngine {
        let address = try StackFlowAddress(parsing: url)
        let connection = try await StackFlowConnection.open(address, timeout: timeout, maxLineBytes: limits.maxLineBytes)
        return StackFlowEngine(
            url: address.url, connection: connection, timeout: timeout, loadTimeout: loadTimeout, limits: limits)
    }

    /// The session's work_id (e.g. "llm.1000") once `setup` succeeded.
    public var workID: String? { locked { session?.workID } }

    /// `sys ping`, then `llm setup` with the model, `max_token_len` and system prompt. Returns the
    /// seconds from just before the setup message was written until its reply arrived: the model load
    /// (METRICS.md `load_time`). A session set up earlier on this engine is exited first.
    public func setup(model: String, maxTokens: Int, systemPrompt: String?) async throws -> Double {
        let load = try await openSession(model: model, maxTokens: maxTokens, systemPrompt: systemPrompt)
        return load.end.seconds(since: load.start)
    }

    /// `setup`, returning the instants the setup message was about to be written and its reply arrived.
    public func openSession(model: String, maxTokens: Int, systemPrompt: String?) async throws -> (start: Instant, end: Instant) {
        let action = "setup of model '\(model)'"
        guard StackFlowWire.maxTokenRange.contains(maxTokens) else {
            throw StackFlowError.invalidRequest(
                url: url, action: action,
                reason: "max_token_len \(maxTokens) is outside 1…1023, the bounds the device accepts: set max tokens within them")
        }
        guard !model.isEmpty else {
            throw StackFlowError.invalidRequest(url: url, action: action, reason: "no model name")
        }
        let previous = try begin(action)
        defer { end() }
        if let previous {
            locked { session = nil }
            _ = try? await exchange(
                { StackFlowWire.exit(requestID: $0, workID: previous.workID) }, action: "exit of \(previous.workID)",
                timeout: timeout)
        }
        let ping = try await exchange({ StackFlowWire.sys("ping", requestID: $0) }, action: "sys ping", timeout: timeout)
        try check(ping.reply, action: "sys ping")

        let requestID = nextRequestID()
        let prompt = systemPrompt ?? ""
        let message = StackFlowWire.setup(requestID: requestID, model: model, maxTokens: maxTokens, systemPrompt: prompt)
        let started = Instant.now()
        let answer = try await exchange(message, requestID: requestID, action: action, timeout: loadTimeout)
        try check(answer.reply, action: action)
        guard let workID = answer.reply.workID, workID.hasPrefix(StackFlowWire.unit + "."), workID.count > 4 else {
            throw StackFlowError.malformedReply(
                url: url, action: action, line: answer.line.text, problem: "no session work_id (llm.N) in the setup reply")
        }
        locked {
            session = Session(
                workID: workID, model: model, maxTokens: maxTokens, systemPrompt: prompt, setupRequestID: requestID)
        }
        return (started, answer.line.at)
    }

    /// Version from `sys version` (the llm-sys framework, e.g. "v1.6"); build from `sys version2` (the llm
    /// unit's package, e.g. "llm_llm-1.8") where the firmware has it. `sys hwinfo` carries no version
    /// (temperature, load, memory, interfaces) and takes the device a second: see `hardwareInfo()`.
    public func describe() async throws -> EngineDescription {
        let model = try locked { () throws(StackFlowError) -> String in
            guard let session else { throw .noSession(url: url, action: "describe") }
            return session.model
        }
        _ = try begin("describe")
        defer { end() }
        let version = try await exchange({ StackFlowWire.sys("version", requestID: $0) }, action: "sys version", timeout: timeout)
        try check(version.reply, action: "sys version")
        var versionText: String?
        if case .text(let text)? = version.reply.data { versionText = text }
        var build: String?
        // Older firmware answers -3 (unknown action): the build is then simply not known.
        if let packages = try? await exchange({ StackFlowWire.sys("version2", requestID: $0) }, action: "sys version2", timeout: timeout),
            packages.reply.code == 0, case .texts(let names)? = packages.reply.data
        {
            build = names.first { $0.hasPrefix("llm_llm-") }
        }
        return EngineDescription(
            adapter: "stackflow", name: "StackFlow", version: versionText, build: build, url: url,
            offload: "NPU (AX630C)", model: ModelInfo(name: model))
    }

    /// `sys hwinfo`: the device's SoC temperature, CPU load and memory use (provenance, not telemetry:
    /// the device samples its CPU load over one second before answering).
    public func hardwareInfo() async throws -> StackFlowHardwareInfo {
        _ = try begin("sys hwinfo")
        defer { end() }
        let answer = try await exchange({ StackFlowWire.sys("hwinfo", requestID: $0) }, action: "sys hwinfo", timeout: timeout)
        try check(answer.reply, action: "sys hwinfo")
        guard case .hardware(let body)? = answer.reply.data else {
            throw StackFlowError.malformedReply(url: url, action: "sys hwinfo", line: answer.line.text, problem: "no hwinfo object")
        }
        return StackFlowHardwareInfo(body)
    }

    /// Exits the session (best effort, waiting at most `timeout` and 5 s for the reply), then closes the
    /// connection. Idempotent. While a generation is in flight it sends the exit without waiting and closes.
    public func close() async {
        let (session, inFlight) = locked { () -> (Session?, Bool) in
            if closed { return (nil, false) }
            closed = true
            defer { self.session = nil }
            return (self.session, running != nil)
        }
        if inFlight {
            connection.sendThenClose(session.map { StackFlowWire.exit(requestID: nextRequestID(), workID: $0.workID) })
            return
        }
        if let session {
            _ = try? await exchange(
                { StackFlowWire.exit(requestID: $0, workID: session.workID) }, action: "exit of \(session.workID)",
                timeout: min(timeout, .seconds(5)))
        }
        await connection.close()
    }

    // MARK: - Shared with the generation

    /// Claims the connection for `action`; returns the session (nil before setup).
    func begin(_ action: String) throws(StackFlowError) -> Session? {
        try locked { () throws(StackFlowError) -> Session? in
            if closed { throw .closed(url: url, action: action) }
            if let running { throw .busy(url: url, action: action, running: running) }
            running = action
            return session
        }
    }

    func end() { locked { running = nil } }

    /// After a generation failed mid-stream or was cancelled the device may still be answering it, and
    /// its late replies would carry the next request's id (the firmware labels a stream with the last
    /// request id it received): exit the session, close, and make the next call say so.
    func abort(session: Session) {
        let exit = StackFlowWire.exit(requestID: nextRequestID(), workID: session.workID)
        locked {
            closed = true
            running = nil
            self.session = nil
        }
        connection.inbox.stopWatching()
        connection.sendThenClose(exit)
    }

    func nextRequestID() -> String {
        locked {
            requestCounter += 1
            return "\(requestPrefix)-\(requestCounter)"
        }
    }

    func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: - Control exchanges

    struct Answer {
        var reply: StackFlowWire.Reply
        var line: StackFlowLine
    }

    func exchange(
        _ build: (String) -> [UInt8], action: String, timeout: Duration
    ) async throws -> Answer {
        let requestID = nextRequestID()
        return try await exchange(build(requestID), requestID: requestID, action: action, timeout: timeout)
    }

    /// Sends one control message and reads until the reply that echoes its request_id; other replies
    /// (late ones of an earlier request) are skipped.
    func exchange(
        _ message: [UInt8], requestID: String, action: String, timeout: Duration
    ) async throws -> Answer {
        let inbox = connection.inbox
        inbox.watchIdle(timeout, on: connection.eventLoop)
        defer { inbox.stopWatching() }
        do {
            try await connection.send(message)
            let decoder = JSONDecoder()
            while true {
                let line = try await inbox.next()
                let reply: StackFlowWire.Reply
                do {
                    reply = try decoder.decode(StackFlowWire.Reply.self, from: Data(line.bytes))
                } catch {
                    throw StackFlowError.malformedReply(
                        url: url, action: action, line: line.text, problem: JSONErrorText.describe(error))
                }
                if reply.requestID == requestID { return Answer(reply: reply, line: line) }
                if StackFlowEngine.isUnreadableMessageError(reply) {
                    throw StackFlowError.device(url: url, action: action, code: reply.code, message: reply.message)
                }
            }
        } catch let failure as StackFlowInboxFailure {
            throw translate(failure, action: action, deltas: nil)
        }
    }

    func check(_ reply: StackFlowWire.Reply, action: String) throws(StackFlowError) {
        guard reply.code == 0 else { throw .device(url: url, action: action, code: reply.code, message: reply.message) }
    }

    func translate(_ failure: StackFlowInboxFailure, action: String, deltas: Int?) -> StackFlowError {
        switch failure {
        case .idle(let seconds): return .timeout(url: url, action: action, seconds: seconds, deltas: deltas)
        case .deadline(let seconds): return .deadline(url: url, action: action, seconds: seconds, deltas: deltas)
        case .lineTooLong(let limit): return .lineTooLong(url: url, action: action, limit: limit)
        case .ended(let reason): return .connectionLost(url: url, action: action, deltas: deltas, reason: reason)
        }
    }

    /// llm_sys answers a message it cannot parse with request_id "0" on work_id "sys": it cannot know
    /// the id, and only this client writes on this connection, so the message was ours.
    static func isUnreadableMessageError(_ reply: StackFlowWire.Reply) -> Bool {
        reply.code != 0 && reply.workID == StackFlowWire.sys && reply.requestID == "0"
    }
}

/// `sys hwinfo`, converted to SI-ish units at the adapter boundary.
public struct StackFlowHardwareInfo: Sendable, Equatable {
    public struct Interface: Sendable, Equatable {
        public var name: String
        public var ip: String?
        /// Link speed as the device reports it (Mb/s as text; empty for Wi-Fi / USB gadgets).
        public var speed: String?
    }

    /// thermal_zone0, °C
    public var temperatureCelsius: Double?
    /// CPU busy share over the device's one-second sample, 0…1
    public var cpuLoad: Double?
    /// memory in use, 0…1
    public var memoryUsed: Double?
    public var interfaces: [Interface]

    init(_ body: StackFlowWire.HardwareBody) {
        temperatureCelsius = body.temperature.map { $0 / 1000 }
        cpuLoad = body.cpu_loadavg.map { $0 / 100 }
        memoryUsed = body.mem.map { $0 / 100 }
        interfaces = (body.eth_info ?? []).map { Interface(name: $0.name ?? "", ip: $0.ip, speed: $0.speed) }
    }
}
