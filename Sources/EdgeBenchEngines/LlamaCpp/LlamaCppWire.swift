import EdgeBenchCore

/// llama-server's native wire format (`/completion`, `/props`, `/tokenize`, `/health`), only the
/// fields EdgeBench reads. Unknown fields are ignored so newer servers keep working.
enum LlamaCppWire {
    struct CompletionRequest: Encodable {
        var prompt: String
        var n_predict: Int
        var stream = true
        var cache_prompt: Bool
        var temperature: Double
        var seed: Int?
        var top_k: Int?
        var top_p: Double?
        var repeat_penalty: Double?
        var stop: [String]?
    }

    struct Chunk: Decodable {
        var content: String?
        var tokens: [Int]?
        var stop: Bool?
        /// counts as any JSON number (`WireNumber`)
        var tokens_predicted: Double?
        var tokens_evaluated: Double?
        var stop_type: String?
        var timings: Timings?
        var error: ErrorBody?
    }

    /// Also sent by the OpenAI-compatible endpoints of llama-server, as an extra `timings` object.
    /// Counts as any JSON number (`WireNumber`).
    struct Timings: Decodable {
        var cache_n: Double?
        var prompt_n: Double?
        var prompt_ms: Double?
        var prompt_per_second: Double?
        var predicted_n: Double?
        var predicted_ms: Double?
        var predicted_per_second: Double?
    }

    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var type: String?
    }

    struct Props: Decodable {
        struct Defaults: Decodable { var n_ctx: Int? }
        var default_generation_settings: Defaults?
        var total_slots: Int?
        var model_alias: String?
        var model_path: String?
        var model_ftype: String?
        var build_info: String?
    }

    struct Health: Decodable { var status: String? }

    struct TokenizeRequest: Encodable {
        var content: String
        /// llama-server's default is false; nil sends none
        var add_special: Bool?
    }
    struct TokenizeResponse: Decodable { var tokens: [TokenOrPiece] }

    /// `/tokenize` returns ints, or objects when `with_pieces` is set; either counts as one token.
    struct TokenOrPiece: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

extension LlamaCppWire.Timings {
    /// ms → s at the adapter boundary (ServerTimings is SI).
    var serverTimings: ServerTimings {
        ServerTimings(
            promptTokens: WireNumber.count(prompt_n), promptDuration: prompt_ms.map { $0 / 1000 },
            promptRate: prompt_per_second, predictedTokens: WireNumber.count(predicted_n),
            predictedDuration: predicted_ms.map { $0 / 1000 }, predictedRate: predicted_per_second,
            cachedTokens: WireNumber.count(cache_n))
    }
}
