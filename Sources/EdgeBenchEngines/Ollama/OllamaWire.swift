import EdgeBenchCore

/// Ollama's native API shapes (`/api/generate`, `/api/chat`, `/api/show`, `/api/tags`, `/api/ps`,
/// `/api/version`), as Ollama 0.1–0.30 and hailo-ollama 5.x send them. Every response field is
/// optional: hailo-ollama (oatpp) writes absent fields as `null`, older Ollama omits some.
enum OllamaWire {
    /// `options`. `num_gpu` is a LAYER count (`num_gpu: 1` offloads one layer), not a GPU count.
    struct Options: Encodable, Equatable {
        var num_predict: Int
        var temperature: Double
        var seed: Int?
        var top_k: Int
        var top_p: Double
        var repeat_penalty: Double?
        var stop: [String]?
        var num_ctx: Int?
        var num_thread: Int?
        var num_gpu: Int?
    }

    struct Message: Codable, Equatable {
        var role: String?
        var content: String?
        /// Reasoning models (Ollama ≥ 0.9 with `think`) stream their reasoning here.
        var thinking: String?
    }

    struct GenerateRequest: Encodable {
        var model: String
        var prompt: String
        var system: String?
        /// completion API: the prompt is sent as is, without the model's template
        var raw: Bool?
        var stream: Bool
        /// seconds; an integer because hailo-ollama's `keep_alive` is an Int32 (Ollama takes both)
        var keep_alive: Int
        var options: Options
    }

    /// `/api/generate` without a prompt: Ollama and hailo-ollama load the model and generate nothing, or with
    /// `keep_alive: 0` unload it (done_reason "load" / "unload"). hailo-ollama tells the two from a generation
    /// by the prompt's absence, so there is no `prompt` key at all.
    struct LoadRequest: Encodable {
        var model: String
        var stream: Bool
        var keep_alive: Int
        /// the configuration's options, so Ollama places the model (num_gpu, num_ctx) as the requests will
        /// want it and does not reload it for the first one; nil for an unload
        var options: Options?
    }

    struct ChatRequest: Encodable {
        var model: String
        var messages: [Message]
        var stream: Bool
        var keep_alive: Int
        var options: Options
    }

    /// One NDJSON line of `/api/generate` or `/api/chat`, or a non-streamed response.
    struct Chunk: Decodable {
        var model: String?
        var response: String?
        var thinking: String?
        var message: Message?
        var done: Bool?
        var done_reason: String?
        /// nanoseconds, like every `*_duration`. Counts and durations as any JSON number (`WireNumber`):
        /// a huge or negative one is valid JSON, judged by `ServerReportCheck`, not a parse error.
        var total_duration: Double?
        var load_duration: Double?
        var prompt_eval_count: Double?
        var prompt_eval_duration: Double?
        var eval_count: Double?
        var eval_duration: Double?
        var error: String?
    }

    struct ShowRequest: Encodable { var model: String }

    struct Show: Decodable {
        struct Details: Decodable {
            var format: String?
            var family: String?
            var parameter_size: String?
            var quantization_level: String?
        }
        var details: Details?
        /// Ollama: an object (`general.parameter_count`, `<arch>.block_count`, …); hailo-ollama: a string.
        var model_info: ModelInfoField?
    }

    /// `model_info` in whichever shape the server sent; only the numbers EdgeBench records are kept.
    struct ModelInfoField: Decodable {
        var parameterCount: Int64?
        var blockCount: Int?

        init(from decoder: any Decoder) throws {
            guard let c = try? decoder.container(keyedBy: AnyKey.self) else { return }
            for key in c.allKeys {
                if key.stringValue == "general.parameter_count" {
                    parameterCount = try? c.decode(Int64.self, forKey: key)
                } else if key.stringValue.hasSuffix(".block_count") {
                    blockCount = try? c.decode(Int.self, forKey: key)
                }
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `/api/tags` (installed models) and `/api/ps` (models resident in memory).
    struct ModelList: Decodable {
        struct Entry: Decodable {
            var name: String?
            var model: String?
            var size: Int64?
            /// `/api/ps`: bytes of the loaded model in GPU memory
            var size_vram: Int64?
            var digest: String?
            var context_length: Int?
        }
        var models: [Entry]?
    }

    struct Version: Decodable { var version: String? }

    /// hailo-ollama `GET /hailo/v1/list`: the models it can serve, by tag.
    struct HailoList: Decodable { var models: [String]? }
}

extension OllamaWire.ModelList.Entry {
    /// Ollama names a model `name:tag` and fills in `:latest` when no tag was given.
    func matches(_ requested: String) -> Bool {
        let wanted = OllamaWire.canonical(requested)
        return [name, model].contains { $0.map(OllamaWire.canonical) == wanted }
    }
}

extension OllamaWire {
    static func canonical(_ name: String) -> String { name.contains(":") ? name : name + ":latest" }
}

extension OllamaWire.Chunk {
    /// Ollama's final-chunk numbers in SI: durations in ns become seconds, rates are count / duration.
    var serverTimings: ServerTimings {
        func seconds(_ ns: Double?) -> Double? { ns.map { $0 / 1e9 } }
        func rate(_ count: Double?, _ ns: Double?) -> Double? {
            guard let count, let ns, ns > 0 else { return nil }
            return count / (ns / 1e9)
        }
        return ServerTimings(
            promptTokens: WireNumber.count(prompt_eval_count), promptDuration: seconds(prompt_eval_duration),
            promptRate: rate(prompt_eval_count, prompt_eval_duration), predictedTokens: WireNumber.count(eval_count),
            predictedDuration: seconds(eval_duration), predictedRate: rate(eval_count, eval_duration),
            loadDuration: seconds(load_duration))
    }
}
