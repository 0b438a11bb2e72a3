/// What a machine says about itself: device tree, L4T release, nvpmodel, DMI, cpuinfo, meminfo and the
/// accelerators present. Read by EdgeBenchTelemetry (`BoardIdentity.read`), matched to a catalog entry by
/// EdgeBenchAnalysis (`DeviceMatcher`). Every string is cleaned (see `cleaned(_:)`); absent means nil.
public struct BoardIdentity: Sendable, Equatable, Codable {
    /// `/proc/device-tree/model`, e.g. "Raspberry Pi 5 Model B Rev 1.0"
    public var deviceTreeModel: String?
    /// `/proc/device-tree/compatible` (NUL-separated), e.g. ["raspberrypi,5-model-b", "brcm,bcm2712"]
    public var deviceTreeCompatible: [String]
    /// `/etc/nv_tegra_release` (Jetson L4T)
    public var tegraRelease: TegraRelease?
    /// `nvpmodel -q` (Jetson power mode)
    public var powerMode: PowerModeQuery?
    /// `/sys/class/dmi/id` (x86 and some Arm servers)
    public var dmi: DMI?
    public var cpu: CPUInfo?
    /// MemTotal of `/proc/meminfo`, in B
    public var memTotal: Double?
    public var accelerators: Accelerators
    /// what could not be read and why (a permission, a tool that failed), for `devices detect`
    public var notes: [String]

    public init(
        deviceTreeModel: String? = nil, deviceTreeCompatible: [String] = [], tegraRelease: TegraRelease? = nil,
        powerMode: PowerModeQuery? = nil, dmi: DMI? = nil, cpu: CPUInfo? = nil, memTotal: Double? = nil,
        accelerators: Accelerators = Accelerators(), notes: [String] = []
    ) {
        self.deviceTreeModel = deviceTreeModel
        self.deviceTreeCompatible = deviceTreeCompatible
        self.tegraRelease = tegraRelease
        self.powerMode = powerMode
        self.dmi = dmi
        self.cpu = cpu
        self.memTotal = memTotal
        self.accelerators = accelerators
        self.notes = notes
    }

    /// Cuts at the first NUL (device-tree strings are NUL-terminated) and trims whitespace; nil when
    /// nothing is left, so an empty file reads as absent rather than as "".
    public static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let upToNUL = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = upToNUL.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The NUL-separated list of `/proc/device-tree/compatible`.
    public static func compatibleList(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: "\0").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension BoardIdentity {
    /// `# R36 (release), REVISION: 4.7, GCID: 42132812, BOARD: generic, EABI: aarch64, DATE: …`
    public struct TegraRelease: Sendable, Equatable, Codable {
        /// L4T major release, e.g. 36
        public var release: Int
        /// e.g. "4.7", or "5" where the file has no minor part
        public var revision: String?
        /// e.g. "generic" (R36), "t186ref" (Xavier/TX2, and Orin on R35), "t210ref" (Nano/TX1)
        public var board: String?
        /// the cleaned first line as the file has it
        public var line: String

        public init(release: Int, revision: String?, board: String?, line: String) {
            self.release = release
            self.revision = revision
            self.board = board
            self.line = line
        }

        /// "R36.4.7"
        public var version: String { "R\(release)" + (revision.map { ".\($0)" } ?? "") }

        /// The first line that starts with `# R<n>`; nil when there is none.
        public init?(parsing text: String?) {
            guard let text else { return nil }
            for raw in text.split(whereSeparator: \.isNewline) {
                let line = String(raw).replacingNUL().trimmingWhitespace()
                guard line.hasPrefix("# R") else { continue }
                let digits = line.dropFirst(3).prefix(while: \.isNumber)
                guard let release = Int(digits) else { continue }
                self.init(
                    release: release, revision: Self.field("REVISION", in: line), board: Self.field("BOARD", in: line),
                    line: line)
                return
            }
            return nil
        }

        /// `KEY: value` up to the next comma.
        static func field(_ key: String, in line: String) -> String? {
            guard let range = line.range(of: key + ":") else { return nil }
            let value = line[range.upperBound...].prefix { $0 != "," }.trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
    }

    /// `nvpmodel -q`: "NV Power Mode: MAXN_SUPER" then the mode id on its own line.
    public struct PowerModeQuery: Sendable, Equatable, Codable {
        public var name: String
        public var id: Int?

        public init(name: String, id: Int?) {
            self.name = name
            self.id = id
        }

        public init?(parsing text: String?) {
            guard let text else { return nil }
            let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }
            guard let index = lines.firstIndex(where: { $0.hasPrefix("NV Power Mode:") }) else { return nil }
            let name = String(lines[index].dropFirst("NV Power Mode:".count)).trimmingWhitespace()
            guard !name.isEmpty else { return nil }
            let id = lines.dropFirst(index + 1).first.flatMap { Int($0) }
            self.init(name: name, id: id)
        }
    }

    public struct DMI: Sendable, Equatable, Codable {
        public var sysVendor: String?
        public var productName: String?
        public var boardName: String?

        public init(sysVendor: String? = nil, productName: String? = nil, boardName: String? = nil) {
            self.sysVendor = sysVendor
            self.productName = productName
            self.boardName = boardName
        }

        /// nil when no field was readable
        public static func nonEmpty(_ dmi: DMI) -> DMI? {
            dmi.sysVendor == nil && dmi.productName == nil && dmi.boardName == nil ? nil : dmi
        }
    }

    /// The lines of `/proc/cpuinfo` that name the machine.
    public struct CPUInfo: Sendable, Equatable, Codable {
        /// `model name` (x86: "Intel(R) Xeon(R) …"; absent on most Arm kernels)
        public var modelName: String?
        /// `vendor_id` (x86: "GenuineIntel", "AuthenticAMD")
        public var vendorID: String?
        /// `Hardware` (older Arm kernels: "BCM2835")
        public var hardware: String?
        /// `Model` (Raspberry Pi kernels: "Raspberry Pi 5 Model B Rev 1.0")
        public var model: String?
        /// number of `processor` entries
        public var cores: Int
        /// the `hypervisor` CPU flag: this is a virtual machine
        public var hypervisor: Bool

        public init(
            modelName: String? = nil, vendorID: String? = nil, hardware: String? = nil, model: String? = nil,
            cores: Int, hypervisor: Bool = false
        ) {
            self.modelName = modelName
            self.vendorID = vendorID
            self.hardware = hardware
            self.model = model
            self.cores = cores
            self.hypervisor = hypervisor
        }

        public var isX86: Bool {
            guard let vendorID else { return false }
            return ["GenuineIntel", "AuthenticAMD", "HygonGenuine", "CentaurHauls"].contains(vendorID)
        }

        public init?(parsing text: String?) {
            guard let text else { return nil }
            var values: [String: String] = [:]
            var cores = 0
            var hypervisor = false
            for raw in text.split(whereSeparator: \.isNewline) {
                guard let colon = raw.firstIndex(of: ":") else { continue }
                let key = raw[..<colon].trimmingWhitespace()
                let value = raw[raw.index(after: colon)...].trimmingWhitespace()
                if key == "processor" { cores += 1 }
                if key == "flags", value.split(separator: " ").contains("hypervisor") { hypervisor = true }
                // the first occurrence: every processor block repeats `model name`
                if values[key] == nil, !value.isEmpty { values[key] = value }
            }
            guard cores > 0 || !values.isEmpty else { return nil }
            self.init(
                modelName: values["model name"], vendorID: values["vendor_id"], hardware: values["Hardware"],
                model: values["Model"], cores: cores, hypervisor: hypervisor)
        }
    }

    public struct Accelerators: Sendable, Equatable, Codable {
        /// `/dev/hailo0` exists (Hailo PCIe driver loaded, a Hailo device attached)
        public var hailoDevice: Bool
        /// path of `hailortcli` when on PATH
        public var hailortcli: String?
        /// "HAILO10H", "HAILO8L", "HAILO8" from `hailortcli fw-control identify`
        public var hailoArchitecture: String?
        /// `/sys/kernel/debug/rknpu` exists (Rockchip NPU driver); nil when debugfs could not be searched
        public var rknpu: Bool?
        /// path of `nvidia-smi` when on PATH
        public var nvidiaSMI: String?

        public init(
            hailoDevice: Bool = false, hailortcli: String? = nil, hailoArchitecture: String? = nil, rknpu: Bool? = false,
            nvidiaSMI: String? = nil
        ) {
            self.hailoDevice = hailoDevice
            self.hailortcli = hailortcli
            self.hailoArchitecture = hailoArchitecture
            self.rknpu = rknpu
            self.nvidiaSMI = nvidiaSMI
        }

        public var hasHailo: Bool { hailoDevice || hailoArchitecture != nil }

        /// `Device Architecture: HAILO10H` of `hailortcli fw-control identify`.
        public static func hailoArchitecture(fromIdentify text: String?) -> String? {
            guard let text else { return nil }
            for line in text.split(whereSeparator: \.isNewline) {
                let cleaned = String(line).trimmingWhitespace()
                guard cleaned.hasPrefix("Device Architecture:") else { continue }
                let value = String(cleaned.dropFirst("Device Architecture:".count)).trimmingWhitespace()
                return value.isEmpty ? nil : value
            }
            return nil
        }
    }
}

fileprivate extension StringProtocol {
    /// Without leading and trailing whitespace, newlines and NUL padding.
    func trimmingWhitespace() -> String {
        let isPadding: (Character) -> Bool = { $0.isWhitespace || $0 == "\0" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    func replacingNUL() -> String { String(self).split(separator: "\0", omittingEmptySubsequences: false).joined() }
}
