/// The OpenAI-compatible wire format (`/chat/completions`, `/completions`, `/models`), only the fields
/// EdgeBench reads, plus llama-server's and vLLM's common extensions.
enum OpenAIWire {
    struct Message: Encodable {
        var role: String
        var content: String
    }

    struct StreamOptions: Encodable { var include_usage = true }

    struct Request: Encodable {
        var model: String?
        var messages: [Message]?
        var prompt: String?
        var max_tokens: Int
        var temperature: Double
        var seed: Int?
        var top_p: Double?
        var stop: [String]?
        var stream = true
        var stream_options = StreamOptions()
        // Extensions understood by llama-server (and top_k by vLLM); sent only when set.
        var top_k: Int?
        var repeat_penalty: Double?
        /// llama-server only: false keeps a cold workload cold
        var cache_prompt: Bool?
    }

    struct Chunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable {
                var content: String?
                var reasoning_content: String?
                var reasoning: String?
            }
            var delta: Delta?
            /// `/completions` streams put the text here.
            var text: String?
            var finish_reason: String?
        }
        var choices: [Choice]?
        var usage: Usage?
        var timings: LlamaCppWire.Timings?
        var error: ErrorBody?
    }

    /// Counts as any JSON number (`WireNumber`): judged later, never a parse error.
    struct Usage: Decodable {
        struct PromptDetails: Decodable { var cached_tokens: Double? }
        var prompt_tokens: Double?
        var completion_tokens: Double?
        var prompt_tokens_details: PromptDetails?
    }

    /// `{"error": {...}}` (OpenAI, llama-server) or `{"error": "text"}` (some proxies).
    struct ErrorBody: Decodable {
        var message: String?
        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                message = text
                return
            }
            let container = try decoder.container(keyedBy: Keys.self)
            message = try container.decodeIfPresent(String.self, forKey: .message)
        }
        enum Keys: String, CodingKey { case message }
    }

    struct Models: Decodable {
        struct Model: Decodable {
            struct Meta: Decodable {
                var n_ctx: Int?
                var n_ctx_train: Int?
                var n_params: Int64?
                var size: Int64?
                var ftype: String?
            }
            var id: String
            var owned_by: String?
            var meta: Meta?
            /// vLLM
            var max_model_len: Int?
        }
        var data: [Model]
    }
}
