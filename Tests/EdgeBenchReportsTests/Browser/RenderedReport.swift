import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchReports

/// The fixture's report written to a fresh directory, with what its markup promises.
struct RenderedReport {
    let directory: URL
    let page: URL
    let html: String

    init(_ bundle: ResultBundle = HTMLFixture.bundle()) throws {
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
    /// "figure: \"text\" …" for every chart text that leaves its <svg> (clipped) or covers another text of
    /// the same chart, measured on the glyph boxes Chromium laid out (rotated text as its rotated box)
    let clippedTexts: [String]
    let overlappingTexts: [String]
    /// px the results matrix is wider than its scrolling box (0: no sideways scrolling)
    let matrixOverflow: Double

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
            // each text as the four corners of its box in its chart's pixels (getCTM carries rotation and scale)
            var clippedTexts = [], overlappingTexts = [];
            function corners(node) {
              var box = node.getBBox(), matrix = node.getCTM(), svg = node.ownerSVGElement, out = [];
              [[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]]
                .forEach(function (c) { var p = svg.createSVGPoint(); p.x = c[0]; p.y = c[1]; p = p.matrixTransform(matrix); out.push([p.x, p.y]); });
              return out;
            }
            // separating axes of two rectangles: they overlap by more than 1 px on every axis of either
            function overlaps(a, b) {
              var quads = [a, b];
              for (var q = 0; q !== 2; q += 1) {
                for (var e = 0; e !== 2; e += 1) {
                  var p0 = quads[q][e], p1 = quads[q][e + 1];
                  var ax = p1[0] - p0[0], ay = p1[1] - p0[1], length = Math.sqrt(ax * ax + ay * ay);
                  if (length === 0) { return false; }
                  ax /= length; ay /= length;
                  var projA = a.map(function (p) { return p[0] * ax + p[1] * ay; });
                  var projB = b.map(function (p) { return p[0] * ax + p[1] * ay; });
                  var gap = Math.min(Math.max.apply(null, projA), Math.max.apply(null, projB))
                    - Math.max(Math.min.apply(null, projA), Math.min.apply(null, projB));
                  if (gap !== gap || gap <= 1) { return false; }
                }
              }
              return true;
            }
            Array.prototype.forEach.call(document.querySelectorAll('svg'), function (svg) {
              var figure = svg.closest('figure');
              var name = figure ? figure.id : '?';
              var box = svg.getBoundingClientRect();
              var texts = Array.prototype.filter.call(svg.querySelectorAll('text'), function (t) { return t.textContent.trim() !== ''; });
              var quads = texts.map(corners);
              quads.forEach(function (quad, i) {
                var outside = quad.some(function (p) {
                  return p[0] < -0.5 || p[1] < -0.5 || p[0] > box.width + 0.5 || p[1] > box.height + 0.5;
                });
                if (outside) { clippedTexts.push(name + ': "' + texts[i].textContent + '"'); }
                for (var j = i + 1; j !== quads.length; j += 1) {
                  if (overlaps(quad, quads[j])) {
                    overlappingTexts.push(name + ': "' + texts[i].textContent + '" / "' + texts[j].textContent + '"');
                  }
                }
              });
            });
            var root = document.documentElement;
            var summary = { errors: errors, figures: figures, charts: charts, raggedTables: raggedTables,
              clippedTexts: clippedTexts, overlappingTexts: overlappingTexts,
              matrixOverflow: (function () {
                var matrix = document.querySelector('table.matrix');
                return matrix ? Math.max(matrix.parentNode.scrollWidth - matrix.parentNode.clientWidth, 0) : 0;
              })(),
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
