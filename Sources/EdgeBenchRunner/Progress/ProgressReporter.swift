import EdgeBenchCore
import Foundation

/// What the runner tells the person watching. Rendering is the reporter's business.
public enum ProgressEvent: Sendable {
    case runStarted(runID: String, directory: URL, configurations: Int, requestsPerConfiguration: Int)
    case configurationStarted(index: Int, total: Int, id: String)
    case phase(String)
    case requestFinished(index: Int, total: Int, warmup: Bool, decodeRate: Double?, seconds: Double)
    case configurationFinished(id: String, status: ConfigurationResult.Status, error: String?)
    case note(String)
}

public protocol ProgressReporter: Sendable {
    func report(_ event: ProgressEvent)
}

/// Writes progress to stderr: a live bar on a terminal, plain lines otherwise (logs, CI).
public final class StderrProgress: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private let live: Bool
    private var configuration = (index: 0, total: 0, id: "")
    private var perConfiguration = 0
    private var requestSeconds: [Double] = []
    private var remaining = 0
    private var lineOpen = false

    public init(live: Bool = isatty(STDERR_FILENO) == 1) { self.live = live }

    public func report(_ event: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .runStarted(let runID, let directory, let total, let perConfig):
            perConfiguration = perConfig
            configuration.total = total
            line("run \(runID): \(total) configuration(s) → \(directory.path)")
        case .configurationStarted(let index, let total, let id):
            configuration = (index, total, id)
            line("[\(index)/\(total)] \(id)")
        case .phase(let text):
            if live { bar("\(text)…") } else { line("  \(text)") }
        case .requestFinished(let index, let total, let warmup, let rate, let seconds):
            // warm-ups too: they take as long, and the count ahead includes them
            requestSeconds.append(seconds)
            remaining = Self.requestsLeft(
                index: index, total: total, warmup: warmup, configuration: configuration.index,
                configurations: configuration.total, perConfiguration: perConfiguration)
            let kind = warmup ? "warm-up" : "request"
            let rateText = rate.map { "\(($0 * 10).rounded() / 10) tok/s" } ?? "– tok/s"
            let text = "\(kind) \(index)/\(total)  last decode_rate \(rateText)  ETA \(eta())"
            if live { bar(text) } else { line("  \(text)") }
        case .configurationFinished(let id, let status, let error):
            line("  \(id): \(status.rawValue)" + (error.map { " — \($0)" } ?? ""))
        case .note(let text):
            line(text)
        }
    }

    /// Requests still to send after this one: the rest of this configuration's phase (a warm-up counts the
    /// whole configuration's `perConfiguration` ahead), then every later configuration's. From positions, not
    /// from a tally, so skipped (already completed) and failed configurations do not leave phantom requests:
    /// the last request of the last configuration leaves none.
    static func requestsLeft(
        index: Int, total: Int, warmup: Bool, configuration: Int, configurations: Int, perConfiguration: Int
    ) -> Int {
        let here = warmup ? max(0, perConfiguration - index) : max(0, total - index)
        return here + max(0, configurations - configuration) * perConfiguration
    }

    private func eta() -> String {
        guard !requestSeconds.isEmpty else { return "–" }
        let mean = requestSeconds.reduce(0, +) / Double(requestSeconds.count)
        let seconds = Int((mean * Double(remaining)).rounded())
        return seconds >= 60 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds) s"
    }

    private func bar(_ text: String) {
        let head = "[\(configuration.index)/\(configuration.total)] "
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + head + text).utf8))
        lineOpen = true
    }

    private func line(_ text: String) {
        let prefix = lineOpen ? "\r\u{1B}[2K" : ""
        lineOpen = false
        FileHandle.standardError.write(Data((prefix + text + "\n").utf8))
    }
}
