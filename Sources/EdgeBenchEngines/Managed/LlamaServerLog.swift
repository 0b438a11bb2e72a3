import EdgeBenchCore
import Foundation

/// llama-server's own log: where a managed engine writes it, and what it says about the offload achieved.
public enum LlamaServerLog {
    /// The offload line ("offloaded 12/31 layers to GPU"); nil when the log is missing or says none.
    public static func offload(in log: URL) -> String? {
        // A server that failed before writing a log is reported by `start`, not here.
        guard let data = FileManager.default.contents(atPath: log.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: #"offloaded \d+/\d+ layers to GPU"#, options: .regularExpression) else {
            return nil
        }
        return String(text[range])
    }

    /// `<id>.server.log`, or `<id>.server-2.log`… when a resumed run starts the engine again,
    /// so the log of the interrupted session is kept.
    public static func freshName(for configuration: Configuration, in logs: URL) -> String {
        let base = configuration.id.replacingOccurrences(of: "/", with: "_") + ".server"
        var name = base + ".log"
        var session = 2
        while FileManager.default.fileExists(atPath: logs.appendingPathComponent(name).path) {
            name = "\(base)-\(session).log"
            session += 1
        }
        return name
    }
}
