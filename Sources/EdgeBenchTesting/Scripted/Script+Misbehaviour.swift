import EdgeBenchCore
import Hummingbird

/// The broken and hostile servers of issue 13, shared by the scripted llama.cpp/OpenAI and Ollama servers.
extension Script.Failure {
    /// The whole reply when the failure replaces the stream (not a stream, an echoed key); nil otherwise.
    func replacingReply(authorization: String?) -> Response? {
        switch self {
        case .notAStream(let contentType, let body):
            return Response(
                status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
        case .echoAuthorization(let status):
            let body = #"{"error":{"message":"invalid API key in header 'Authorization: "# + (authorization ?? "")
                + #"'","type":"invalid_request_error","code":"invalid_api_key"}}"#
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        default:
            return nil
        }
    }

    /// Writes what a misbehaving server sends in place of token `index`, and ends the body; false when
    /// this failure does nothing there.
    func misbehave(at index: Int, with writer: inout any ResponseBodyWriter) async throws -> Bool {
        switch self {
        case .trickleAfter(let n, let every, let bytes) where index == n:
            for _ in 0..<bytes {
                try await Task.sleep(for: every)
                try await writer.write(ByteBuffer(string: " "))
            }
        case .endlessLineAfter(let n, let bytes) where index == n:
            let piece = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024)
            var written = 0
            while written < bytes {
                try await writer.write(piece)
                written += piece.readableBytes
            }
        default:
            return false
        }
        try await writer.finish(nil)
        return true
    }
}
