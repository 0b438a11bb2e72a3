/// The report's only stylesheet, inline so the page opens on an air-gapped laptop: system fonts, no
/// url(), tables that scroll sideways on a phone, charts as wide as the page (on a phone at least 560 px,
/// scrolling sideways, so their text stays readable), and a print layout that
/// keeps figures and table rows whole.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 16px;
          line-height: 1.45; color: #1a1a1a; background: #ffffff; }
        main { max-width: 1240px; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0; }
        h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #333333; padding-bottom: 0.2rem; }
        h3 { font-size: 1.05rem; margin-top: 1.4rem; }
        nav a { margin-right: 1rem; }
        .answer { background: #eef5ec; border-left: 4px solid #009E73; padding: 0.6rem 1rem; }
        .answer p { margin: 0.3rem 0; }
        .muted, figcaption, .note { color: #555555; font-size: 0.9rem; }
        .table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5rem 0; }
        table { border-collapse: collapse; font-size: 0.9rem; }
        th, td { border: 1px solid #cccccc; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
        th { background: #f2f2f2; }
        td.num { text-align: right; white-space: nowrap; }
        table.matrix { font-size: 0.8rem; }
        table.matrix th { font-weight: 600; }
        table.paper td.num { font-variant-numeric: tabular-nums; }
        /* four numbers per configuration: five configurations fit 1240 px only this tight */
        table.paper { font-size: 0.74rem; }
        table.paper th, table.paper td { padding: 0.2rem 0.25rem; }
        td.missing { color: #777777; text-align: center; }
        .detail { display: block; color: #555555; font-size: 0.8rem; }
        .flag { display: inline-block; background: #fff3cd; border: 1px solid #c9a227; border-radius: 3px;
          padding: 0 0.3rem; margin: 0.1rem; font-size: 0.8rem; }
        .front { font-weight: 600; }
        figure { margin: 1.2rem 0; }
        figure svg { width: 100%; height: auto; display: block; }
        dl.defs dt { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
        dl.defs dd { margin: 0 0 0.5rem 1rem; }
        code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
        @media (max-width: 600px) {
          body { font-size: 15px; }
          main { padding: 0.5rem; }
          th, td { padding: 0.2rem 0.3rem; }
          figure { overflow-x: auto; -webkit-overflow-scrolling: touch; }
          figure svg { min-width: 560px; }
        }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          .table-scroll { overflow: visible; }
          figure, tr, .answer { break-inside: avoid; page-break-inside: avoid; }
          h2 { break-after: avoid; page-break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
