import EdgeBenchCore
import Foundation

/// GPU board power, temperature, utilisation, memory and SM clock from ONE long-lived
/// `nvidia-smi --query-gpu=… --format=csv,noheader,nounits -lms <ms> -i <gpu>`: starting nvidia-smi per
/// sample costs tens of milliseconds and wakes the driver, so it prints on its own clock and `read()`
/// hands over its newest line once, then nothing until the next line (as `TegrastatsSource` and
/// `CommandPowerSource` do: the sampler records no invented repeats). Channels are the query's field names (`power.draw`, `temperature.gpu`,
/// `utilization.gpu`, `memory.used`, `clocks.sm`); a field nvidia-smi reports as `[N/A]` (every field
/// on a Jetson) is left out, never read as 0.
public final class NvidiaSMISource: TelemetrySource, @unchecked Sendable {
    public static let defaultExecutable = "/usr/bin/nvidia-smi"
    public static let queryFields = ["power.draw", "temperature.gpu", "utilization.gpu", "memory.used", "clocks.sm"]
    static let installHint =
        "nvidia-smi ships with the NVIDIA driver (Jetsons before JetPack 6 have none: use tegrastats); pass its path if it lives elsewhere"

    public let executable: String
    public let intervalMilliseconds: Int
    public let gpu: Int
    public let description: SourceDescription

    // All below guarded by `lock`: the reader thread writes, the sampler reads.
    private let lock = NSLock()
    private var process: Process?
    private var latest: Substring?
    private var recentOutput: [String] = []
    private var exitStatus: Int32?
    /// Counts starts, so a stopped reader thread's late lines and exit are ignored.
    private var generation = 0

    public init(executable: String = NvidiaSMISource.defaultExecutable, intervalMilliseconds: Int = 100, gpu: Int = 0) {
        self.executable = executable
        self.intervalMilliseconds = max(1, intervalMilliseconds)
        self.gpu = gpu
        description = SourceDescription(
            id: "nvidia-smi", kind: "nvidia-smi", boundary: .gpuBoard,
            detail: "\(executable) \(Self.arguments(intervalMilliseconds: max(1, intervalMilliseconds), gpu: gpu).joined(separator: " "))")
    }

    deinit { stop() }

    public var arguments: [String] { Self.arguments(intervalMilliseconds: intervalMilliseconds, gpu: gpu) }

    static func arguments(intervalMilliseconds: Int, gpu: Int) -> [String] {
        ["--query-gpu=" + queryFields.joined(separator: ","), "--format=csv,noheader,nounits",
         "-lms", String(intervalMilliseconds), "-i", String(gpu)]
    }

    private var command: String { ([executable] + arguments).joined(separator: " ") }

    /// Starts nvidia-smi if it is not running yet; `read()` does this itself, so calling it early only
    /// gives the first line time to arrive.
    public func start() throws {
        lock.lock()
        defer { lock.unlock() }
        guard process == nil else { return }
        let (child, handle) = try ExternalCommand.spawn(executable, arguments, hint: Self.installHint)
        process = child
        generation += 1
        let generation = generation
        // A thread of its own: the pipe read blocks between nvidia-smi's lines.
        let thread = Thread { [weak self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    guard let self else { return }
                    self.record(line, generation: generation)
                }
            }
            self?.finished(generation: generation)
        }
        thread.name = "edgebench nvidia-smi reader"
        thread.start()
    }

    /// Stops nvidia-smi; a later `read()` starts a new one.
    public func stop() {
        lock.lock()
        let child = process
        process = nil
        latest = nil
        exitStatus = nil
        recentOutput = []
        lock.unlock()
        if let child, child.isRunning { child.terminate() }
    }

    public func read() throws -> [Reading] {
        try start()
        lock.lock()
        let line = latest
        latest = nil
        let status = exitStatus
        let output = recentOutput.joined(separator: "\n")
        lock.unlock()
        if let line {
            let log = try NvidiaSMILog.parse(String(line), fields: Self.queryFields)
            return log.readings.compactMap(Self.reading)
        }
        if let status {
            throw ExternalCommandError.exited(command: command, status: status, output: ExternalCommand.tail(output))
        }
        return []
    }

    /// `gpu0 utilization.gpu` 17 % → channel `utilization.gpu`, 0.17.
    static func reading(_ log: LogReading) -> Reading? {
        let channel = log.name.split(separator: " ", maxSplits: 1).last.map(String.init) ?? log.name
        switch log.quantity {
        case .power: return Reading(channel: channel, quantity: .power, value: log.value)
        case .temperature: return Reading(channel: channel, quantity: .temperature, value: log.value)
        case .utilisation: return Reading(channel: channel, quantity: .utilisation, value: log.value / 100)
        case .memory: return Reading(channel: channel, quantity: .memory, value: log.value)
        case .frequency: return Reading(channel: channel, quantity: .frequency, value: log.value)
        default: return nil
        }
    }

    private func record(_ line: String, generation: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == self.generation, process != nil else { return }
        recentOutput.append(line)
        if recentOutput.count > 5 { recentOutput.removeFirst() }
        let trimmed = SysfsText.trimmed(line)
        if !trimmed.isEmpty { latest = trimmed }
    }

    private func finished(generation: Int) {
        lock.lock()
        let child = generation == self.generation ? process : nil
        lock.unlock()
        guard let child else { return }
        child.waitUntilExit()
        lock.lock()
        // A stop() in between cleared or replaced the process: its exit is expected.
        if generation == self.generation, process === child { exitStatus = child.terminationStatus }
        lock.unlock()
    }
}
