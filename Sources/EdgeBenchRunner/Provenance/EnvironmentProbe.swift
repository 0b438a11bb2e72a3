import EdgeBenchCore
import Foundation

/// Reads what machine this is, for the provenance of every bundle. Missing facts stay nil.
public enum EnvironmentProbe {
    public static func collect(root: String = "/") -> Environment {
        let cpuinfo = read(root, "proc/cpuinfo") ?? ""
        return Environment(
            hostname: ProcessInfo.processInfo.hostName,
            board: board(root: root),
            cpuModel: cpuModel(cpuinfo: cpuinfo),
            cpuCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: memTotal(read(root, "proc/meminfo") ?? ""),
            os: osName(read(root, "etc/os-release") ?? ""),
            kernel: read(root, "proc/sys/kernel/osrelease").map(clean),
            architecture: architecture)
    }

    static func board(root: String) -> String? {
        // Device-tree strings end in NUL; some firmware leaves no newline.
        if let model = read(root, "proc/device-tree/model").map(clean), !model.isEmpty { return model }
        let vendor = read(root, "sys/class/dmi/id/sys_vendor").map(clean) ?? ""
        let product = read(root, "sys/class/dmi/id/product_name").map(clean) ?? ""
        let joined = [vendor, product].filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }

    static func cpuModel(cpuinfo: String) -> String? {
        for key in ["model name", "Model", "Hardware", "cpu model"] {
            for line in cpuinfo.split(separator: "\n") where line.hasPrefix(key) {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    static func memTotal(_ meminfo: String) -> Int64? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
            return digits.map { $0 * 1024 }
        }
        return nil
    }

    static func osName(_ release: String) -> String? {
        for line in release.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    static var architecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "aarch64"
        #elseif arch(arm)
        "armv7l"
        #else
        "unknown"
        #endif
    }

    private static func read(_ root: String, _ path: String) -> String? {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func clean(_ s: String) -> String {
        s.replacingOccurrences(of: "\0", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
