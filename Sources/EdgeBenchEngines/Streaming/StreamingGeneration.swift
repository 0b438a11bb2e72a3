import AsyncHTTPClient
import EdgeBenchCore
import NIOCore

/// Runs one streamed generation request over HTTP: stamps `.submitted` when the request head is written,
/// reads the body as it arrives, stamped with the instant each part was read from the socket (on the event
/// loop, before any parsing), frames it (SSE events or JSON lines) and forwards the interpreter's steps as
/// `GenerationEvent`s.
///
/// The stream is driven by its consumer (`AsyncThrowingStream(unfolding:)`): each `next()` reads the
/// response body in the consumer's own task. An intermediate producer task would hand every token to
/// another thread (a futex wake per token), which cost the harness about a third of its CPU per token
/// on the board being measured.
enum StreamingGeneration {
    static func stream<Framer: StreamFraming, Interpreter: StreamInterpreter>(
        transport: HTTPTransport, path: String, body: [UInt8], model: String?, framing: Framer.Type,
        interpreter: Interpreter
    ) -> AsyncThrowingStream<GenerationEvent, any Error> where Interpreter.Frame == Framer.Frame {
        let state = StreamingGenerationState<Framer, Interpreter>(
            transport: transport, path: path, body: body, model: model, interpreter: interpreter)
        return AsyncThrowingStream(unfolding: { try await state.next() })
    }
}

/// The per-request state behind `StreamingGeneration.stream`. Only its one consumer calls `next()`,
/// one call at a time, hence `@unchecked Sendable`.
final class StreamingGenerationState<Framer: StreamFraming, Interpreter: StreamInterpreter>: @unchecked Sendable
where Interpreter.Frame == Framer.Frame {
    private enum Phase {
        case notStarted
        /// `.submitted` was reported; the request failed to start and this is thrown next.
        case failedToStart(any Error)
        case streaming
        case ended
    }

    private let transport: HTTPTransport
    private let path: String
    private let body: [UInt8]
    private let model: String?
    private var interpreter: Interpreter
    private let url: String
    private var phase = Phase.notStarted
    /// Set while `.streaming` (kept out of `phase` so that reading a token does not copy it in and out).
    private var exchange: HTTPExchange?
    private var parser: Framer
    private var pending: [GenerationEvent] = []
    private var pendingIndex = 0
    private var finished = false
    private var tokens = 0

    init(transport: HTTPTransport, path: String, body: [UInt8], model: String?, interpreter: Interpreter) {
        self.transport = transport
        self.path = path
        self.body = body
        self.model = model
        self.interpreter = interpreter
        self.url = transport.url(path)
        self.parser = Framer(maxLineBytes: transport.limits.maxLineBytes)
        pending.reserveCapacity(4)
    }

    /// A consumer that stops iterating early must not leave the request running.
    deinit {
        if case .streaming = phase { exchange?.cancel() }
    }

    private func makeRequest() throws -> HTTPClient.Request {
        var request = try transport.request(path, method: .post, json: body)
        // llama-server (b11434, cpp-httplib) drops the socket after every streamed response while still
        // advertising keep-alive (its chunk provider returns false at the end, which cpp-httplib treats as
        // an abort), so a pooled connection fails the next request with "I/O on closed channel". A
        // generation therefore never goes back to the pool: every measured request sees the same fresh
        // connection, whatever the server's keep-alive behaviour.
        request.headers.replaceOrAdd(name: "Connection", value: "close")
        return request
    }

    func next() async throws -> GenerationEvent? {
        while true {
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            switch phase {
            case .ended:
                return nil
            case .failedToStart(let error):
                phase = .ended
                throw error
            case .notStarted:
                // t_submit is when the request head was written, after connecting (METRICS.md: "just before the
                // first byte of the request is written"); a request that never got that far is stamped here.
                let beforeStart = Instant.now()
                do {
                    let started = try await transport.start(try makeRequest(), model: model)
                    let submitted = GenerationEvent.submitted(at: started.requestSent ?? beforeStart)
                    if let expected = Framer.refusal(of: started.contentType) {
                        // Read as a stream, a JSON or HTML body yields no event and ends "early": say what came back.
                        let body = await HTTPTransport.excerpt(of: started)
                        phase = .failedToStart(transport.redaction.apply(EngineError.notAStream(
                            url: url, contentType: started.contentType, expected: expected, body: body)))
                        return submitted
                    }
                    exchange = started
                    phase = .streaming
                    return submitted
                } catch {
                    phase = .failedToStart(transport.mapError(error, url: url))
                    return .submitted(at: beforeStart)
                }
            case .streaming:
                let part: HTTPExchange.Part?
                do {
                    part = try await exchange!.next()
                } catch {
                    phase = .ended
                    exchange = nil
                    if finished { return nil }
                    throw mapReadError(error)
                }
                guard let part else {
                    exchange = nil
                    phase = .ended
                    do {
                        try endOfBody()
                    } catch {
                        throw transport.redaction.apply(error)
                    }
                    continue
                }
                if finished { continue }  // read to the end: the response is whole only then
                do {
                    try interpret(part.bytes, at: part.arrived)
                } catch {
                    end()
                    throw transport.redaction.apply(error)
                }
                if parser.overflowed {
                    end()
                    throw EngineError.lineTooLong(url: url, unit: Framer.unitName, limit: transport.limits.maxLineBytes)
                }
            }
        }
    }

    private func interpret(_ buffer: ByteBuffer, at: Instant) throws {
        try buffer.withUnsafeReadableBytes { raw in
            try parser.feed(raw) { event in
                if finished { return }
                append(try interpreter.interpret(event, at: at), at: at)
            }
        }
    }

    private func append(_ step: StreamStep, at: Instant) {
        if let chunk = step.tokens {
            tokens += chunk.count
            pending.append(.tokens(count: chunk.count, text: chunk.text, at: at))
        }
        if let completion = step.completion {
            finished = true
            pending.append(.finished(completion))
        }
    }

    private func endOfBody() throws {
        if finished { return }
        let end = Instant.now()
        if let last = parser.finish() {
            append(try interpreter.interpret(last, at: end), at: end)
            if finished { return }
        }
        try Task.checkCancellation()
        finished = true
        pending.append(.finished(try interpreter.connectionEnded(at: end)))
    }

    /// Stops reading: the connection is closed, the rest of the body never read.
    private func end() {
        exchange?.cancel()
        exchange = nil
        phase = .ended
    }

    private func mapReadError(_ error: any Error) -> any Error {
        if error is EngineError || error is CancellationError { return transport.mapError(error, url: url) }
        let mapped = transport.mapError(error, url: url)
        if case .transport = mapped as? EngineError {
            return EngineError.streamEndedEarly(url: url, tokens: tokens)
        }
        return mapped
    }
}
