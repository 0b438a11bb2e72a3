import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchReports

/// How an import reads the harness's `device` column: a `--label` mapping first, else `PaperLabel`'s
/// grammar (the harness's four labels in any casing — it writes `GPU-hailo-Ollama` in its details — and
/// what EdgeBench's own export writes).
struct PaperDeviceLabels {
    /// lowercased label as written → the configuration it stands for
    var mapped: [String: PaperLabel] = [:]
    var kinds: [EngineKind] = EngineRegistry.catalog.kinds

    static let example = "--label Pi-CPU=CPU-Ollama@rpi5-8gb"

    init() {}

    /// `mappings`: label as written → configuration text in `PaperLabel`'s grammar.
    init(mappings: [String: String]) throws {
        for (label, configuration) in mappings.sorted(by: { $0.key < $1.key }) {
            guard let parsed = PaperLabel(configuration, kinds: kinds) else {
                throw ImportError(
                    "--label \(label)=\(configuration): '\(configuration)' is not a configuration; write one of "
                        + "\(PaperLabel.paperLabels.joined(separator: ", ")), or CPU-KIND / GPU-KIND / KIND with KIND one of "
                        + "\(kinds.map(\.rawValue).joined(separator: ", ")), optionally @CATALOG_ID, e.g. \(Self.example)")
            }
            mapped[label.trimmingCharacters(in: .whitespaces).lowercased()] = parsed
        }
    }

    func read(_ text: String) -> PaperLabel? {
        mapped[text.trimmingCharacters(in: .whitespaces).lowercased()] ?? PaperLabel(text, kinds: kinds)
    }

    /// What to say of a label that is neither mapped nor in the grammar, `place` being "file:line".
    func unknown(_ text: String, at place: String?) -> String {
        (place.map { "\($0): " } ?? "")
            + "unknown device label '\(text)'; the harness writes \(PaperLabel.paperLabels.joined(separator: ", ")) "
            + "(any casing); map any other label to a configuration with --label LABEL=CONFIGURATION, e.g. \(Self.example)"
    }

    /// The harness labels the details file for its GPU-Ollama runs `GPU-hailo-Ollama` (its GPU branch logs
    /// the details under the Hailo label), so such rows belong to GPU-Ollama where the results have no
    /// GPU-Hailo-Ollama row for the model.
    static func isHarnessDetailsGPULabel(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces) == "GPU-hailo-Ollama"
    }
}
