import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// The live source against a shell script standing in for tegrastats, printing real fixture lines.
@Suite struct JetsonTegrastatsSourceTests {
    /// Calls `read()` until it returns readings (tegrastats prints at its own pace). The limit only turns
    /// a stand-in that never prints into a failure instead of a hang; no test depends on its length.
    static func nextReadings(_ source: TegrastatsSource) throws -> [Reading] {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let readings = try source.read()
            if !readings.isEmpty { return readings }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("no tegrastats line within 120 s")
        return []
    }

    /// A stand-in that records its arguments and prints `lines`, then runs `ending`. After line i it waits
    /// until the test opens gate i (`open(gate:in:)`), so what has been printed when the test reads is
    /// decided by the test, not by how fast a loaded machine runs the script.
    static func script(in tree: FakeTree, lines: [String], ending: String) throws -> String {
        var body = "#!/bin/sh\necho \"$@\" > '\(tree.path("/args"))'\n"
        for (index, line) in lines.enumerated() {
            body += "printf '%s\\n' '\(line)'\nwhile [ ! -e '\(tree.path("/gate\(index)"))' ]; do sleep 0.01; done\n"
        }
        body += ending + "\n"
        try tree.write("/usr/bin/tegrastats", body, executable: true)
        return tree.path("/usr/bin/tegrastats")
    }

    /// Lets the stand-in go on past line `gate`.
    static func open(gate: Int, in tree: FakeTree) throws {
        try tree.write("/gate\(gate)", "")
    }

    /// Calls `read()` until it throws, for as long as `nextReadings` waits; `each` sees every non-throwing result.
    static func nextFailure(_ source: TegrastatsSource, each: ([Reading]) -> Void = { _ in }) -> (any Error)? {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            do { each(try source.read()) } catch { return error }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("read() did not fail within 120 s")
        return nil
    }

    static func fixtureLines(_ name: String) throws -> [String] {
        try Fixtures.text("tegrastats/\(name)").split(separator: "\n").map(String.init)
    }

    @Test func readsEachNewLineOnceThenReportsTheExit() throws {
        let tree = try FakeTree()
        let idle = try Self.fixtureLines("tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt")[0]
        let burn = try #require(try Self.fixtureLines("tegrastats-jp5.1-xavier-nx-8gb-cpu-gpu-burn.log").last)
        let path = try Self.script(
            in: tree, lines: ["nvidia@orin:~$ tegrastats", idle, burn],
            ending: "echo 'tegrastats: lost the INA3221' >&2\nexit 3")
        try Self.open(gate: 0, in: tree)
        let source = TegrastatsSource(executable: path, intervalMilliseconds: 250)
        #expect(source.description.id == "tegrastats")
        #expect(source.description.boundary == .moduleInput)

        let first = try Self.nextReadings(source)
        #expect(first.first { $0.channel == "VDD_IN" } == Reading(channel: "VDD_IN", quantity: .power, value: 4.761))
        #expect(first.first { $0.channel == "VDD_SOC" }?.value == 1.428)
        #expect(first.first { $0.channel == "tj" } == Reading(channel: "tj", quantity: .temperature, value: 49.156))
        #expect(first.first { $0.channel == "GR3D" } == Reading(channel: "GR3D", quantity: .utilisation, value: 0))
        #expect(first.first { $0.channel == "RAM" }?.value == 775 * mebibyte)
        // the same line is not handed out twice: nothing new yet (the next one waits for gate 1), so nothing
        #expect(try source.read().isEmpty)

        try Self.open(gate: 1, in: tree)
        let second = try Self.nextReadings(source)
        #expect(second.first { $0.channel == "VDD_IN" }?.value == 13.751)
        #expect(second.first { $0.channel == "GR3D" } == Reading(channel: "GR3D", quantity: .utilisation, value: 0.99))
        #expect(second.first { $0.channel == "CPU1" }?.value == 1.0)
        #expect(try String(contentsOfFile: tree.path("/args"), encoding: .utf8) == "--interval 250\n")

        try Self.open(gate: 2, in: tree)
        let failure = Self.nextFailure(source)
        #expect(failure as? TegrastatsSourceError == .exited(command: path, status: 3, stderr: "tegrastats: lost the INA3221"))
        #expect(String(describing: try #require(failure)).contains("exited with status 3: tegrastats: lost the INA3221"))
    }

    @Test func damagedLineIsAnErrorNotTheOldValue() throws {
        let tree = try FakeTree()
        let idle = try Self.fixtureLines("tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt")
        let damaged = idle[1].replacingOccurrences(of: "VDD_IN 4761mW", with: "VDD_IN 47#1mW")
        let path = try Self.script(in: tree, lines: [idle[0], damaged], ending: "sleep 5")
        let source = TegrastatsSource(executable: path)
        defer { source.stop() }
        #expect(try Self.nextReadings(source).contains { $0.channel == "VDD_IN" })

        try Self.open(gate: 0, in: tree)
        let failure = Self.nextFailure(source) { #expect($0.isEmpty) }
        guard case .damagedLine(let error) = failure as? TegrastatsSourceError else {
            Issue.record("expected a damaged-line error, got \(String(describing: failure))")
            return
        }
        #expect(error.line == 2)
        #expect(error.text == damaged)
    }

    @Test func commandNotFound() throws {
        let onPath = TegrastatsSource(executable: "edgebench-no-such-tegrastats")
        #expect {
            try onPath.read()
        } throws: { error in
            guard case .commandNotFound(let command, _) = error as? TegrastatsSourceError else { return false }
            return command == "edgebench-no-such-tegrastats"
                && String(describing: error).hasPrefix("tegrastats: command not found")
        }
        let tree = try FakeTree()
        let atPath = TegrastatsSource(executable: tree.path("/usr/bin/tegrastats"))
        #expect(throws: TegrastatsSourceError.commandNotFound(command: tree.path("/usr/bin/tegrastats"), searched: [])) {
            try atPath.read()
        }
    }

    @Test func stopEndsTheProcessAndReadStartsItAgain() throws {
        let tree = try FakeTree()
        let line = try Self.fixtureLines("tegrastats-jp4.6.1-nano.txt")[0]
        try tree.write("/usr/bin/tegrastats", """
            #!/bin/sh
            echo started >> '\(tree.path("/starts"))'
            while :; do printf '%s\\n' '\(line)'; sleep 0.1; done

            """, executable: true)
        let source = TegrastatsSource(executable: tree.path("/usr/bin/tegrastats"))
        // started from a thread that blocks SIGTERM, as sampler and concurrency threads may
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let started = Result { try source.start() }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        try started.get()
        #expect(try Self.nextReadings(source).first { $0.channel == "POM_5V_IN" }?.value == 1.75)
        let pid = try #require(source.processIdentifier)
        source.stop()
        #expect(source.processIdentifier == nil)
        // the child did not inherit the blocked SIGTERM, so stop() ends it
        let deadline = Date().addingTimeInterval(120)
        while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(kill(pid, 0) == -1)
        #expect(try Self.nextReadings(source).first { $0.channel == "POM_5V_CPU" }?.value == 0.366)
        source.stop()
        #expect(try String(contentsOfFile: tree.path("/starts"), encoding: .utf8) == "started\nstarted\n")
    }
}
