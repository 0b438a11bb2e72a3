import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// Display units for catalog values (the catalog holds SI units).
public enum DeviceText {
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
    static func dollars(_ value: Double) -> String { String(format: "$%.2f", value) }
    static func gigabytes(_ bytes: Double) -> String { number(bytes / 1_073_741_824) + " GB" }
    static func millimetres(_ d: Device.Dimensions) -> String {
        "\(number(d.length * 1000)) × \(number(d.width * 1000)) × \(number(d.height * 1000)) mm"
    }

    static func accelerator(_ a: Device.Accelerator) -> String {
        a.name + (a.peakOps.map { ", \(number($0 / 1e12)) TOPS" } ?? "") + (a.precision.map { " \($0)" } ?? "")
    }

    static func price(_ p: Device.Price) -> String {
        let detail = [p.note, p.date].compactMap { $0 }.joined(separator: ", ")
        return dollars(p.usd) + (detail.isEmpty ? "" : " (\(detail))")
    }

    /// (field key, label, value in display units) for every field a device can have, in reading order.
    static func fields(_ d: Device) -> [(key: String, label: String, value: String?)] {
        [
            ("dimensions", "dimensions", d.dimensions.map { millimetres($0) + " (\(number(d.volume.map { $0 * 1e6 } ?? 0)) cm³)" }),
            ("mass", "mass", d.mass.map { number($0 * 1000) + " g" }),
            ("price", "board price", d.price.map(price)),
            ("kit_price", "kit price", d.kitPrice.map(price)),
            ("cpu", "CPU", d.cpu),
            ("cores", "cores", d.cores.map(String.init)),
            ("memory", "memory", d.memory.map(gigabytes)),
            ("memory_type", "memory type", d.memoryType),
            ("memory_bandwidth", "memory bandwidth", d.memoryBandwidth.map { number($0 / 1e9) + " GB/s" }),
            ("accelerator", "accelerator", d.accelerator.map(accelerator)),
            ("rated_power", "rated power", d.ratedPower.map { r in
                [r.min, r.max].map { $0.map(number) ?? "?" }.joined(separator: "–") + " W"
            }),
            ("power_modes", "power modes", d.powerModes.isEmpty ? nil : d.powerModes.map {
                "\($0.name) (\($0.watts.map { number($0) + " W" } ?? "uncapped"))"
            }.joined(separator: ", ")),
            ("battery", "battery", d.battery.map { number($0 / 3600) + " Wh" }),
            ("addon", "add-on", d.addon.map(addon)),
        ]
    }

    static func addon(_ a: Device.AddOn) -> String {
        let parts = [
            a.dimensions.map(millimetres), a.mass.map { number($0 * 1000) + " g" }, a.price.map(price),
            a.memory.map { gigabytes($0) + " memory" },
        ].compactMap { $0 }
        return a.name + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    public static func sheet(_ d: Device, catalog: DeviceCatalog) -> String {
        var lines = ["\(d.id) — \(d.name)"]
        if let base = d.base {
            lines.append("  base board: \(base)" + (catalog.device(id: base).map { " (\($0.name))" } ?? ""))
        }
        let width = 18
        for field in fields(d) {
            let label = field.label.padding(toLength: width, withPad: " ", startingAt: 0)
            if let value = field.value {
                lines.append("  \(label)\(value)")
                if let source = d.sources[field.key] { lines.append("  \(String(repeating: " ", count: width))source: \(source)") }
                if let note = d.notes[field.key] { lines.append("  \(String(repeating: " ", count: width))note: \(note)") }
            } else if let why = d.missing[field.key] {
                lines.append("  \(label)— (\(why))")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func detection(_ identity: BoardIdentity, match: DeviceMatch, root: String, catalog: DeviceCatalog) -> String {
        let width = 20
        func row(_ label: String, _ value: String?) -> String {
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + (value ?? "— (not found)")
        }
        let cpu = identity.cpu.map { cpu in
            [cpu.modelName ?? cpu.hardware, "\(cpu.cores) logical CPUs", cpu.vendorID, cpu.hypervisor ? "hypervisor flag set" : nil]
                .compactMap { $0 }.joined(separator: ", ")
        }
        let a = identity.accelerators
        let accelerators = [
            "/dev/hailo0 " + (a.hailoDevice ? "present" : "absent"),
            "hailortcli " + (a.hailortcli ?? "not on PATH") + (a.hailoArchitecture.map { " (\($0))" } ?? ""),
            "rknpu " + (a.rknpu.map { $0 ? "present" : "absent" } ?? "unknown (debugfs not searchable)"),
            "nvidia-smi " + (a.nvidiaSMI ?? "not on PATH"),
        ].joined(separator: "; ")
        var lines = [
            "What this machine says (read under \(root)):",
            row("device-tree model", identity.deviceTreeModel.map { "'\($0)'" }),
            row("nv_tegra_release", identity.tegraRelease.map { "\($0.version)" + ($0.board.map { ", BOARD \($0)" } ?? "") }),
            row("nvpmodel", identity.powerMode.map { $0.name + ($0.id.map { " (mode \($0))" } ?? "") }),
            row("DMI", identity.dmi.map { [$0.sysVendor, $0.productName, $0.boardName].compactMap { $0 }.joined(separator: " / ") }),
            row("cpuinfo", cpu),
            row("MemTotal", identity.memTotal.map { String(format: "%.2f GiB (%.0f B)", $0 / 1_073_741_824, $0) }),
            row("accelerators", accelerators),
        ]
        if !identity.deviceTreeCompatible.isEmpty {
            lines.insert(row("compatible", identity.deviceTreeCompatible.joined(separator: ", ")), at: 2)
        }
        lines.append("")
        if let id = match.id {
            lines.append("Match: \(id)" + (catalog.device(id: id).map { " — \($0.name)" } ?? "") + " (confidence: \(match.confidence.rawValue))")
        } else {
            lines.append("Match: none (confidence: none)")
        }
        lines.append("  why: \(match.reason)")
        if !match.candidates.isEmpty, match.id == nil {
            lines.append("  possible: \(match.candidates.joined(separator: ", ")); name one in the plan (devices: {NAME: {catalog: ID}})")
        }
        for note in identity.notes { lines.append("  note: \(note)") }
        return lines.joined(separator: "\n")
    }

    static func table(header: [String], rows: [[String]]) -> String {
        TextTable.lines([header] + rows) { _ in .left }.joined(separator: "\n")
    }

    /// `devices list`: one row per device, then how many and where to look for the rest.
    public static func catalogTable(_ catalog: DeviceCatalog) -> String {
        let rows = catalog.devices.map { device in
            [
                device.id, device.name,
                device.accelerator.map { accelerator($0) } ?? "—",
                device.memory.map { gigabytes($0) } ?? "—",
                device.volume.map { number($0 * 1e6) + " cm³" } ?? "—",
                device.price.map { dollars($0.usd) } ?? "—",
                device.kitPrice.map { dollars($0.usd) } ?? "—",
            ]
        }
        return table(header: ["ID", "NAME", "ACCELERATOR", "RAM", "VOLUME", "BOARD PRICE", "KIT PRICE"], rows: rows)
            + "\n\n\(catalog.devices.count) devices; `edgebench devices show ID` for every field with its source."
    }
}
