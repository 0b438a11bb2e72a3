import EdgeBenchCore
import Foundation

/// Maps what a machine says about itself (`BoardIdentity`) to a catalog entry. Pure: the reading is
/// EdgeBenchTelemetry's `BoardIdentity.read`. The device-tree model names the board; MemTotal picks the
/// RAM variant; the Hailo architecture picks the HAT; L4T and cpuinfo speak only where the model is absent.
public struct DeviceMatcher: Sendable {
    public var catalog: DeviceCatalog

    public init(catalog: DeviceCatalog) {
        self.catalog = catalog
    }

    public func match(_ identity: BoardIdentity) -> DeviceMatch {
        if let model = identity.deviceTreeModel ?? identity.cpu?.model {
            let source = identity.deviceTreeModel != nil ? "device-tree model" : "cpuinfo Model"
            return match(model: model, described: "\(source) '\(model)'", identity)
        }
        if let release = identity.tegraRelease {
            return matchTegra(release, identity)
        }
        if identity.accelerators.rknpu == true {
            return resolve(
                nil, confidence: .none, candidates: ["orangepi-5", "orangepi-5-plus", "radxa-rock-5b"],
                reason: "/sys/kernel/debug/rknpu (a Rockchip NPU) but no device-tree model to tell the board")
        }
        if let cpu = identity.cpu, cpu.isX86 {
            return matchX86(cpu, identity)
        }
        if let dmi = identity.dmi {
            guard identity.cpu == nil else {
                return DeviceMatch(
                    id: nil, confidence: .none,
                    reason: "DMI '\(Self.describe(dmi))' on a CPU that is not x86 and has no device-tree model: not in the catalog")
            }
            return resolve(
                "generic-x86", confidence: .low,
                reason: "no device tree; DMI '\(Self.describe(dmi))' → generic-x86 (no cpuinfo to confirm the architecture)")
        }
        return DeviceMatch(
            id: nil, confidence: .none,
            reason: "nothing identifies this machine: no device-tree model, no /etc/nv_tegra_release, no DMI, no x86 cpuinfo")
    }

    // MARK: - by model string

    /// Board families by the start of the model string. Longer, more specific names come first so that
    /// "Orange Pi 5 Plus" never reads as "Orange Pi 5".
    enum Family {
        case raspberryPi5, orinNano, orinNX, agxOrin, orangePi5, orangePi5Plus, rock5B, moduleLLM
        case notInCatalog(String)
    }

    static let prefixes: [(prefix: String, family: Family)] = [
        ("Raspberry Pi 5", .raspberryPi5),
        ("Raspberry Pi", .notInCatalog("a Raspberry Pi other than the Pi 5")),
        ("Orange Pi 5 Plus", .orangePi5Plus),
        ("Orange Pi 5 Pro", .notInCatalog("the Orange Pi 5 Pro")),
        ("Orange Pi 5 Max", .notInCatalog("the Orange Pi 5 Max")),
        ("Orange Pi 5 Ultra", .notInCatalog("the Orange Pi 5 Ultra")),
        ("Orange Pi 5B", .notInCatalog("the Orange Pi 5B")),
        ("Orange Pi 5", .orangePi5),
        ("Radxa ROCK 5B+", .notInCatalog("the ROCK 5B+")),
        ("Radxa ROCK 5B Plus", .notInCatalog("the ROCK 5B+")),
        ("Radxa ROCK 5B", .rock5B),
        ("Radxa ROCK 5 Model B", .rock5B),
        ("Radxa ROCK 5 B", .rock5B),
    ]

    func family(of model: String) -> (family: Family, trailing: String)? {
        let lower = model.lowercased()
        for (prefix, family) in Self.prefixes {
            guard lower.hasPrefix(prefix.lowercased()) else { continue }
            let rest = String(model.dropFirst(prefix.count))
            // "Raspberry Pi 500" is not a "Raspberry Pi 5"
            if let next = rest.first, next.isNumber { continue }
            return (family, rest)
        }
        // Jetson model strings vary ("… Developer Kit", "… Engineering Reference Developer Kit Super")
        if lower.contains("jetson") {
            if lower.contains("orin nano") { return (.orinNano, "") }
            if lower.contains("orin nx") { return (.orinNX, "") }
            if lower.contains("agx orin") { return (.agxOrin, "") }
            if lower.contains("thor") { return (.notInCatalog("Jetson Thor"), "") }
            if lower.contains("xavier") { return (.notInCatalog("Jetson Xavier"), "") }
            if lower.contains("tx2") { return (.notInCatalog("Jetson TX2"), "") }
            if lower.contains("nano") { return (.notInCatalog("the original Jetson Nano (Maxwell)"), "") }
            return (.notInCatalog("this Jetson"), "")
        }
        if lower.contains("ax630c") || lower.contains("m5stack") || lower.contains("module llm") || lower.contains("module-llm") {
            return (.moduleLLM, "")
        }
        return nil
    }

    func match(model: String, described: String, _ identity: BoardIdentity) -> DeviceMatch {
        guard let (family, trailing) = family(of: model) else {
            return DeviceMatch(
                id: nil, confidence: .none, reason: "\(described) is not a board the catalog knows; add it to devices.yaml or name one in the plan")
        }
        // text glued to the name (a shell prompt pasted with it, "Rev 1.1k") is ignored but lowers confidence
        let damaged = !(trailing.isEmpty || trailing.first == " " || trailing.first == "\0")
        let note = damaged ? " (ignoring '\(trailing)' after the board name)" : ""
        let sure: DeviceMatch.Confidence = damaged ? .medium : .high
        switch family {
        case .notInCatalog(let what):
            return DeviceMatch(id: nil, confidence: .none, reason: "\(described) is \(what), which is not in the catalog")
        case .raspberryPi5:
            return matchPi5(described + note, identity, sure: sure)
        case .orinNano:
            return byRAM(
                described, identity, sure: sure,
                variants: [(8, "jetson-orin-nano-super")], coreVariants: [:],
                extra: identity.powerMode.map { " (nvpmodel \($0.name))" } ?? "")
        case .orinNX:
            return byRAM(
                described, identity, sure: sure, variants: [(8, "jetson-orin-nx-8gb"), (16, "jetson-orin-nx-16gb")],
                coreVariants: [6: "jetson-orin-nx-8gb", 8: "jetson-orin-nx-16gb"], extra: "")
        case .agxOrin:
            return byRAM(
                described, identity, sure: sure, variants: [(32, "jetson-agx-orin-32gb"), (64, "jetson-agx-orin-64gb")],
                coreVariants: [8: "jetson-agx-orin-32gb", 12: "jetson-agx-orin-64gb"], extra: "")
        case .orangePi5:
            return resolve("orangepi-5", confidence: sure, reason: "\(described)\(note)\(npuNote(identity)) → orangepi-5")
        case .orangePi5Plus:
            return resolve("orangepi-5-plus", confidence: sure, reason: "\(described)\(note)\(npuNote(identity)) → orangepi-5-plus")
        case .rock5B:
            return resolve("radxa-rock-5b", confidence: sure, reason: "\(described)\(note)\(npuNote(identity)) → radxa-rock-5b")
        case .moduleLLM:
            return resolve(
                "m5stack-module-llm", confidence: .medium,
                reason: "\(described) names the AX630C → m5stack-module-llm (the Module LLM's exact model string is not verified)")
        }
    }

    func npuNote(_ identity: BoardIdentity) -> String {
        identity.accelerators.rknpu == true ? " + /sys/kernel/debug/rknpu" : ""
    }

    // MARK: - Raspberry Pi 5 and its HATs

    static let piVariants: [(gigabytes: Int, id: String)] = [(4, "rpi5-4gb"), (8, "rpi5-8gb"), (16, "rpi5-16gb")]
    static let hats: [String: (id: String, name: String)] = [
        "HAILO10H": ("rpi5-8gb-ai-hat-plus-2", "Hailo-10H"),
        "HAILO8L": ("rpi5-8gb-ai-hat-plus-hailo8l", "Hailo-8L"),
        "HAILO8": ("rpi5-8gb-ai-hat-plus-hailo8", "Hailo-8"),
    ]

    func matchPi5(_ described: String, _ identity: BoardIdentity, sure: DeviceMatch.Confidence) -> DeviceMatch {
        let ram = identity.memTotal.flatMap { Self.nominalGigabytes($0, among: Self.piVariants.map(\.gigabytes)) }
        let accelerators = identity.accelerators
        guard accelerators.hasHailo else {
            guard let memTotal = identity.memTotal else {
                return resolve(
                    nil, confidence: .none, candidates: Self.piVariants.map(\.id),
                    reason: "\(described) → a Raspberry Pi 5, but no /proc/meminfo to tell 4, 8 or 16 GB")
            }
            guard let ram, let id = Self.piVariants.first(where: { $0.gigabytes == ram })?.id else {
                return DeviceMatch(
                    id: nil, confidence: .none,
                    reason: "\(described) with MemTotal \(Self.gibibytes(memTotal)) → a Pi 5 RAM variant the catalog lacks (it has 4, 8 and 16 GB)")
            }
            return resolve(id, confidence: sure, reason: "\(described) → \(id) (RAM size picks \(ram) GB: MemTotal \(Self.gibibytes(memTotal)))")
        }
        let hailo = accelerators.hailoDevice ? "/dev/hailo0" : "hailortcli"
        guard let architecture = accelerators.hailoArchitecture, let hat = Self.hats[architecture.uppercased()] else {
            let why = accelerators.hailoArchitecture.map { "unknown Hailo architecture '\($0)'" }
                ?? (accelerators.hailortcli == nil
                    ? "no hailortcli on PATH to tell the Hailo-10H (AI HAT+ 2) from the Hailo-8L/8 (AI HAT+)"
                    : "hailortcli did not report the device architecture")
            return resolve(
                nil, confidence: .none, candidates: Self.hats.values.map(\.id).sorted(),
                reason: "\(described) + \(hailo) → a Pi 5 with a Hailo HAT, but \(why)")
        }
        let what = "\(described) + \(hailo) (\(hat.name))"
        guard let memTotal = identity.memTotal else {
            return resolve(
                hat.id, confidence: .medium,
                reason: "\(what) → \(hat.id) (no /proc/meminfo: the catalog's HAT entries are on the 8 GB Pi 5)")
        }
        guard ram == 8 else {
            return resolve(
                nil, confidence: .none, candidates: [hat.id],
                reason: "\(what) with MemTotal \(Self.gibibytes(memTotal)): the catalog has this HAT only on the 8 GB Pi 5; add an entry or override memory in the plan")
        }
        return resolve(hat.id, confidence: sure, reason: "\(what) → \(hat.id) (RAM size picks 8 GB: MemTotal \(Self.gibibytes(memTotal)))")
    }

    // MARK: - Jetson

    func byRAM(
        _ described: String, _ identity: BoardIdentity, sure: DeviceMatch.Confidence, variants: [(Int, String)],
        coreVariants: [Int: String], extra: String
    ) -> DeviceMatch {
        let what = described + (identity.tegraRelease.map { " + L4T \($0.version)" } ?? "") + extra
        if let memTotal = identity.memTotal {
            if let ram = Self.nominalGigabytes(memTotal, among: variants.map(\.0)),
                let id = variants.first(where: { $0.0 == ram })?.1
            {
                return resolve(id, confidence: sure, reason: "\(what) → \(id) (RAM size picks \(ram) GB: MemTotal \(Self.gibibytes(memTotal)))")
            }
            return DeviceMatch(
                id: nil, confidence: .none, candidates: variants.map(\.1),
                reason: "\(what) with MemTotal \(Self.gibibytes(memTotal)): a RAM variant the catalog lacks (it has \(variants.map { "\($0.0) GB" }.joined(separator: ", ")))")
        }
        if variants.count == 1, let only = variants.first {
            return resolve(only.1, confidence: .medium, reason: "\(what) → \(only.1) (no /proc/meminfo; the catalog has only the \(only.0) GB module)")
        }
        // cpuinfo lists online CPUs only: a low nvpmodel mode takes cores offline, hence medium at best
        if let cores = identity.cpu?.cores, let id = coreVariants[cores] {
            return resolve(id, confidence: .medium, reason: "\(what) → \(id) (no /proc/meminfo; \(cores) online CPU cores pick it)")
        }
        return resolve(
            nil, confidence: .none, candidates: variants.map(\.1),
            reason: "\(what): no /proc/meminfo (or core count) to tell \(variants.map { "\($0.0) GB" }.joined(separator: " from "))")
    }

    static let orinIDs = [
        "jetson-orin-nano-super", "jetson-orin-nx-8gb", "jetson-orin-nx-16gb", "jetson-agx-orin-32gb", "jetson-agx-orin-64gb",
    ]

    func matchTegra(_ release: BoardIdentity.TegraRelease, _ identity: BoardIdentity) -> DeviceMatch {
        let described = "/etc/nv_tegra_release \(release.version)" + (release.board.map { " BOARD \($0)" } ?? "")
        switch release.release {
        case 36...:
            return resolve(
                nil, confidence: .none, candidates: Self.orinIDs,
                reason: "\(described): JetPack 6 runs on every Orin module; no device-tree model to tell which")
        case 34, 35:
            return resolve(
                nil, confidence: .none, candidates: Self.orinIDs,
                reason: "\(described): JetPack 5 runs on Orin and Xavier modules; no device-tree model to tell which")
        default:
            let board = release.board == "t210ref" ? "a Jetson Nano or TX1 (t210ref)"
                : release.board == "t186ref" ? "a Jetson TX2 or Xavier (t186ref)" : "a pre-Orin Jetson"
            return DeviceMatch(
                id: nil, confidence: .none,
                reason: "\(described): L4T R\(release.release) (JetPack 4 or older) means \(board), which is not in the catalog")
        }
    }

    // MARK: - x86

    func matchX86(_ cpu: BoardIdentity.CPUInfo, _ identity: BoardIdentity) -> DeviceMatch {
        var parts: [String] = []
        if let name = cpu.modelName { parts.append("CPU '\(name)'") }
        parts.append("\(cpu.cores) logical CPUs")
        if let dmi = identity.dmi { parts.append("DMI '\(Self.describe(dmi))'") }
        var notes = ["no device tree"]
        if cpu.hypervisor || Self.looksVirtual(identity.dmi) { notes.append("a virtual machine") }
        if identity.accelerators.nvidiaSMI != nil { notes.append("nvidia-smi on PATH: the catalog has no discrete-GPU entry") }
        return resolve(
            "generic-x86", confidence: .low,
            reason: "x86 \(parts.joined(separator: ", ")); \(notes.joined(separator: "; ")) → generic-x86 (size, mass, price and power unknown: set them in the plan)")
    }

    static func looksVirtual(_ dmi: BoardIdentity.DMI?) -> Bool {
        guard let dmi else { return false }
        let text = [dmi.sysVendor, dmi.productName, dmi.boardName].compactMap { $0 }.joined(separator: " ").lowercased()
        return ["qemu", "kvm", "vmware", "virtualbox", "bochs", "xen", "amazon ec2", "google compute engine", "microsoft corporation virtual"]
            .contains { text.contains($0) }
    }

    static func describe(_ dmi: BoardIdentity.DMI) -> String {
        [dmi.sysVendor, dmi.productName, dmi.boardName].compactMap { $0 }.joined(separator: " / ")
    }

    // MARK: - helpers

    /// The nominal size (GB as sold, i.e. GiB) that MemTotal belongs to: the smallest size it fits in,
    /// provided the kernel sees at least 3/4 of it (firmware and carve-outs take the rest).
    static func nominalGigabytes(_ memTotal: Double, among sizes: [Int]) -> Int? {
        let gib = memTotal / 1_073_741_824
        guard let size = sizes.sorted().first(where: { gib <= Double($0) }) else { return nil }
        return gib >= 0.75 * Double(size) ? size : nil
    }

    static func gibibytes(_ bytes: Double) -> String {
        String(format: "%.2f GiB", bytes / 1_073_741_824)
    }

    /// Keeps only ids the catalog has, so a custom catalog never gets an id it lacks.
    func resolve(_ id: String?, confidence: DeviceMatch.Confidence, candidates: [String] = [], reason: String) -> DeviceMatch {
        let known = candidates.filter { catalog.device(id: $0) != nil }
        guard let id else { return DeviceMatch(id: nil, confidence: .none, candidates: known, reason: reason) }
        guard catalog.device(id: id) != nil else {
            return DeviceMatch(id: nil, confidence: .none, candidates: known, reason: reason + "; but this catalog has no '\(id)'")
        }
        return DeviceMatch(id: id, confidence: confidence, candidates: known, reason: reason)
    }
}
