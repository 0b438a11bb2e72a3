import Foundation
import Testing

@testable import EdgeBenchReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Debian package's launcher, headless, with a throw-away profile and a hard time limit.
struct Chromium {
    let executable: URL
    static let timeout: TimeInterval = 60

    struct Run {
        let stdout: String
        let stderr: String
    }

    /// `CHROMIUM` overrides; else `chromium` on PATH. Missing is a failure, not a skip: CI installs it.
    static func locate() throws -> Chromium {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let path = environment["CHROMIUM"], !path.isEmpty {
            candidates = [path]
        } else {
            for directory in (environment["PATH"] ?? "").split(separator: ":") + ["/usr/bin"] {
                candidates.append("\(directory)/chromium")
            }
        }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BrowserError(
                "Chromium not found: the report's browser test needs headless Chromium. Install the Debian package "
                    + "`chromium` (sudo apt-get install -y --no-install-recommends chromium; .ci/run does it) "
                    + "or set CHROMIUM to its path.")
        }
        return Chromium(executable: URL(fileURLWithPath: path))
    }

    /// Runs Chromium to completion, killing it after `timeout` (headless Chromium can hang).
    func run(_ arguments: [String], in directory: URL) throws -> Run {
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        let out = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("chromium-\(UUID().uuidString).err")
        defer {
            for url in [profile, out, err] { try? FileManager.default.removeItem(at: url) }
        }
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--no-default-browser-check", "--disable-dev-shm-usage", "--allow-file-access-from-files",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000",
        ] + arguments
        process.currentDirectoryURL = directory
        let stdout = try FileHandle(forWritingTo: out)
        let stderr = try FileHandle(forWritingTo: err)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(Self.timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let result = Run(stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        if timedOut {
            throw BrowserError("Chromium did not finish within \(Int(Self.timeout)) s: \(arguments)\n\(result.stderr.suffix(2_000))")
        }
        guard process.terminationStatus == 0 else {
            throw BrowserError("Chromium exited with \(process.terminationStatus): \(arguments)\n\(result.stderr.suffix(2_000))")
        }
        return result
    }

    /// Headless windows are never narrower than this (CSS px): `--window-size=390,…` still lays out 500 px.
    static let minimumWindowWidth = 500

    /// Opens a probed copy of `report` and returns what the probe saw.
    func probe(_ report: RenderedReport, width: Int) throws -> BrowserProbe {
        let copy = report.directory.appendingPathComponent("report-probed.html")
        try BrowserProbe.inject(into: report.html).write(to: copy, atomically: true, encoding: .utf8)
        let page = width < Self.minimumWindowWidth
            ? try frame(copy, width: width, height: 1_000, readingProbe: true, in: report.directory) : copy
        let run = try run(["--window-size=\(max(width, Self.minimumWindowWidth)),1000", "--dump-dom", page.absoluteString],
                          in: report.directory)
        return try BrowserProbe.parse(dom: run.stdout)
    }

    /// A screenshot of the unmodified page, `width` × `height` CSS pixels.
    func screenshot(_ report: RenderedReport, width: Int, height: Int) throws -> URL {
        let png = report.directory.appendingPathComponent("screenshot-\(width).png")
        let page = width < Self.minimumWindowWidth
            ? try frame(report.page, width: width, height: height, readingProbe: false, in: report.directory) : report.page
        _ = try run(["--window-size=\(width),\(height)", "--screenshot=\(png.path)", page.absoluteString],
                    in: report.directory)
        guard FileManager.default.fileExists(atPath: png.path) else { throw BrowserError("Chromium wrote no screenshot") }
        return png
    }

    /// A phone-width viewport: `page` in a borderless `width` × `height` iframe at the window's top left (the
    /// iframe is the page's viewport, so its media queries see `width`). With `readingProbe`, the outer page
    /// copies the probe's summary out of the frame once it has loaded (same origin thanks to
    /// --allow-file-access-from-files), so that --dump-dom prints it.
    func frame(_ page: URL, width: Int, height: Int, readingProbe: Bool, in directory: URL) throws -> URL {
        let script = readingProbe ? """
            <script>
            document.getElementById('frame').addEventListener('load', function () {
              var out = document.createElement('pre');
              out.id = 'edgebench-probe';
              var probe = this.contentDocument.getElementById('edgebench-probe');
              out.textContent = probe ? probe.textContent : '';
              document.body.appendChild(out);
            });
            </script>
            """ : ""
        let html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"/><style>html, body { margin: 0; padding: 0; }
            iframe { display: block; border: 0; width: \(width)px; height: \(height)px; }</style></head>
            <body><iframe id="frame" src="\(page.lastPathComponent)"></iframe>\(script)</body></html>
            """
        let url = directory.appendingPathComponent("frame-\(page.deletingPathExtension().lastPathComponent).html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// The IHDR of a PNG: signature, then the first chunk's big-endian width and height.
struct PNGHeader {
    let width: Int
    let height: Int
    let bytes: Int

    init(_ data: Data) throws {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]  // "IHDR"
        else { throw BrowserError("not a PNG (\(data.count) bytes)") }
        func integer(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = integer(16)
        height = integer(20)
        self.bytes = data.count
    }
}
