import AsyncHTTPClient
import EdgeBenchCore
import NIOCore

/// Runs one streamed generation request: stamps `.submitted`, reads the body as it arrives, stamps each
/// read before any parsing, and forwards the interpreter's steps as `GenerationEvent`s.
enum SSEGeneration {
    static func stream(
        transport: HTTPTransport, path: String, body: [UInt8], model: String?,
        interpreter: some StreamInterpreter
    ) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run(transport: transport, path: path, body: body, model: model,
                                  interpreter: interpreter, continuation: continuation)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            // The consumer going away (or its task being cancelled) cancels the HTTP request.
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func run(
        transport: HTTPTransport, path: String, body: [UInt8], model: String?,
        interpreter initial: some StreamInterpreter,
        continuation: AsyncThrowingStream<GenerationEvent, any Error>.Continuation
    ) async throws {
        var interpreter = initial
        var request = transport.request(path, method: .post, json: body)
        // llama-server (b11434, cpp-httplib) drops the socket after every streamed response while still
        // advertising keep-alive (its chunk provider returns false at the end, which cpp-httplib treats as
        // an abort), so a pooled connection fails the next request with "I/O on closed channel". A
        // generation therefore never goes back to the pool: every measured request sees the same fresh
        // connection, whatever the server's keep-alive behaviour.
        request.headers.replaceOrAdd(name: "Connection", value: "close")
        // t_submit: AsyncHTTPClient gives no hook at the first written byte; this is the last instant before it.
        continuation.yield(.submitted(at: Instant.now()))
        let response = try await transport.start(request, model: model)
        var parser = SSEParser()
        var finished = false
        var tokens = 0
        do {
            for try await buffer in response.body {
                let at = Instant.now()
                if finished { continue }  // drain so the connection can be reused
                try buffer.withUnsafeReadableBytes { raw in
                    try parser.feed(raw) { event in
                        if finished { return }
                        let step = try interpreter.interpret(event, at: at)
                        if let chunk = step.tokens {
                            tokens += chunk.count
                            continuation.yield(.tokens(count: chunk.count, text: chunk.text, at: at))
                        }
                        if let completion = step.completion {
                            finished = true
                            continuation.yield(.finished(completion))
                        }
                    }
                }
            }
        } catch let error as EngineError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if finished { return }
            let mapped = transport.mapError(error, url: request.url)
            if case .transport = mapped as? EngineError {
                throw EngineError.streamEndedEarly(url: request.url, tokens: tokens)
            }
            throw mapped
        }
        if finished { return }
        let end = Instant.now()
        if let last = parser.finish() {
            let step = try interpreter.interpret(last, at: end)
            if let chunk = step.tokens {
                continuation.yield(.tokens(count: chunk.count, text: chunk.text, at: end))
            }
            if let completion = step.completion {
                continuation.yield(.finished(completion))
                return
            }
        }
        try Task.checkCancellation()
        continuation.yield(.finished(try interpreter.connectionEnded(at: end)))
    }
}
