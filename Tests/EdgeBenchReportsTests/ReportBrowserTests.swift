import Foundation
import Testing

@testable import EdgeBenchReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Headless Chromium (the Debian package `chromium`) on `report.html`. The report ships no script, so the
/// probe lives in a test-only copy of the page: it is injected first thing in `<head>`, records every error
/// (script errors, failed loads, `console.error`, CSP violations), and after `load` writes what it saw and
/// the box of every chart into the DOM, which `--dump-dom` prints. The unmodified page is checked too: no
/// console message at all, and full-page screenshots land in `<repo>/artifacts/` for CI to keep. Headless windows
/// are at least 500 px wide, so the phone width (390 px) is an iframe of that width holding the page.
@Suite(.serialized) struct ReportBrowserTests {
    /// Figures of the four-configuration fixture that must draw a chart (the power timeline may or may not).
    static let charted = [
        "chart-power-throughput", "chart-accelerator", "chart-heatmap-e2e_throughput",
        "chart-heatmap-throughput_density", "chart-heatmap-energy_per_token", "chart-ttft", "chart-itl",
        "chart-roofline",
    ]

    struct Viewport: Sendable, CustomTestStringConvertible {
        let name: String
        let width: Int
        let screenshot: String
        var testDescription: String { "\(name), \(width) px" }
        static let desktop = Viewport(name: "desktop", width: 1280, screenshot: "report-screenshot.png")
        static let phone = Viewport(name: "phone", width: 390, screenshot: "report-screenshot-phone.png")
    }

    @Test(arguments: [Viewport.desktop, .phone])
    func rendersWithoutErrorsChartsHaveASizeAndAScreenshotIsSaved(_ viewport: Viewport) throws {
        let browser = try Chromium.locate()
        let report = try RenderedReport()
        defer { report.remove() }

        // 1. the probed copy: errors, chart boxes, page size
        let probe = try browser.probe(report, width: viewport.width)
        #expect(probe.errors == [], "the page reported errors in Chromium")
        #expect(probe.figures == report.figureIDs, "figures the browser laid out vs figures in the markup")
        #expect(probe.charts.count == report.chartCount, "one <svg> per drawn chart, all of them inside a <figure>")
        #expect(probe.charts.allSatisfy { $0.figure != nil }, "an <svg> outside any <figure>")
        for id in Self.charted {
            let boxes = probe.charts.filter { $0.figure == id }
            #expect(boxes.count == 1, "\(id): \(boxes.count) charts")
        }
        for chart in probe.charts {
            let name = chart.figure ?? "?"
            #expect(chart.width > 0 && chart.height > 0, "\(name): \(chart.width) × \(chart.height) px")
            // the figure is as wide as the text column, never wider than the window; on a phone the chart keeps
            // a readable width and scrolls sideways inside it
            #expect(chart.figureWidth > 0 && chart.figureWidth <= Double(viewport.width), "\(name): figure \(chart.figureWidth) px")
            #expect(chart.width >= min(chart.figureWidth, 560) - 1, "\(name): \(chart.width) px in a \(chart.figureWidth) px figure")
        }
        #expect(probe.raggedTables == [], "tables whose rows have different numbers of columns")
        // wide tables scroll inside their box; the page itself never scrolls sideways
        #expect(probe.scrollWidth <= viewport.width, "page is \(probe.scrollWidth) px wide in a \(viewport.width) px window")
        #expect(probe.scrollHeight > 1_000)

        // 2. the unmodified page, full height, as a CI artifact
        let height = min(probe.scrollHeight, 16_000)
        let shot = try browser.screenshot(report, width: viewport.width, height: height)
        let png = try PNGHeader(Data(contentsOf: shot))
        #expect(png.width == viewport.width && png.height == height, "\(png.width) × \(png.height) px")
        // a blank page of that size compresses to a few kilobytes
        #expect(png.bytes > 50_000, "\(png.bytes) bytes: is the page blank?")
        let artifact = try Self.artifacts().appendingPathComponent(viewport.screenshot)
        try? FileManager.default.removeItem(at: artifact)
        try FileManager.default.copyItem(at: shot, to: artifact)
    }

    @Test func unmodifiedPageLogsNothingToTheConsole() throws {
        let browser = try Chromium.locate()
        let report = try RenderedReport()
        defer { report.remove() }
        let run = try browser.run(
            ["--enable-logging=stderr", "--v=0", "--window-size=1280,4000", "--dump-dom", report.page.absoluteString],
            in: report.directory)
        // the page is dumped after load: proof it was opened at all
        #expect(run.stdout.contains("<figure id=\"chart-power-throughput\">"))
        // Chromium logs every console message of the page as `…:CONSOLE…] "message", source: URL (line)`
        let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("CONSOLE(") }
        #expect(console.isEmpty, "console messages:\n\(console.joined(separator: "\n"))")
    }

    /// `<repo>/artifacts/`, made when missing.
    static func artifacts(filePath: String = #filePath) throws -> URL {
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The fixture's report written to a fresh directory, with what its markup promises.
struct RenderedReport {
    let directory: URL
    let page: URL
    let html: String

    init() throws {
        let bundle = HTMLFixture.bundle()
        html = HTMLReport.render(bundles: [bundle], analysis: try HTMLFixture.analysis(bundle))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgebench-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        page = directory.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
    }

    var figureIDs: [String] {
        html.components(separatedBy: "<figure id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    var chartCount: Int { html.components(separatedBy: "<svg ").count - 1 }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// What the injected script saw.
struct BrowserProbe: Decodable {
    struct Chart: Decodable {
        let figure: String?
        let width: Double
        let height: Double
        let figureWidth: Double
    }

    let errors: [String]
    let raggedTables: [String]
    let figures: [String]
    let charts: [Chart]
    let scrollWidth: Int
    let scrollHeight: Int

    /// Runs before anything else on the page. Plain ES5, no `&`, and no `<` followed by a letter or `/`.
    static let script = """
        (function () {
          var errors = [];
          function text(value) { try { return String(value); } catch (e) { return '?'; } }
          window.addEventListener('error', function (event) {
            var target = event.target;
            if (target && target !== window && (target.src || target.href)) {
              errors.push('failed to load ' + (target.src || target.href));
            } else {
              errors.push('error: ' + text(event.message) + ' at ' + text(event.filename) + ':' + text(event.lineno));
            }
          }, true);
          window.addEventListener('unhandledrejection', function (event) { errors.push('unhandled rejection: ' + text(event.reason)); });
          document.addEventListener('securitypolicyviolation', function (event) {
            errors.push('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
          }, true);
          var original = console.error;
          console.error = function () {
            errors.push('console.error: ' + Array.prototype.map.call(arguments, text).join(' '));
            return original.apply(console, arguments);
          };
          window.addEventListener('load', function () {
            var figures = Array.prototype.map.call(document.querySelectorAll('figure'), function (f) { return f.id; });
            var charts = Array.prototype.map.call(document.querySelectorAll('svg'), function (svg) {
              var box = svg.getBoundingClientRect();
              var figure = svg.closest('figure');
              return { figure: figure ? figure.id : null, width: box.width, height: box.height,
                figureWidth: figure ? figure.getBoundingClientRect().width : 0 };
            });
            // a row one cell short shifts every value after the gap into the wrong column
            var raggedTables = [];
            Array.prototype.forEach.call(document.querySelectorAll('table'), function (table, index) {
              var pending = [], counts = [];
              Array.prototype.forEach.call(table.rows, function (row) {
                var column = 0;
                Array.prototype.forEach.call(row.cells, function (cell) {
                  while (pending[column] > 0) { column += 1; }
                  for (var k = 0; k < cell.colSpan; k += 1) { pending[column + k] = Math.max(cell.rowSpan, 1); }
                  column += cell.colSpan;
                });
                var covered = 0;
                for (var c = 0; c < pending.length; c += 1) {
                  if (pending[c] > 0) { covered += 1; pending[c] -= 1; }
                }
                counts.push(covered);
              });
              var widths = counts.filter(function (count, i) { return counts.indexOf(count) === i; });
              if (widths.length > 1) {
                var section = table.closest('section');
                raggedTables.push('table ' + index + ' in #' + (section ? section.id : '?') + ': rows of ' + widths.join(', ') + ' columns');
              }
            });
            var root = document.documentElement;
            var summary = { errors: errors, figures: figures, charts: charts, raggedTables: raggedTables,
              scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
              scrollHeight: Math.max(root.scrollHeight, document.body.scrollHeight) };
            var out = document.createElement('pre');
            out.id = 'edgebench-probe';
            out.textContent = encodeURIComponent(JSON.stringify(summary));
            document.body.appendChild(out);
          });
        })();
        """

    /// The page with the probe as the first child of `<head>`.
    static func inject(into html: String) throws -> String {
        guard let head = html.range(of: "<head>") else { throw BrowserError("no <head> in the report") }
        return html.replacingCharacters(in: head, with: "<head>\n<script>\n\(script)\n</script>")
    }

    /// Reads the summary back out of `--dump-dom`'s output.
    static func parse(dom: String) throws -> BrowserProbe {
        guard let start = dom.range(of: "<pre id=\"edgebench-probe\">"),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else { throw BrowserError("the probe wrote nothing: the page never fired load\n\(dom.suffix(2_000))") }
        guard let json = String(dom[start.upperBound..<end.lowerBound]).removingPercentEncoding
        else { throw BrowserError("undecodable probe output") }
        return try JSONDecoder().decode(BrowserProbe.self, from: Data(json.utf8))
    }
}

struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

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
