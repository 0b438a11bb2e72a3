import EdgeBenchAnalysis
import EdgeBenchCore

/// The `device` column of the paper's CSVs: which runtime ran, where the model sat and, when that is not
/// the paper's own board for the label, on which catalog board. One grammar for both directions, so what
/// `PaperCSV` writes `import paper-csv` reads back:
///
///     LABEL[@DEVICE][#WORKLOAD]        read case-insensitively ("GPU-hailo-Ollama" is GPU-Hailo-Ollama)
///
/// LABEL is one of the paper harness's four, or for any other configuration `CPU-KIND` (offload none),
/// `GPU-KIND` (offload all) or `KIND` (placement not known), KIND an engine kind. DEVICE is a catalog id;
/// WORKLOAD is written only when a run has more than one (the harness's files have one). `@unknown` marks a
/// configuration without a board where the label alone would name the paper's.
public struct PaperLabel: Sendable, Equatable {
    public var kind: EngineKind
    /// `.none` or `.all`; nil where the runtime has no such choice or it is not known
    public var offload: Offload?
    /// catalog id written after "@"
    public var device: String?
    /// workload name written after "#"
    public var workload: String?

    /// The harness's labels, the engine each stands for, and the board the paper ran it on (CPU-Ollama ran
    /// on two: the Raspberry Pi 5 and the Jetson).
    public static let paper: [(label: String, kind: EngineKind, offload: Offload?, board: String?)] = [
        ("CPU-Ollama", "ollama", Offload.none, nil),
        ("GPU-Ollama", "ollama", .all, "jetson-orin-nano-super"),
        ("GPU-Hailo-Ollama", "hailo-ollama", nil, "rpi5-8gb-ai-hat-plus-2"),
        ("AX630", "stackflow", nil, "m5stack-module-llm"),
    ]

    public static var paperLabels: [String] { paper.map(\.label) }

    /// written after "@" for a configuration whose board is not known
    public static let unknownDevice = "unknown"

    public init(kind: EngineKind, offload: Offload?, device: String? = nil, workload: String? = nil) {
        self.kind = kind
        self.offload = offload
        self.device = device
        self.workload = workload
    }

    /// nil when `text` is not in the grammar; `kinds` are the engine kinds a generic label may name.
    public init?(_ text: String, kinds: [EngineKind]) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let hash = rest.firstIndex(of: "#") {
            workload = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
            guard workload?.isEmpty == false else { return nil }
        }
        if let at = rest.firstIndex(of: "@") {
            device = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            guard device?.isEmpty == false else { return nil }
        }
        let lower = rest.lowercased()
        if let entry = Self.paper.first(where: { $0.label.lowercased() == lower }) {
            (kind, offload) = (entry.kind, entry.offload)
            return
        }
        func known(_ name: Substring) -> EngineKind? { kinds.first { $0.rawValue.lowercased() == name } }
        if lower.hasPrefix("cpu-"), let kind = known(lower.dropFirst(4)) {
            (self.kind, offload) = (kind, Offload.none)
        } else if lower.hasPrefix("gpu-"), let kind = known(lower.dropFirst(4)) {
            (self.kind, offload) = (kind, .all)
        } else if let kind = known(Substring(lower)) {
            (self.kind, offload) = (kind, nil)
        } else {
            return nil
        }
    }

    /// What a configuration is called: the paper's label where the runtime is one of the paper's.
    public init(_ configuration: ConfigurationResult) {
        kind = EngineKind(configuration.engine.adapter)
        switch Self.paper.first(where: { $0.kind == kind && $0.offload == nil }) {
        case .some: offload = nil  // hailo-ollama and StackFlow have no placement to choose
        case nil:
            switch Placement(configuration) {
            case .cpu: offload = Offload.none
            case .accelerated: offload = .all
            case .unknown: offload = nil
            }
        }
    }

    /// The label alone: the paper's spelling where it is one of the paper's.
    public var base: String {
        if let entry = Self.paper.first(where: { $0.kind == kind && $0.offload == offload }) { return entry.label }
        switch offload {
        case Offload.none?: return "CPU-\(kind.rawValue)"
        case nil: return kind.rawValue
        default: return "GPU-\(kind.rawValue)"
        }
    }

    public var text: String { base + (device.map { "@" + $0 } ?? "") + (workload.map { "#" + $0 } ?? "") }

    /// The board the paper ran this label on, if there was only one.
    public var paperBoard: String? { Self.paper.first { $0.kind == kind && $0.offload == offload }?.board }

    /// The labels of a run's configurations, in order: the device is written unless it is the paper's board
    /// for the label, the workload when the run has several, so no two rows of one model share a label.
    public static func labels(_ configurations: [ConfigurationResult]) -> [String] {
        let workloads = Set(configurations.map(workload))
        return configurations.map { configuration in
            var label = PaperLabel(configuration)
            if let device = configuration.device?.id {
                if device != label.paperBoard { label.device = device }
            } else if label.paperBoard != nil {
                label.device = unknownDevice  // else the import would take it for the paper's board
            }
            if workloads.count > 1 { label.workload = workload(configuration) }
            return label.text
        }
    }

    /// The workload a configuration measured: the last of "engine/model/workload", else the workload's name.
    public static func workload(_ configuration: ConfigurationResult) -> String {
        let parts = configuration.id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[2]) : configuration.workload.name
    }

    /// The model a configuration measured: the plan's name (the middle of "engine/model/workload", the
    /// second of an import's "label/model"), which is one name for every runtime, else the engine's.
    public static func model(_ configuration: ConfigurationResult) -> String {
        let parts = configuration.id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 || parts.count == 3 ? String(parts[1]) : configuration.model.name
    }
}
