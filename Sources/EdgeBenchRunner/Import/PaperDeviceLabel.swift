import EdgeBenchCore
import EdgeBenchEngines

/// The paper harness's `device` column: which runtime ran, and where the model sat.
/// (`CPU-Ollama` and `GPU-Ollama` are one Ollama with offload none or all; `GPU-Hailo-Ollama` is
/// hailo-ollama on the AI HAT+ 2; `AX630` is StackFlow on the M5Stack Module LLM.)
struct PaperDeviceLabel {
    var label: String
    var kind: EngineSpec.Kind
    var offload: Offload?

    static let known = ["CPU-Ollama", "GPU-Ollama", "GPU-Hailo-Ollama", "AX630"]

    init?(_ label: String) {
        self.label = label
        switch label {
        case "CPU-Ollama": (kind, offload) = (.ollama, Offload.none)
        case "GPU-Ollama": (kind, offload) = (.ollama, .all)
        case "GPU-Hailo-Ollama": (kind, offload) = (.hailoOllama, nil)
        case "AX630": (kind, offload) = (.stackflow, nil)
        default: return nil
        }
    }

    /// How the engine description says where the model ran.
    var offloadText: String? {
        switch offload {
        case Offload.none?: "none (CPU)"
        case Offload.all?: "all (GPU)"
        default: nil
        }
    }
}
