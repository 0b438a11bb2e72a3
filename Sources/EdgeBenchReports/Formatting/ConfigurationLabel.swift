import EdgeBenchAnalysis
import Foundation
import EdgeBenchCore

/// What a configuration column of the report is called: device + runtime + where the model ran
/// ("jetson-orin-nano-super · Ollama · GPU"), the methodology's columns. The model is the row, so it is
/// not part of the label; runs and imports of the same board, runtime and placement share a column.
struct ConfigurationLabel: Sendable, Hashable {
    /// catalog id of the device, else "unknown device"
    var device: String
    /// the runtime ("Ollama", "llama.cpp", "StackFlow"); an import's harness label when that is all it has
    var runtime: String
    /// "CPU", "GPU", "NPU", the accelerator's name, "GPU 40 %"; nil when nothing says
    var placement: String?

    var text: String { ([device, runtime] + (placement.map { [$0] } ?? [])).joined(separator: " · ") }

    /// The lines a chart prints under a narrow column: the device, then what differs on it.
    var lines: [String] { [device, ([runtime] + (placement.map { [$0] } ?? [])).joined(separator: " · ")] }

    init(device: String, runtime: String, placement: String?) {
        self.device = device
        self.runtime = runtime
        self.placement = placement
    }

    init(_ result: ConfigurationResult?, analysis: ConfigurationAnalysis) {
        device = analysis.deviceID ?? "unknown device"
        let engine = result?.engine
        placement = engine.flatMap { Self.placement($0, device: result?.device) }
        runtime = Self.runtime(adapter: analysis.engineKind, name: analysis.engineName)
    }

    /// The runtime's own name; a paper import's harness label ("CPU-Ollama", "GPU-Hailo-Ollama", "AX630")
    /// names the placement or the board too, which the label already says.
    static func runtime(adapter: String, name: String) -> String {
        if adapter == "stackflow" { return "StackFlow" }
        for prefix in ["CPU-", "GPU-", "NPU-"] where name.hasPrefix(prefix) && name.count > prefix.count {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// "GPU", "NPU" from a text that names one; Hailo, AX630C and RKNN accelerators are NPUs.
    static func kind(_ text: String) -> String? {
        let lower = text.lowercased()
        if ["npu", "hailo", "ax6", "rknn"].contains(where: lower.contains) { return "NPU" }
        if ["gpu", "cuda", "vulkan", "metal"].contains(where: lower.contains) { return "GPU" }
        return lower.contains("tpu") ? "TPU" : nil
    }

    /// From the engine's offload fraction or text, else the device: an add-on accelerator or an
    /// NPU-only runtime ran the model on the accelerator, a board with none on its CPU; nil when none says.
    static func placement(_ engine: EngineDescription, device: Device?) -> String? {
        let text = engine.offload ?? ""
        let accelerator = device?.accelerator.map { kind($0.name) ?? $0.name }
        let accelerated = kind(text) ?? accelerator ?? "accelerator"
        if let fraction = engine.offloadFraction, fraction.isFinite {
            if fraction <= 0 { return "CPU" }
            return fraction >= 1 ? accelerated : "\(accelerated) \(Int((fraction * 100).rounded())) %"
        }
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        if !lower.isEmpty {
            if lower.hasPrefix("none") || lower.hasPrefix("0 ") || lower.hasPrefix("100% cpu") || lower == "cpu" { return "CPU" }
            if kind(text) != nil { return accelerated }
        }
        if device?.base != nil || ["stackflow", "hailo-ollama"].contains(engine.adapter) { return accelerator }
        if let device, device.accelerator == nil { return "CPU" }
        return nil
    }
}

extension ReportEntry {
    /// Column names for `entries`: their configuration labels, made unique where two entries of one model
    /// would share one (two workloads, two plan engines with other options, a repeated run) by adding what
    /// differs between them.
    static func columnNames(_ entries: [(model: String, label: ConfigurationLabel, workload: String, engine: String, run: String)])
        -> [String]
    {
        var names = entries.map(\.label.text)
        let extras: [(Int) -> String] = [{ entries[$0].workload }, { entries[$0].engine }, { entries[$0].run }]
        for extra in extras {
            var byCell: [String: [Int]] = [:]
            for index in entries.indices { byCell[entries[index].model + "\u{0}" + names[index], default: []].append(index) }
            let clashing = Set(byCell.values.filter { $0.count > 1 }.flatMap { $0 }.map { names[$0] })
            guard !clashing.isEmpty else { break }
            // one extra for a whole column, so the column splits the same way for every model
            for name in clashing {
                let members = entries.indices.filter { names[$0] == name }
                guard Set(members.map(extra)).count > 1 else { continue }
                for index in members where !extra(index).isEmpty { names[index] = name + " · " + extra(index) }
            }
        }
        return names
    }
}
