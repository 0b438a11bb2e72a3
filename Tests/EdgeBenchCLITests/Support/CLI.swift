import Foundation
import Testing

/// The built `edgebench` binary, run as a user runs it: arguments in, exit status, stdout and stderr out.
enum CLI {
    struct Result: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data

        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

        /// stdout parsed as one JSON value; anything else there (a progress line) fails the parse.
        func json() throws -> Any { try JSONSerialization.jsonObject(with: stdoutData) }
        func jsonObject() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else { throw NotAnObject(text: stdout) }
            return object
        }
    }

    struct NotAnObject: Error, CustomStringConvertible {
        var text: String
        var description: String { "stdout is not a JSON object: \(text.prefix(400))" }
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the edgebench binary was not found next to the test bundle (searched \(searched.joined(separator: ", "))); "
                + "build it with `swift build --build-tests`, or set EDGEBENCH_BINARY to its path"
        }
    }

    /// Beside the test bundle in the build products directory: SwiftPM puts every product of one
    /// configuration there. EDGEBENCH_BINARY overrides, for a binary built elsewhere.
    static func binary() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["EDGEBENCH_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = []
        // Linux runs the test bundle as an executable; macOS loads an .xctest bundle into a runner.
        directories.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        let candidates = directories.map { $0.appendingPathComponent("edgebench") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw BinaryMissing(searched: candidates.map(\.path))
    }

    /// Runs `edgebench ARGUMENTS` in `directory` (a fresh temporary one by default) and waits for it.
    /// Output goes to files, not pipes, so a chatty command never blocks on a full pipe.
    /// - Parameter fileSizeLimit: KiB any one file may grow to (`ulimit -f`, SIGXFSZ ignored), so a write
    ///   past it fails with EFBIG as a write on a full disk fails with ENOSPC: a full disk, per file.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], fileSizeLimit: Int? = nil
    ) async throws -> Result {
        let binary = try binary()
        let scratch = Scratch.directory("cli-io")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        if let fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimit) && exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory ?? Scratch.directory("cli-cwd")
        var env = ProcessInfo.processInfo.environment
        // Nothing a test runs may touch the user's engine and model cache.
        env["EDGEBENCH_CACHE"] = scratch.appendingPathComponent("cache").path
        env.removeValue(forKey: "COLUMNS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try out.close()
        try err.close()
        let stdoutData = try Data(contentsOf: outURL)
        let stderrData = try Data(contentsOf: errURL)
        return Result(
            status: status, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), stdoutData: stdoutData)
    }
}

/// Temporary folders, one per use.
enum Scratch {
    static func directory(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eb-\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, named name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
