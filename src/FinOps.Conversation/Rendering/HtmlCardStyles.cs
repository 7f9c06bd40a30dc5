namespace FinOps.Conversation.Rendering;

/// <summary>The stylesheet for <see cref="HtmlCardRenderer"/> output, inlined by the playground page (no CDN, works offline).</summary>
public static class HtmlCardStyles
{
    public const string Css = """
        .card { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2937;
          background: #fff; border: 1px solid #d1d5db; border-radius: 10px; padding: 16px 20px; max-width: 640px;
          box-shadow: 0 1px 2px rgba(0,0,0,.06); }
        .card > * + * { margin-top: 10px; }
        .card-title { font-size: 19px; line-height: 1.3; margin: 0; }
        .card-text { margin-bottom: 0; }
        .card-text a { color: #1d4ed8; }
        .card-context { color: #4b5563; font-size: 13px; margin-bottom: 0; }
        .card-facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 10px 0 0; }
        .card-facts div { display: contents; }
        .card-facts dt { font-weight: 600; color: #374151; }
        .card-facts dd { margin: 0; }
        .card-table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        .card-table th, .card-table td { padding: 5px 8px; border-bottom: 1px solid #e5e7eb; text-align: left; }
        .card-table thead th { font-size: 13px; color: #4b5563; border-bottom: 2px solid #d1d5db; }
        .card-table tbody th { font-weight: 400; }
        .card-table tfoot th, .card-table tfoot td { font-weight: 700; border-top: 2px solid #d1d5db; border-bottom: 0; }
        .card-table .num { text-align: right; white-space: nowrap; }
        .delta-up { color: #b91c1c; }
        .delta-down { color: #15803d; }
        .card-key { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
        .card-key-label { flex-basis: 100%; color: #4b5563; font-size: 13px; }
        .card-key-value { font-size: 28px; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .card-chart { margin: 10px 0 0; }
        .card-chart img { display: block; max-width: 100%; height: auto; border: 1px solid #e5e7eb; border-radius: 6px; }
        .card-chart figcaption, .card-chart-alt { color: #4b5563; font-size: 13px; margin: 6px 0 0; }
        .card-divider { border: 0; border-top: 1px solid #e5e7eb; margin: 14px 0; }
        .card-actions { display: flex; flex-wrap: wrap; gap: 8px; }
        .card-button { font: inherit; font-weight: 600; padding: 7px 14px; border-radius: 6px; border: 1px solid #9ca3af;
          background: #fff; color: #1f2937; cursor: pointer; }
        .card-button:hover { background: #f3f4f6; }
        .card-button:focus-visible, .card-input input:focus-visible, .card-input textarea:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
        .card-button-primary { background: #15803d; border-color: #15803d; color: #fff; }
        .card-button-primary:hover { background: #166534; }
        .card-button-danger { background: #fff; border-color: #b91c1c; color: #b91c1c; }
        .card-button-danger:hover { background: #fef2f2; }
        .card-input label { display: block; font-weight: 600; margin-bottom: 4px; }
        .card-input input, .card-input textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 7px 9px;
          border: 1px solid #9ca3af; border-radius: 6px; }
        .card-required { color: #b91c1c; }
        """;
}
