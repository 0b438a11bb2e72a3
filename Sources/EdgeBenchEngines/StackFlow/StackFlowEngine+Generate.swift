import EdgeBenchCore
import Foundation

extension StackFlowEngine {
    /// One `inference` on the session: the prompt in pieces of at most 1 KiB (`finish: false` with
    /// increasing `index`, the last with `finish: true`), then one `.tokens(count: 1, …)` per reply delta
    /// that carries text, stamped at its read, until the reply with `finish: true`.
    ///
    /// `.submitted` is stamped just before the first piece is written, so TTFT includes the prompt's
    /// transfer and the whole prefill. Requests that the device would reject or drop without a word
    /// (max tokens outside 1…1023, an empty prompt, a system prompt other than the session's) fail
    /// before anything is sent. Like the HTTP adapters, the stream is driven by its consumer.
    public func generate(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        let generation = StackFlowGeneration(engine: self, request: request)
        return AsyncThrowingStream(unfolding: { try await generation.next() })
    }

    /// What a generation sends, built and checked before `.submitted` is stamped.
    struct InferencePlan {
        var session: Session
        var bytes: [UInt8]
        var requestIDs: Set<String>
    }

    func planInference(_ request: GenerationRequest) throws(StackFlowError) -> InferencePlan {
        let action = "inference"
        guard StackFlowWire.maxTokenRange.contains(request.maxTokens) else {
            throw .invalidRequest(
                url: url, action: action,
                reason: "max tokens \(request.maxTokens) is outside 1…1023, the device's bounds for max_token_len")
        }
        guard !request.prompt.isEmpty else {
            throw .invalidRequest(url: url, action: action, reason: "the prompt is empty, and the device drops an empty inference without replying")
        }
        guard let session = try begin(action) else {
            end()
            throw .noSession(url: url, action: action)
        }
        if let system = request.systemPrompt, system != session.systemPrompt {
            end()
            throw .invalidRequest(
                url: url, action: "inference on \(session.workID)",
                reason: "the request's system prompt differs from the session's: StackFlow fixes the system prompt at setup, so pass it to setup(model:maxTokens:systemPrompt:)")
        }
        let pieces = StackFlowPromptPieces.split(request.prompt)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(request.prompt.utf8.count + pieces.count * 160)
        var ids = Set<String>()
        for (index, piece) in pieces.enumerated() {
            let id = nextRequestID()
            ids.insert(id)
            bytes += StackFlowWire.inference(
                requestID: id, workID: session.workID, piece: piece, index: index, finish: index == pieces.count - 1)
        }
        return InferencePlan(session: session, bytes: bytes, requestIDs: ids)
    }
}

/// The per-request state behind `StackFlowEngine.generate`. Only its one consumer calls `next()`,
/// one call at a time, hence `@unchecked Sendable`.
final class StackFlowGeneration: @unchecked Sendable {
    private enum Phase {
        case notStarted
        /// `.submitted` was reported but the prompt could not be written; this is thrown next.
        case failedToStart(any Error)
        case streaming(StackFlowEngine.InferencePlan)
        /// The final reply carried text too: its tokens went out, the completion follows.
        case finishing(Completion)
        case ended
    }

    private let engine: StackFlowEngine
    private let request: GenerationRequest
    private var phase = Phase.notStarted
    private var deltas = 0
    private let decoder = JSONDecoder()

    init(engine: StackFlowEngine, request: GenerationRequest) {
        self.engine = engine
        self.request = request
    }

    /// A consumer that stops iterating mid-stream leaves the device answering: abort as on cancellation.
    deinit {
        if case .streaming(let plan) = phase { engine.abort(session: plan.session) }
    }

    func next() async throws -> GenerationEvent? {
        switch phase {
        case .ended:
            return nil
        case .failedToStart(let error):
            phase = .ended
            throw error
        case .finishing(let completion):
            phase = .ended
            return .finished(completion)
        case .notStarted:
            let plan: StackFlowEngine.InferencePlan
            do {
                plan = try engine.planInference(request)
            } catch {
                phase = .ended
                throw error
            }
            let connection = engine.connection
            connection.inbox.watchIdle(engine.limits.idle, total: engine.limits.total, on: connection.eventLoop)
            // t_submit: the last instant before the first byte of the first piece is written.
            let submitted = Instant.now()
            do {
                try await connection.send(plan.bytes)
                phase = .streaming(plan)
            } catch let failure as StackFlowInboxFailure {
                phase = .failedToStart(fail(plan, engine.translate(failure, action: action(plan), deltas: 0)))
            } catch {
                phase = .failedToStart(fail(plan, error))
            }
            return .submitted(at: submitted)
        case .streaming(let plan):
            return try await read(plan)
        }
    }

    private func read(_ plan: StackFlowEngine.InferencePlan) async throws -> GenerationEvent? {
        while true {
            let line: StackFlowLine
            do {
                line = try await engine.connection.inbox.next()
            } catch let failure as StackFlowInboxFailure {
                throw fail(plan, engine.translate(failure, action: action(plan), deltas: deltas))
            } catch {
                throw fail(plan, error)
            }
            let reply: StackFlowWire.Reply
            do {
                reply = try decoder.decode(StackFlowWire.Reply.self, from: Data(line.bytes))
            } catch {
                throw fail(plan, StackFlowError.malformedReply(
                    url: engine.url, action: action(plan), line: line.text, problem: JSONErrorText.describe(error)))
            }
            switch classify(reply, plan) {
            case .ignore:
                continue
            case .failure(let code, let message):
                // The device reported and dropped the request; the session itself is still there.
                finish()
                throw StackFlowError.device(url: engine.url, action: action(plan), code: code, message: message)
            case .unexpected(let problem):
                throw fail(plan, StackFlowError.malformedReply(
                    url: engine.url, action: action(plan), line: line.text, problem: problem))
            case .piece(let text, let isFinal):
                if isFinal {
                    finish()
                    let completion = Completion(at: line.at)
                    if text.isEmpty {
                        phase = .ended
                        return .finished(completion)
                    }
                    deltas += 1
                    phase = .finishing(completion)
                    return .tokens(count: 1, text: text, at: line.at)
                }
                // An empty delta carries no token (METRICS.md: such chunks never count).
                if text.isEmpty { continue }
                deltas += 1
                return .tokens(count: 1, text: text, at: line.at)
            }
        }
    }

    private enum Classified {
        case ignore
        case failure(code: Int, message: String)
        case unexpected(String)
        case piece(text: String, isFinal: Bool)
    }

    /// Which replies belong to this request. The stream echoes the request_id of the last piece on the
    /// session's work_id; errors of the inference path come three ways: with a piece's id (-4, no such
    /// session), from the llm unit with work_id "llm" and the id of the last control request it saw
    /// (-25 and other unit errors: here, our setup), or from llm_sys as request_id "0" on "sys" (-2, the
    /// message could not be parsed). Anything else is someone else's and is skipped.
    private func classify(_ reply: StackFlowWire.Reply, _ plan: StackFlowEngine.InferencePlan) -> Classified {
        let session = plan.session
        if let id = reply.requestID, plan.requestIDs.contains(id), reply.workID == session.workID {
            if reply.code != 0 { return .failure(code: reply.code, message: reply.message) }
            guard case .piece(let piece)? = reply.data else {
                return .unexpected("a reply to the inference without a stream piece (data: {delta, index, finish})")
            }
            return .piece(text: piece.delta ?? "", isFinal: piece.finish ?? false)
        }
        if reply.code != 0 {
            if reply.workID == StackFlowWire.unit,
                reply.requestID == session.setupRequestID || reply.requestID.map(plan.requestIDs.contains) == true
            {
                return .failure(code: reply.code, message: reply.message)
            }
            if StackFlowEngine.isUnreadableMessageError(reply) { return .failure(code: reply.code, message: reply.message) }
        }
        return .ignore
    }

    private func action(_ plan: StackFlowEngine.InferencePlan) -> String { "inference on \(plan.session.workID)" }

    /// Normal end (final reply or a device error reply): the connection is free for the next request.
    private func finish() {
        engine.connection.inbox.stopWatching()
        engine.end()
        phase = .ended
    }

    /// Any other end mid-stream: the device may still be answering, so exit the session and close.
    private func fail(_ plan: StackFlowEngine.InferencePlan, _ error: any Error) -> any Error {
        phase = .ended
        engine.abort(session: plan.session)
        return error
    }
}
