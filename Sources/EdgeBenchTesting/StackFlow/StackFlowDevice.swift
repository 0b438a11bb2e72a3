import EdgeBenchCore
import Foundation

/// The device behind `StackFlowTestServer`: llm_sys's dispatch (sys actions, unit calls, inference
/// forwarding) and the llm unit's sessions, with the firmware's replies and error codes. Shared by all
/// connections, as sessions are on the device: they outlive the connection that opened them.
actor StackFlowDevice {
    /// What a connection does with a handled message.
    enum Output: Sendable {
        case line(String)
        /// Written after `delay` (setup's model load).
        case delayed(Duration, String)
        case stream(StackFlowStreamPlan)
    }

    private struct Session {
        var model: String
        var maxTokenLength: Int
        var systemPrompt: String
        /// index → delta of the prompt being received
        var pieces: [Int: String] = [:]
    }

    private var script: StackFlowScript
    private let device: StackFlowTestDevice
    private var sessions: [String: Session] = [:]
    private var nextWorkID: Int
    /// The llm unit answers its own errors with the request_id of the last control request it handled.
    private var unitRequestID = "0"
    private var log: [StackFlowReceivedMessage] = []
    private var promptLog: [StackFlowReceivedPrompt] = []
    private var timeline = StackFlowStreamTimeline(promptCompletedAt: nil, deltaWrites: [])

    init(script: StackFlowScript, device: StackFlowTestDevice) {
        self.script = script
        self.device = device
        self.nextWorkID = device.firstWorkID
    }

    func set(script: StackFlowScript) { self.script = script }
    private(set) var gate: TokenGate?
    func set(gate: TokenGate?) { self.gate = gate }
    var received: [StackFlowReceivedMessage] { log }
    var prompts: [StackFlowReceivedPrompt] { promptLog }
    var openSessions: [String] { sessions.keys.sorted() }
    var lastStream: StackFlowStreamTimeline { timeline }
    func deltaWritten(at instant: Instant) { timeline.deltaWrites.append(instant) }
    func dropSessions() { sessions.removeAll() }

    /// One framed message (`bytes`, completed by the read at `at`).
    func handle(_ bytes: [UInt8], at: Instant) -> [Output] {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            let requestID = object["request_id"] as? String, let workID = object["work_id"] as? String,
            let action = object["action"] as? String
        else {
            // simdjson failed, or a required key is missing: llm_sys cannot know the request_id.
            return [.line(StackFlowReplies.status(requestID: "0", workID: "sys", code: -2, message: "json format error"))]
        }
        let data = object["data"]
        log.append(record(raw: raw, at: at, requestID: requestID, workID: workID, action: action, object: object))
        let unitName = workID.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""

        if action == "inference" {
            return inference(requestID: requestID, workID: workID, object: object["object"] as? String, data: data, at: at)
        }
        if workID.isEmpty || unitName == "sys" {
            return [sys(action, requestID: requestID, workID: workID.isEmpty ? "sys" : workID)]
        }
        guard unitName == "llm" else {
            return [.line(StackFlowReplies.status(requestID: requestID, workID: workID, code: -9, message: "unit call false"))]
        }
        unitRequestID = requestID
        switch action {
        case "setup": return setup(requestID: requestID, data: data)
        case "exit": return [exit(requestID: requestID, workID: workID)]
        case "taskinfo" where workID == "llm":
            return [.line(StackFlowReplies.reply(requestID: requestID, workID: workID, object: "llm.tasklist", data: openSessions))]
        default:
            return [.line(StackFlowReplies.status(requestID: requestID, workID: workID, code: -18, message: "not have unit action!"))]
        }
    }

    private func sys(_ action: String, requestID: String, workID: String) -> Output {
        switch action {
        case "ping":
            return .line(StackFlowReplies.status(requestID: requestID, workID: workID))
        case "version":
            return .line(StackFlowReplies.reply(requestID: requestID, workID: workID, object: "sys.utf-8", data: device.version))
        case "version2" where device.packages != nil:
            return .line(StackFlowReplies.reply(
                requestID: requestID, workID: workID, object: "sys.utf-8.stream", data: device.packages ?? []))
        case "hwinfo":
            let data: [String: Any] = [
                "cpu_loadavg": 12, "mem": 35, "temperature": 41_550,
                "eth_info": [["ip": "192.168.20.186", "name": "eth0", "speed": "1000"]],
            ]
            return .line(StackFlowReplies.reply(requestID: requestID, workID: "sys", object: "sys.hwinfo", data: data))
        case "reset":
            // llm_sys restarts every llm-* service: all sessions are gone.
            dropSessions()
            return .line(StackFlowReplies.status(requestID: requestID, workID: workID, message: "llm server restarting ..."))
        default:
            return .line(StackFlowReplies.status(requestID: requestID, workID: workID, code: -3, message: "action match false"))
        }
    }

    private func setup(requestID: String, data: Any?) -> [Output] {
        if let limit = device.sessionLimit, sessions.count >= limit {
            return [.line(StackFlowReplies.status(requestID: requestID, workID: "llm", code: -21, message: "task full"))]
        }
        // The firmware requires model, response_format, enoutput and prompt; a missing one, or a model it
        // has no configuration for, fails the load. max_token_len outside 1…1023 does too here (the real
        // unit fails in the model's Init; this server checks the documented bounds).
        guard let body = data as? [String: Any], let model = body["model"] as? String,
            body["response_format"] is String, body["enoutput"] is Bool, let prompt = body["prompt"] as? String,
            device.models.contains(model)
        else {
            return [.line(StackFlowReplies.status(requestID: requestID, workID: "llm", code: -5, message: "Model loading failed."))]
        }
        let maxTokens = (body["max_token_len"] as? Int) ?? 256
        guard (1...1023).contains(maxTokens) else {
            return [.line(StackFlowReplies.status(requestID: requestID, workID: "llm", code: -5, message: "Model loading failed."))]
        }
        let workID = "llm.\(nextWorkID)"
        nextWorkID += 1
        sessions[workID] = Session(model: model, maxTokenLength: maxTokens, systemPrompt: prompt)
        return [.delayed(device.loadDelay, StackFlowReplies.status(requestID: requestID, workID: workID))]
    }

    private func exit(requestID: String, workID: String) -> Output {
        guard sessions.removeValue(forKey: workID) != nil else {
            return .line(StackFlowReplies.status(requestID: requestID, workID: workID, code: -6, message: "Unit Does Not Exist"))
        }
        return .line(StackFlowReplies.status(requestID: requestID, workID: workID))
    }

    private func inference(requestID: String, workID: String, object: String?, data: Any?, at: Instant) -> [Output] {
        guard var session = sessions[workID] else {
            // llm_sys finds no unit to push the data to.
            return [.line(StackFlowReplies.status(requestID: requestID, workID: workID, code: -4, message: "inference data push false"))]
        }
        let prompt: String
        let pieceCount: Int
        if (object ?? "").contains("stream") {
            guard let body = data as? [String: Any], let index = body["index"] as? Int, let delta = body["delta"] as? String else {
                return [.line(unitError(code: -25, message: "Stream data index error."))]
            }
            session.pieces[index] = delta
            guard (body["finish"] as? Bool) == true else {
                sessions[workID] = session
                return []
            }
            // decode_stream: concatenate indices 0..<count; a gap throws, the unit answers -25.
            let pieces = session.pieces
            session.pieces = [:]
            sessions[workID] = session
            guard let text = Self.joined(pieces) else {
                return [.line(unitError(code: -25, message: "Stream data index error."))]
            }
            prompt = text
            pieceCount = pieces.count
        } else {
            prompt = data as? String ?? ""
            pieceCount = 1
        }
        // inference_async drops an empty message without a word.
        guard !prompt.isEmpty else { return [] }
        promptLog.append(StackFlowReceivedPrompt(workID: workID, text: prompt, pieces: pieceCount, completedAt: at))
        timeline = StackFlowStreamTimeline(promptCompletedAt: at, deltaWrites: [])
        // The llm unit stops after max_token_len tokens, as the setup asked.
        var script = script
        script.deltas = Array(script.deltas.prefix(session.maxTokenLength))
        if let delays = device.delaysByModel[session.model] { script.delays = delays }
        return [.stream(StackFlowStreamPlan(
            script: script, requestID: requestID, workID: workID, unitRequestID: unitRequestID, gate: gate))]
    }

    private func unitError(code: Int, message: String) -> String {
        StackFlowReplies.status(requestID: unitRequestID, workID: "llm", code: code, message: message)
    }

    private static func joined(_ pieces: [Int: String]) -> String? {
        var text = ""
        for index in 0..<pieces.count {
            guard let piece = pieces[index] else { return nil }
            text += piece
        }
        return text
    }

    private func record(
        raw: String, at: Instant, requestID: String, workID: String, action: String, object: [String: Any]
    ) -> StackFlowReceivedMessage {
        var message = StackFlowReceivedMessage(
            at: at, requestID: requestID, workID: workID, action: action, object: object["object"] as? String, raw: raw)
        if let data = object["data"] as? [String: Any] {
            if action == "inference", let delta = data["delta"] as? String, let index = data["index"] as? Int {
                message.piece = .init(delta: delta, index: index, finish: (data["finish"] as? Bool) ?? false)
            }
            if action == "setup" {
                message.setup = .init(
                    model: data["model"] as? String, maxTokenLength: data["max_token_len"] as? Int,
                    prompt: data["prompt"] as? String, responseFormat: data["response_format"] as? String,
                    input: data["input"] as? String)
            }
        }
        return message
    }
}

/// One scripted answer: the script as it was when the prompt completed, and who the replies go to.
struct StackFlowStreamPlan: Sendable {
    var script: StackFlowScript
    /// The last piece's request_id: the firmware labels the stream with the last id the session received.
    var requestID: String
    var workID: String
    /// The llm unit's error replies carry this id (see `StackFlowScript.Failure.errorAfter`).
    var unitRequestID: String
    /// Holds each delta until the test lets it go (`StackFlowTestServer.setGate`).
    var gate: TokenGate?
}
