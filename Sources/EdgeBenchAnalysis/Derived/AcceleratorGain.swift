import Foundation
import EdgeBenchCore

/// `accelerator_gain` of one pair: the same board, model and workload run once on the CPU and once on an
/// accelerator (METRICS.md: `energy_per_token(CPU config) / energy_per_token(accelerated config)`).
public struct AcceleratorGain: Sendable, Equatable {
    /// catalog id of the board both ran on (the add-on's base board for a HAT)
    public var board: String
    /// the model both served
    public var model: String
    public var workload: String
    /// configuration id of the CPU run
    public var cpuConfiguration: String
    /// configuration id of the accelerated run
    public var acceleratedConfiguration: String
    /// × (dimensionless), or why there is none
    public var gain: DerivedValue

    public init(
        board: String, model: String, workload: String, cpuConfiguration: String, acceleratedConfiguration: String,
        gain: DerivedValue
    ) {
        self.board = board
        self.model = model
        self.workload = workload
        self.cpuConfiguration = cpuConfiguration
        self.acceleratedConfiguration = acceleratedConfiguration
        self.gain = gain
    }

    /// Every CPU/accelerated pair among `configurations`: an accelerated configuration pairs with a CPU one
    /// of the same model and workload on the same device (a different offload, e.g. Jetson CPU vs GPU) or on
    /// the board its add-on sits on (`Device.base`, e.g. Pi 5 vs Pi 5 + AI HAT+ 2). Configurations without a
    /// device, or whose placement cannot be told, pair with nothing.
    public static func pairs(_ configurations: [ConfigurationResult]) -> [AcceleratorGain] {
        var result: [AcceleratorGain] = []
        for accelerated in configurations where Placement(accelerated) == .accelerated {
            guard let device = accelerated.device else { continue }
            let boards = [device.id] + (device.base.map { [$0] } ?? [])
            for cpu in configurations where Placement(cpu) == .cpu {
                guard let cpuDevice = cpu.device, boards.contains(cpuDevice.id),
                    ModelIdentity(cpu) == ModelIdentity(accelerated)
                else { continue }
                result.append(
                    AcceleratorGain(
                        board: cpuDevice.id, model: ModelIdentity(cpu).model, workload: cpu.workload.name,
                        cpuConfiguration: cpu.id, acceleratedConfiguration: accelerated.id,
                        gain: gain(cpu: cpu, accelerated: accelerated)))
            }
        }
        return result
    }

    static func gain(cpu: ConfigurationResult, accelerated: ConfigurationResult) -> DerivedValue {
        guard let slow = MeasuredInputs(cpu).energyPerToken.number else {
            return .notAvailable("no energy measured for CPU configuration \(cpu.id)")
        }
        guard let fast = MeasuredInputs(accelerated).energyPerToken.number else {
            return .notAvailable("no energy measured for accelerated configuration \(accelerated.id)")
        }
        return .finite(slow / fast, "accelerator_gain")
    }
}

/// Where a configuration's model ran, as far as the engine and the catalog tell.
public enum Placement: Equatable, Sendable {
    case cpu, accelerated, unknown

    public init(_ configuration: ConfigurationResult) {
        if let fraction = configuration.engine.offloadFraction {
            self = fraction > 0 ? .accelerated : .cpu
        } else if let text = configuration.engine.offload {
            self = Self.describesCPU(text) ? .cpu : .accelerated
        } else if configuration.device?.base != nil {
            // an add-on accelerator's entry: the engine that speaks to it runs the model there
            self = .accelerated
        } else if let device = configuration.device, device.accelerator == nil {
            // a board with nothing but its CPU can only have run on the CPU
            self = .cpu
        } else {
            self = .unknown
        }
    }

    /// "0 layers (CPU)", "0/33", "none", Ollama's "100% CPU (0.00 GB of 0.99 GB in GPU memory)" — what
    /// engines write when nothing was offloaded.
    static func describesCPU(_ offload: String) -> Bool {
        let text = offload.trimmingCharacters(in: .whitespaces).lowercased()
        if ["none", "cpu", "no", "off", "false"].contains(text) || text.hasPrefix("100% cpu") { return true }
        let accelerators = ["gpu", "npu", "tpu", "cuda", "vulkan", "metal", "hailo", "rknpu"]
        if text.contains("cpu") && !accelerators.contains(where: text.contains) { return true }
        guard text.hasPrefix("0") else { return false }
        let rest = text.dropFirst()
        return rest.first.map { !$0.isNumber && $0 != "." } ?? true
    }
}

/// Which model and workload a configuration measured. The plan's model name (the middle part of
/// "engine/model/workload", the second of an import's "label/model") wins over the engine's own name,
/// which differs between runtimes ("llama3.2:1b" on Ollama, a file name on llama.cpp) for the same weights.
struct ModelIdentity: Equatable {
    var model: String
    var workload: String

    init(_ configuration: ConfigurationResult) {
        let parts = configuration.id.split(separator: "/", omittingEmptySubsequences: false)
        model = parts.count == 2 || parts.count == 3 ? String(parts[1]) : configuration.model.name
        workload = configuration.workload.name
    }
}
