/**
 * The dashboard at scale: its filter bar, pager, the one menu per row, the row an action brings the official back
 * to, and cards instead of a table at phone width (each cell then says what it is, from its `data-label`).
 */
export const DASHBOARD_STYLES = `
.scroll{overflow-x:auto}
.filters{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0}
.filters .field{flex:0 1 220px}.filters .field.grow{flex:1 1 260px}
.filters .hint{margin:2px 0 0}
.filters .buttons{display:flex;gap:12px;align-items:center;flex:0 0 auto;padding-bottom:4px}
.pager{display:flex;flex-wrap:wrap;gap:12px;align-items:baseline;margin:8px 0}
.counts a{text-decoration:none;color:inherit}.counts a:hover strong{text-decoration:underline}
details.row-menu>summary{cursor:pointer;color:var(--accent);font-weight:600;padding:2px 0}
details.row-menu .menu-body{border-top:1px solid var(--line);margin-top:4px;padding-top:4px}
details.row-menu .menu-body form{display:block;margin:6px 0}
.actions .request{margin:0 0 4px;color:var(--warn)}
.row-notice{margin:0 0 6px;padding:6px 10px;font-weight:400}
table.grid tr:target>*{background:#fff8d6}
@media (max-width:700px){
table.cards thead{position:absolute;left:-9999px}
table.cards,table.cards tbody,table.cards tr,table.cards th,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid var(--line);border-radius:6px;margin:0 0 10px;background:#fff}
table.cards th,table.cards td{border:none;border-top:1px solid #eee}
table.cards th{background:#eef2f6}
table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
table.cards td:empty{display:none}
.filters .field,.filters .field.grow{flex:1 1 100%}
}
`;
