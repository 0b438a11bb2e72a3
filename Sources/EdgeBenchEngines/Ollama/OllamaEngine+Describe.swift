import EdgeBenchCore
import Foundation

extension OllamaEngine {
    /// Runtime version (`/api/version`), the model's details (`/api/show`: quantisation, parameter
    /// count), its digest and size (`/api/tags`) and, for Ollama, the offload achieved (`/api/ps`).
    public func describe() async throws -> EngineDescription {
        if dialect == .hailo { try await checkHailoModelList() }
        // Optional everywhere: a server that lacks one of these still runs; only its provenance is thinner.
        let version = try? await transport.fetchJSON(OllamaWire.Version.self, "/api/version").version
        let show = try await fetchShow()
        let installed = (try? await transport.fetchJSON(OllamaWire.ModelList.self, "/api/tags"))?.models?
            .first { $0.matches(model) }
        let resident = dialect == .ollama ? try? await residentEntry() : nil

        var description = EngineDescription(
            adapter: dialect == .ollama ? "ollama" : "hailo-ollama", name: dialect.engineName, version: version,
            url: transport.baseURL, threads: threads, contextSize: resident?.context_length ?? contextSize,
            model: ModelInfo(
                name: model, sizeBytes: installed?.size ?? resident?.size, digest: installed?.digest ?? resident?.digest,
                quantisation: show.details?.quantization_level,
                parameters: show.model_info?.parameterCount ?? show.details?.parameter_size.flatMap(Self.parameterCount)))
        switch dialect {
        case .hailo:
            description.offload = "Hailo-10H NPU (hailo-ollama runs the whole model there)"
        case .ollama:
            if let resident, let size = resident.size, size > 0 {
                let fraction = min(1, max(0, Double(resident.size_vram ?? 0) / Double(size)))
                description.offloadFraction = fraction
                description.offload = Self.offloadText(fraction: fraction, vram: resident.size_vram ?? 0, size: size)
            } else {
                description.offload = offload.map { "num_gpu \($0.layerCount) requested; /api/ps did not list the model" }
            }
        }
        return description
    }

    /// `/api/ps`'s entry for the model, nil when it is not resident.
    func residentEntry() async throws -> OllamaWire.ModelList.Entry? {
        try await transport.fetchJSON(OllamaWire.ModelList.self, "/api/ps").models?.first { $0.matches(model) }
    }

    private func fetchShow() async throws -> OllamaWire.Show {
        do {
            return try await transport.fetchJSON(
                OllamaWire.Show.self, "/api/show", method: .post, json: JSONBody.encode(OllamaWire.ShowRequest(model: model)),
                model: model)
        } catch EngineError.modelNotFound(let url, let model, let body) {
            throw EngineError.modelUnavailable(url: url, engine: dialect.engineName, model: model, detail: body, fix: pullHint)
        }
    }

    /// hailo-ollama's health check doubles as its model list.
    private func checkHailoModelList() async throws {
        let list = try await transport.fetchJSON(OllamaWire.HailoList.self, "/hailo/v1/list")
        let models = list.models ?? []
        if !models.isEmpty, !models.contains(where: { OllamaWire.canonical($0) == OllamaWire.canonical(model) }) {
            throw EngineError.modelUnavailable(
                url: transport.url("/hailo/v1/list"), engine: dialect.engineName, model: model,
                detail: "it serves: " + models.joined(separator: ", "), fix: "use one of those names as the model")
        }
    }

    var pullHint: String {
        dialect == .ollama
            ? "pull it on that machine with `ollama pull \(model)`, or pick one of `ollama list`"
            : "pull it with `curl \(transport.baseURL)/api/pull -d '{\"model\":\"\(model)\"}'`; GET /hailo/v1/list shows what it can serve"
    }

    /// `ollama ps`'s PROCESSOR column, with the bytes behind it.
    static func offloadText(fraction: Double, vram: Int64, size: Int64) -> String {
        let gb = { (bytes: Int64) in String(format: "%.2f GB", Double(bytes) / 1e9) }
        let gpu = Int((fraction * 100).rounded())
        let share: String
        switch gpu {
        case 100: share = "100% GPU"
        case 0: share = "100% CPU"
        default: share = "\(gpu)% GPU / \(100 - gpu)% CPU"
        }
        return "\(share) (\(gb(vram)) of \(gb(size)) in GPU memory)"
    }

    /// "1.5B" → 1 500 000 000, "494.03M" → 494 030 000 (Ollama's `parameter_size`).
    static func parameterCount(_ text: String) -> Int64? {
        guard let unit = text.last, let value = Double(text.dropLast()) else { return nil }
        let scale: Double
        switch unit {
        case "B", "b": scale = 1e9
        case "M", "m": scale = 1e6
        case "K", "k": scale = 1e3
        default: return nil
        }
        return Int64((value * scale).rounded())
    }
}
