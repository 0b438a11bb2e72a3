import EdgeBenchCore
import Foundation

/// Live Jetson telemetry from one long-lived `tegrastats --interval <ms>`: every rail's power (W),
/// temperatures, per-core/EMC/GR3D load (0–1), clocks and memory of the newest line it printed.
///
/// tegrastats prints at its own pace, so `read()` hands over the newest line once and then nothing until
/// the next line: the sampler records no invented repeats (as `CommandPowerSource` does). Lines older than
/// the newest one are dropped, since one read round carries one value per channel.
/// The process starts on the first `read()` (or `start()`) and stops with `stop()` or when released.
public final class TegrastatsSource: TelemetrySource, @unchecked Sendable {
    /// `tegrastats` (looked up on PATH) or a path to it (tests pass a stand-in script).
    public let executable: String
    public let intervalMilliseconds: Int
    public let description: SourceDescription

    private let lock = NSLock()
    // Guarded by `lock`.
    private var process: Process?
    /// The read ends of its output and error pipes: nothing else holds them (a closed one would kill it with SIGPIPE).
    private var readers: [FileHandle] = []
    private var buffer: [UInt8] = []
    private var linesSeen = 0
    private var newest: [Reading]?
    private var damage: TelemetryLogError?
    private var exitStatus: Int32?
    private var stderrTail: [UInt8] = []
    private var resolvedPath: String?

    public init(executable: String = "tegrastats", intervalMilliseconds: Int = 1000) {
        self.executable = executable
        self.intervalMilliseconds = max(1, intervalMilliseconds)
        description = SourceDescription(
            id: "tegrastats", kind: "tegrastats", boundary: .moduleInput,
            detail: "`\(executable) --interval \(max(1, intervalMilliseconds))`: VDD_IN (POM_5V_IN on JetPack 4) is the "
                + "module input, other rails are parts of it; temperatures, loads, clocks, memory")
    }

    deinit { stop() }

    public func read() throws -> [Reading] {
        try start()
        lock.lock()
        defer { lock.unlock() }
        if let newest {
            self.newest = nil
            return newest
        }
        if let damage {
            self.damage = nil
            throw TegrastatsSourceError.damagedLine(damage)
        }
        if let exitStatus {
            throw TegrastatsSourceError.exited(
                command: resolvedPath ?? executable, status: exitStatus,
                stderr: String(decoding: stderrTail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return []
    }

    /// Starts tegrastats if it is not running yet; throws when it cannot be found or started.
    public func start() throws {
        lock.lock()
        defer { lock.unlock() }
        guard process == nil else { return }
        let path = try Self.locate(executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--interval", String(intervalMilliseconds)]
        let (output, errors): (ChildProcess.OutputPipe, ChildProcess.OutputPipe)
        do { (output, errors) = (try ChildProcess.OutputPipe(), try ChildProcess.OutputPipe()) } catch {
            throw TegrastatsSourceError.cannotStart(command: path, reason: error.localizedDescription)
        }
        process.standardOutput = output.writing
        process.standardError = errors.writing
        process.standardInput = FileHandle.nullDevice
        output.reading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.consume(data)
        }
        errors.reading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.keepStderr(data)
        }
        process.terminationHandler = { [weak self] ended in
            self?.finished(status: ended.terminationStatus)
        }
        do {
            try ChildProcess.start(process, closingAfterSpawn: [output.writing, errors.writing])
        } catch {
            output.reading.readabilityHandler = nil
            errors.reading.readabilityHandler = nil
            throw TegrastatsSourceError.cannotStart(command: path, reason: error.localizedDescription)
        }
        resolvedPath = path
        self.process = process
        readers = [output.reading, errors.reading]
    }

    /// The running tegrastats' pid, nil before start and after `stop()`.
    public var processIdentifier: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return process?.processIdentifier
    }

    /// Stops tegrastats. A later `read()` starts it again.
    public func stop() {
        lock.lock()
        let running = process
        let readers = self.readers
        process = nil
        self.readers = []
        newest = nil
        damage = nil
        exitStatus = nil
        buffer.removeAll()
        linesSeen = 0
        stderrTail.removeAll()
        lock.unlock()
        if let running {
            for reader in readers { reader.readabilityHandler = nil }
            running.terminationHandler = nil
            if running.isRunning { running.terminate() }
        }
    }

    private func consume(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: data)
        while let newline = buffer.firstIndex(of: 0x0A) {
            let line = String(decoding: buffer[..<newline], as: UTF8.self)
            buffer.removeSubrange(...newline)
            linesSeen += 1
            do {
                guard let parsed = try TegrastatsLine.parse(line, lineNumber: linesSeen) else { continue }
                newest = parsed.liveReadings
                damage = nil
            } catch {
                // A damaged line replaces the newest one: its values are unknown, not the previous line's.
                newest = nil
                damage = error
            }
        }
    }

    private func keepStderr(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        stderrTail.append(contentsOf: data)
        if stderrTail.count > 512 { stderrTail.removeFirst(stderrTail.count - 512) }
    }

    private func finished(status: Int32) {
        lock.lock()
        defer { lock.unlock() }
        exitStatus = status
    }

    /// `executable` itself when it holds a `/`, else the first executable match on PATH.
    static func locate(_ executable: String) throws(TegrastatsSourceError) -> String {
        if executable.contains("/") {
            guard SmallFile.isExecutable(executable) else {
                throw .commandNotFound(command: executable, searched: [])
            }
            return executable
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for directory in directories where SmallFile.isExecutable("\(directory)/\(executable)") {
            return "\(directory)/\(executable)"
        }
        throw .commandNotFound(command: executable, searched: directories)
    }
}
