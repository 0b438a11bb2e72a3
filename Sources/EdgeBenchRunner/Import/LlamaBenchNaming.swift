import EdgeBenchCore
import EdgeBenchEngines
import Foundation

/// Readable, stable names for what llama-bench measured: the same output always gets the same
/// configuration id, e.g. `llama-bench-b11434-cpu-t2/smollm2-135m-instruct-q4_1/pp64+tg32`.
enum LlamaBenchNaming {
    /// `llama-bench-b<build>-<backend>[-t<threads>][-ngl<n>][-fa<n>][-dev<devices>]`: the settings
    /// people compare llama-bench runs by. A CPU-only backend leaves out `-ngl`, which does nothing there.
    static func engineName(_ test: LlamaBenchTest) -> String {
        var parts = ["llama-bench", build(test)]
        if let backends = test.backends { parts.append(slug(backends.replacingOccurrences(of: ",", with: "+"))) }
        if let threads = test.threads { parts.append("t\(threads)") }
        if let layers = test.gpuLayers, !isCPUOnly(test) { parts.append(layers == -1 ? "nglauto" : "ngl\(layers)") }
        if let fa = test.flashAttention, fa != -1 { parts.append("fa\(fa)") }
        if let devices = test.devices, devices != "auto" { parts.append("dev" + slug(devices)) }
        return parts.joined(separator: "-")
    }

    /// "b11434", or the commit when the output has no build number.
    static func build(_ test: LlamaBenchTest) -> String {
        if let number = test.buildNumber { return "b\(number)" }
        return test.buildCommit.map(slug) ?? "bunknown"
    }

    /// The model file's name without `.gguf`, lower-cased: `SmolLM2-135M-Instruct.Q4_1.gguf` →
    /// `smollm2-135m-instruct-q4_1`. Without a file name, llama.cpp's description of the model.
    static func modelName(_ test: LlamaBenchTest) -> String {
        if let file = test.modelFile, let base = fileName(file) {
            var stem = base
            if stem.lowercased().hasSuffix(".gguf") { stem = String(stem.dropLast(5)) }
            if !stem.isEmpty { return slug(stem) }
        }
        if let type = test.modelType {
            let words = normalisedType(type).split(separator: " ").filter { $0.lowercased() != "mostly" }
            return slug(words.joined(separator: "-"))
        }
        return "unknown-model"
    }

    /// `pp64+tg32`, `pp512`, `tg128`, `pg512+128` (a `-pg` test), with `@d<depth>` for a test at depth.
    static func workloadName(prompt: LlamaBenchTest?, generation: LlamaBenchTest?, combined: LlamaBenchTest?) -> String {
        var name: String
        var depth = 0
        if let combined {
            name = "pg\(combined.promptTokens)+\(combined.generatedTokens)"
            depth = combined.depth
        } else {
            name = [prompt.map { "pp\($0.promptTokens)" }, generation.map { "tg\($0.generatedTokens)" }]
                .compactMap { $0 }.joined(separator: "+")
            depth = (prompt ?? generation)?.depth ?? 0
        }
        return depth > 0 ? "\(name)@d\(depth)" : name
    }

    /// "Q4_K - Medium" (llama.cpp's type names) → "Q4_K_M", as in file names; else guessed from the file name.
    static func quantisation(_ test: LlamaBenchTest) -> String? {
        if let type = test.modelType, let guess = Quantisation.guess(fromFileName: normalisedType(type)) { return guess }
        return test.modelFile.flatMap(fileName).flatMap(Quantisation.guess(fromFileName:))
    }

    /// How much of the model ran on an accelerator, with the GPU's name where the output gave it
    /// (the run's environment has no GPU field, so this is where it is kept).
    static func offload(_ test: LlamaBenchTest) -> String? {
        if isCPUOnly(test) { return "none (CPU)" }
        guard let layers = test.gpuLayers else { return nil }
        var text = layers == -1 ? "ngl -1 (auto)" : "ngl \(layers)"
        if test.devices?.lowercased() == "none" {
            text += ", -dev none (no device: CPU)"
        } else if let gpu = test.gpuInfo {
            text += " on \(gpu)"
        }
        return text
    }

    static func isCPUOnly(_ test: LlamaBenchTest) -> Bool {
        guard let backends = test.backends else { return false }
        return backends.split(separator: ",").allSatisfy {
            ["CPU", "BLAS"].contains($0.trimmingCharacters(in: .whitespaces).uppercased())
        }
    }

    /// "qwen2 3B Q4_K - Medium" → "qwen2 3B Q4_K_M"; "… IQ2_XXS - 2.0625 bpw" → "… IQ2_XXS".
    static func normalisedType(_ type: String) -> String {
        var text = type
        for (long, short) in [(" - Medium", "_M"), (" - Small", "_S"), (" - Large", "_L")] {
            text = text.replacingOccurrences(of: long, with: short)
        }
        if let bpw = text.range(of: #" - [0-9.]+ bpw"#, options: .regularExpression) { text.removeSubrange(bpw) }
        return text
    }

    /// Lower case, runs of anything but letters, digits, `_` and `.` become one `-`, and a `.` stays
    /// only between digits ("qwen2.5" keeps its version, "Instruct.Q4_1" becomes "instruct-q4_1").
    static func slug(_ text: String) -> String {
        let characters = Array(text.lowercased())
        var out = ""
        for (index, character) in characters.enumerated() {
            let keep: Bool
            if character == "." {
                let before = index > 0 && characters[index - 1].isNumber
                let after = index + 1 < characters.count && characters[index + 1].isNumber
                keep = before && after
            } else {
                keep = character.isLetter || character.isNumber || character == "_"
            }
            if keep {
                out.append(character)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "unnamed" : out
    }

    /// The last path component, for Windows paths as well (`C:/models/x.gguf`, `C:\models\x.gguf`).
    static func fileName(_ path: String) -> String? {
        path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
    }
}
