import AsyncHTTPClient
import EdgeBenchCore
@testable import EdgeBenchEngines
import EdgeBenchTesting
import Testing

/// Issue 13.12: a server that echoes the Authorization header in its 401 put the bearer token into every
/// error text, and from there into stderr, results.md, bundle.json, the report and SQLite. The transport,
/// the one place that knows the token, redacts it from every error it lets out.
@Suite("API key redaction", .serialized)
struct APIKeyRedactionTests {
    static let key = "sk-test-9f8e7d6c5b4a39281706"

    @Test func aStreamingRequestWhoseServerEchoesTheKeyFailsWithoutIt() async throws {
        try await withScriptedServer(Script(tokens: ["a"], failure: .echoAuthorization(status: 401))) { server, client in
            let engine = OpenAIEngine(
                baseURL: server.baseURL + "/v1", model: nil, client: client, apiKeyEnvironmentVariable: "EB_KEY",
                environment: ["EB_KEY": Self.key])
            let (_, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .chat, maxTokens: 1)))
            // The key was sent (the server saw it) …
            let sent = await server.requests().last?.headers["authorization"]
            #expect(sent == "Bearer \(Self.key)")
            // … and the error keeps everything the server said except the key.
            let url = server.baseURL + "/v1/chat/completions"
            #expect(error as? EngineError == .httpStatus(
                url: url, status: 401,
                body: #"{"error":{"message":"invalid API key in header 'Authorization: Bearer [redacted]'","type":"invalid_request_error","code":"invalid_api_key"}}"#))
            #expect(error.map { String(describing: $0) }?.contains(Self.key) == false)
        }
    }

    @Test func aControlRequestWhoseServerEchoesTheKeyFailsWithoutIt() async throws {
        try await withScriptedServer(Script(tokens: ["a"], failure: .echoAuthorization(status: 401))) { server, client in
            let transport = HTTPTransport(baseURL: server.baseURL, client: client, bearerToken: Self.key)
            var failure: (any Error)?
            do {
                _ = try await transport.fetchJSON(LlamaCppWire.Props.self, "/completion", method: .post, json: Array("{}".utf8))
            } catch { failure = error }
            let text = failure.map { String(describing: $0) } ?? ""
            #expect(text.contains("answered HTTP 401"), "\(text)")
            #expect(text.contains("Bearer [redacted]"), "\(text)")
            #expect(!text.contains(Self.key))
        }
    }

    /// Every field of every error goes through the redaction (the switch that maps them is exhaustive).
    @Test func everyErrorFieldIsRedacted() {
        let redaction = SecretRedaction(secrets: ["s3cret"])
        let errors: [EngineError] = [
            .unreachable(url: "u", reason: "s3cret"), .modelNotFound(url: "u", model: "m", body: "s3cret"),
            .modelUnavailable(url: "u", engine: "e", model: "m", detail: "s3cret", fix: "s3cret"),
            .malformedStream(url: "u", line: "xs3cretx", expected: "e"), .serverError(url: "u", message: "s3cret s3cret"),
            .transport(url: "u", reason: "s3cret"), .notAStream(url: "u", contentType: "t", expected: "e", body: "s3cret"),
        ]
        for error in errors {
            let text = redaction.apply(error).description
            #expect(!text.contains("s3cret"), "\(text)")
            #expect(text.contains("[redacted]"), "\(text)")
        }
        #expect(SecretRedaction(secrets: [""]).apply("text") == "text")
    }
}

/// Issue 13.13: a 200 that is not a stream (a JSON reply, a proxy's HTML page) was read as an empty stream
/// and reported as "did it crash?". The Content-Type is checked and the error says what came back.
@Suite("Replies that are not a stream", .serialized)
struct NotAStreamTests {
    @Test func aJSONReplyToAStreamingRequestSaysWhatCameBack() async throws {
        let body = #"{"choices":[{"message":{"content":"hi"}}]}"#
        try await withScriptedServer(Script(tokens: ["a"], failure: .notAStream(contentType: "application/json", body: body))) { server, client in
            let engine = OpenAIEngine(baseURL: server.baseURL + "/v1", model: nil, client: client)
            let (events, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .chat, maxTokens: 1)))
            let url = server.baseURL + "/v1/chat/completions"
            #expect(events.count == 1)  // submitted only
            #expect(error as? EngineError == .notAStream(url: url, contentType: "application/json", expected: "text/event-stream", body: body))
            #expect(error.map { String(describing: $0) } == "\(url) answered the streaming request with 'application/json' instead of a stream "
                + "(text/event-stream): \(body); is the URL the engine's API (e.g. …/v1 for openai) and the engine kind right, and does the server stream?")
        }
    }

    @Test func anHTMLPageIsRefusedOnNDJSONToo() async throws {
        let page = "<html><body>Sign in to the proxy</body></html>"
        try await withOllamaServer(Script(tokens: ["a"], failure: .notAStream(contentType: "text/html; charset=utf-8", body: page))) { server, client in
            let engine = OllamaEngine(baseURL: server.baseURL, model: "qwen2.5:0.5b", client: client)
            let (_, error) = await collectFailure(engine.generate(GenerationRequest(prompt: "x", api: .chat, maxTokens: 1)))
            #expect(error as? EngineError == .notAStream(
                url: server.baseURL + "/api/chat", contentType: "text/html; charset=utf-8", expected: "application/x-ndjson", body: page))
        }
    }
}
