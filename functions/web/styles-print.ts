/**
 * Paper: the directive, its dashboard and the recipient's page printed on A4 carry what was decided and who did
 * what, not the controls around it. Appended to the one shared stylesheet (styles.ts). The officials' rules come
 * after this one in the page, so what must not print is hidden with `!important`, not by specificity races.
 * Also the screen rules of the status sheet for meetings (officials/print-page.tsx) and of the date fields.
 */
export const PRINT_STYLES = `
.print-only{display:none}
.date-hint{display:block;margin:0 0 .2em}
.date-input{max-width:12em}
.sheet{max-width:210mm;margin:0 auto;background:#fff;padding:12mm 14mm;border:1px solid var(--line);font-family:"Times New Roman",Times,"Noto Serif",serif;font-size:15px}
.sheet-tools{max-width:210mm;margin:0 auto 8px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.sheet .cv-header{margin-bottom:10px}
.sheet h1{text-align:center;font-size:1.2rem;margin:14px 0 4px;letter-spacing:.02em}
.sheet .sheet-directive,.sheet .sheet-asof{text-align:center;margin:2px 0}
.sheet .sheet-asof{font-style:italic}
.sheet h2{font-size:1.05rem;margin:14px 0 6px}
.sheet-counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(11em,1fr));gap:4px 16px;margin:0;padding:0;list-style:none}
.sheet-counts li{display:flex;gap:6px}
.sheet-counts strong{min-width:2.5em;text-align:right}
table.sheet-table{border-collapse:collapse;width:100%;font-size:.92em}
table.sheet-table th,table.sheet-table td{border:1px solid #444;padding:3px 5px;text-align:left;vertical-align:top}
table.sheet-table th{background:#eee}
table.sheet-table td.n{text-align:right;white-space:nowrap}
table.sheet-table tr.overdue td{font-weight:600}
@media (max-width:600px){.sheet{padding:12px 10px;font-size:14px}table.sheet-table{font-size:.85em}.sheet-counts{grid-template-columns:1fr}}
@media print{
@page{size:A4 portrait;margin:15mm 12mm 15mm 18mm}
html,body{background:#fff!important;color:#000!important}
body{font-size:11pt;line-height:1.4}
main{max-width:none!important;margin:0!important;padding:0!important}
header.topbar,nav,form,button,.button,.actions,details.row-menu,.no-print,.skip,a[hreflang],.date-hint,[data-live]>p[aria-live]{display:none!important}
table:has(td.actions) tr>:last-child,table:has(details.row-menu) tr>:last-child{display:none!important}
.print-only{display:block!important}
a,a:visited{color:#000!important;text-decoration:none!important}
.paper,.sheet{border:none!important;background:#fff!important;padding:0!important;max-width:none!important}
.panel,.message,.counts li,fieldset{background:#fff!important;border-color:#000!important}
.badge,td.overdue,td.ok,td.late{color:#000!important;background:#fff!important;border-color:#000!important}
table{border-collapse:collapse!important;width:100%!important}
th,td{border:1px solid #000!important;background:#fff!important;color:#000!important}
thead{display:table-header-group}
tr,li,.cv-sign{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
*{box-shadow:none!important;text-shadow:none!important}
}
`;
