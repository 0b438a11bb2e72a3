import EdgeBenchCore
import Foundation

/// Runs a program that prints one watts value per line (a USB meter's logger, a serial reader) and hands
/// the sampler each new value once. Between two lines there is nothing new to report, so nothing is: the
/// sampler records no invented repeats.
public final class CommandPowerSource: TelemetrySource, @unchecked Sendable {
    public let command: String
    public let description: SourceDescription
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pending: [Double] = []
    private var problem: String?
    private var process: Process?
    /// The read end of its output pipe: nothing else holds it (a closed one would kill it with SIGPIPE).
    private var reader: FileHandle?
    private var buffer: [UInt8] = []

    public init(command: String, boundary: MeasurementBoundary) {
        self.command = command
        self.description = SourceDescription(
            id: "command", kind: "command", boundary: boundary, detail: "watts per line from `\(command)`")
    }

    deinit { process?.terminate() }

    public func read() throws -> [Reading] {
        try startIfNeeded()
        lock.lock()
        defer { lock.unlock() }
        if pending.isEmpty, let problem { throw TelemetryError.unreadable(path: command, reason: problem) }
        let values = pending
        pending.removeAll(keepingCapacity: true)
        return values.map { Reading(channel: "command", quantity: .power, value: $0) }
    }

    public func stop() {
        lock.lock()
        let running = process
        lock.unlock()
        running?.terminate()
    }

    private func startIfNeeded() throws {
        lock.lock()
        defer { lock.unlock() }
        guard process == nil else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe: ChildProcess.OutputPipe
        do { pipe = try ChildProcess.OutputPipe() } catch {
            throw TelemetryError.unreadable(path: command, reason: "cannot start it: \(error.localizedDescription)")
        }
        process.standardOutput = pipe.writing
        process.standardError = FileHandle.nullDevice
        pipe.reading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            // At end-of-file the handler would be called again at once, forever.
            if data.isEmpty { handle.readabilityHandler = nil }
            self?.consume(data)
        }
        process.terminationHandler = { [weak self] ended in
            self?.finished(status: ended.terminationStatus)
        }
        do {
            try ChildProcess.start(process, closingAfterSpawn: [pipe.writing])
        } catch {
            pipe.reading.readabilityHandler = nil
            throw TelemetryError.unreadable(path: command, reason: "cannot start it: \(error.localizedDescription)")
        }
        self.process = process
        reader = pipe.reading
    }

    private func consume(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: data)
        while let newline = buffer.firstIndex(of: 0x0A) {
            let line = String(decoding: buffer[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            buffer.removeSubrange(...newline)
            if let watts = Double(line), watts.isFinite, watts >= 0 {
                pending.append(watts)
            } else if !line.isEmpty {
                problem = "printed \"\(line.prefix(80))\", which is not a number of watts"
            }
        }
    }

    private func finished(status: Int32) {
        lock.lock()
        defer { lock.unlock() }
        problem = "it exited with status \(status); it must keep printing one watts value per line"
    }
}
