import EdgeBenchCore
import Foundation

extension BoardIdentity {
    /// How long `nvpmodel -q` or `hailortcli fw-control identify` may take before it is stopped.
    static let toolPatience: TimeInterval = 5

    /// Reads what this machine says about itself, under `root` (tests pass a fake tree). Never throws:
    /// a missing file is nil, and anything present but unreadable is explained in `notes`.
    /// - Parameter searchPath: directories to look for nvpmodel, hailortcli and nvidia-smi in, resolved
    ///   under `root`; defaults to `$PATH`. nvpmodel and hailortcli are run once each when found.
    public static func read(root: String = "/", searchPath: [String]? = nil) -> BoardIdentity {
        let rooted = RootPath(root)
        let directories = searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
                .split(separator: ":").map(String.init)
        var notes: [String] = []
        func text(_ absolute: String) -> String? {
            let path = rooted.path(absolute)
            guard SmallFile.exists(path) else { return nil }
            do {
                return try SmallFile.contents(of: path)
            } catch {
                notes.append("\(absolute): \(error)")
                return nil
            }
        }
        func located(_ tool: String) -> String? {
            directories.lazy.map { rooted.path("\($0)/\(tool)") }.first(where: SmallFile.isExecutable)
        }
        func output(_ tool: String, _ arguments: [String]) -> String? {
            guard let path = located(tool) else { return nil }
            switch runBounded(path, arguments) {
            case .success(let text): return text
            case .failure(let problem):
                notes.append(problem.description)
                return nil
            }
        }

        let dmi = DMI(
            sysVendor: cleaned(text("/sys/class/dmi/id/sys_vendor")),
            productName: cleaned(text("/sys/class/dmi/id/product_name")),
            boardName: cleaned(text("/sys/class/dmi/id/board_name")))
        let hailoDevice = SmallFile.exists(rooted.path("/dev/hailo0"))
        // identify talks to the device: only worth asking when the driver shows one
        let identify = hailoDevice ? output("hailortcli", ["fw-control", "identify"]) : nil
        let accelerators = Accelerators(
            hailoDevice: hailoDevice, hailortcli: located("hailortcli"),
            hailoArchitecture: Accelerators.hailoArchitecture(fromIdentify: identify),
            rknpu: rknpuPresence(rooted, notes: &notes), nvidiaSMI: located("nvidia-smi"))
        return BoardIdentity(
            deviceTreeModel: cleaned(text("/proc/device-tree/model")),
            deviceTreeCompatible: compatibleList(text("/proc/device-tree/compatible")),
            tegraRelease: TegraRelease(parsing: text("/etc/nv_tegra_release")),
            powerMode: PowerModeQuery(parsing: output("nvpmodel", ["-q"])),
            dmi: DMI.nonEmpty(dmi), cpu: CPUInfo(parsing: text("/proc/cpuinfo")),
            memTotal: memTotal(rooted, notes: &notes), accelerators: accelerators, notes: notes)
    }

    /// MemTotal in B; a malformed /proc/meminfo is a note, an absent one just nil.
    static func memTotal(_ rooted: RootPath, notes: inout [String]) -> Double? {
        let path = rooted.path("/proc/meminfo")
        guard SmallFile.exists(path) else { return nil }
        do {
            return try SysfsText.kilobyteFields(SmallFile.contents(of: path), path: path, fields: ["MemTotal"])["MemTotal"]
        } catch {
            notes.append("\(error)")
            return nil
        }
    }

    /// debugfs is root-only on most distributions: "cannot look" is not "absent".
    static func rknpuPresence(_ rooted: RootPath, notes: inout [String]) -> Bool? {
        if SmallFile.exists(rooted.path("/sys/kernel/debug/rknpu")) { return true }
        let debugfs = rooted.path("/sys/kernel/debug")
        if SmallFile.exists(debugfs) && !SmallFile.isExecutable(debugfs) {
            notes.append("\(debugfs) is not searchable by this user: the Rockchip NPU (rknpu) could not be checked; run as root")
            return nil
        }
        return false
    }

    /// Runs a board tool to completion, stopping it after `toolPatience` so a wedged driver cannot hang
    /// detection. The replies are a few lines, far below a pipe's buffer.
    static func runBounded(_ executable: String, _ arguments: [String]) -> Result<String, BoardToolProblem> {
        let command = ([executable] + arguments).joined(separator: " ")
        let process: Process
        let output: FileHandle
        do {
            (process, output) = try ExternalCommand.spawn(executable, arguments, hint: "")
        } catch {
            return .failure(BoardToolProblem(description: "\(command): \(error)"))
        }
        let deadline = Date().addingTimeInterval(toolPatience)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return .failure(BoardToolProblem(description: "\(command) gave no answer within \(Int(toolPatience)) s and was stopped"))
        }
        let text = String(decoding: output.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .failure(BoardToolProblem(
                description: "\(command) exited with status \(process.terminationStatus): \(ExternalCommand.tail(text))"))
        }
        return .success(text)
    }
}

/// Why a board tool gave no answer, as a note for `devices detect`.
struct BoardToolProblem: Error, CustomStringConvertible {
    let description: String
}
