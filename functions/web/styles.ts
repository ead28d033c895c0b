import { PRINT_STYLES } from './styles-print.ts';

/** One small stylesheet, inlined: pages load nothing from anywhere else. System fonts carry Vietnamese well. */
export const STYLES = `
:root{--ink:#1b1b1b;--muted:#555;--line:#c9c9c9;--accent:#0b4f8a;--ok:#1d6b35;--warn:#8a5a00;--err:#a4161a;--bg:#fff;--paper:#fcfcf8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f2f2ee}
main{max-width:860px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:.2em 0 .6em}
h2{font-size:1.15rem;margin:1.4em 0 .5em}
.page-title{font-size:1.15rem;color:var(--muted);font-weight:600}
a{color:var(--accent)}
a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #ffbf47;outline-offset:2px}
.paper{background:var(--paper);border:1px solid var(--line);padding:20px 24px;font-family:"Times New Roman",Times,"Noto Serif",serif;font-size:17px}
.cv-header{display:grid;grid-template-columns:1fr 1.3fr;gap:12px;text-align:center}
.cv-header .org{font-weight:normal;text-transform:uppercase}
.cv-header .org strong,.cv-header .motto strong{display:block}
.cv-header .motto strong{text-transform:uppercase}
.cv-header .rule{display:block;width:40%;margin:4px auto 0;border-top:1px solid var(--ink)}
.cv-meta{display:grid;grid-template-columns:1fr 1.3fr;gap:12px;text-align:center;margin-top:10px}
.cv-meta .place{font-style:italic}
.cv-subject{text-align:left;margin-top:6px}
.cv-to{text-align:center;margin:16px 0}
.cv-body p{text-align:justify;margin:.5em 0;white-space:pre-line}
.cv-sign{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:20px}
.cv-sign .signer{text-align:center}
.cv-sign .signer strong{display:block;text-transform:uppercase}
.cv-sign .signer .name{text-transform:none}
.cv-to ul{display:inline-block;vertical-align:top;text-align:left;margin:0;padding-left:1.2em}
.cv-copies{font-size:.85em}
.panel{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:16px;margin:16px 0}
.message{background:var(--bg);border-left:6px solid var(--accent);padding:16px;margin:16px 0}
.message.ok{border-color:var(--ok)}.message.warn{border-color:var(--warn)}.message.error{border-color:var(--err)}
.tasks{list-style:none;padding:0;margin:0}
.tasks li{border-top:1px solid var(--line);padding:12px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85em;border:1px solid currentColor}
.badge.ok{color:var(--ok)}.badge.warn{color:var(--warn)}.badge.err{color:var(--err)}
label{display:block;font-weight:600;margin:.6em 0 .2em}
input,textarea,select{font:inherit;width:100%;padding:8px;border:1px solid #767676;border-radius:4px;background:#fff}
textarea{min-height:6em}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:10px 18px;border-radius:4px;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:var(--accent)}
.hint{color:var(--muted);font-size:.9em}
.error-text{color:var(--err);font-weight:600}
@media (max-width:600px){.cv-header,.cv-meta,.cv-sign{grid-template-columns:1fr}.paper{padding:14px}main{padding:8px}}
${PRINT_STYLES}`;

/** The officials' pages: a top bar, tables, the form. */
export const OFFICIAL_STYLES = `
.topbar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;background:#0b3a66;color:#fff;padding:10px 16px}
.topbar a,.topbar .who{color:#fff}
.topbar nav{display:flex;gap:14px;flex-wrap:wrap}
.topbar .brand{font-weight:700}
.topbar .spacer{flex:1}
.skip{position:absolute;left:-9999px}.skip:focus{position:static}
button.link{background:none;border:none;color:#fff;text-decoration:underline;padding:0;font-weight:400}
form.inline{display:inline}
main{max-width:1180px}
table.grid{border-collapse:collapse;width:100%;background:#fff}
table.grid th,table.grid td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.grid th{background:#eef2f6}
td.overdue{background:#fdecea;color:var(--err);font-weight:600}
td.ok{color:var(--ok)}td.late{color:var(--warn)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0;padding:0;list-style:none}
.counts li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.counts strong{font-size:1.2em;margin-right:4px}
fieldset{border:1px solid var(--line);border-radius:6px;margin:16px 0;padding:12px 16px;background:#fff}
legend{font-weight:700;padding:0 6px}
.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}
.task{border-top:2px solid var(--line);padding-top:10px;margin-top:10px}
.checks{display:flex;flex-wrap:wrap;gap:4px 16px}
.checks label,.check{font-weight:400;display:inline-flex;gap:6px;align-items:center;margin:2px 0}
.checks input,.check input{width:auto}
.field-error{color:var(--err);font-weight:600;margin:2px 0}
[aria-invalid=true]{border-color:var(--err);border-width:2px}
.error-summary{border:3px solid var(--err);background:#fff;padding:12px 16px;margin:12px 0}
.timeline{list-style:none;padding:0}.timeline li{border-left:3px solid var(--line);padding:2px 10px;margin:4px 0}
.actions form{display:inline-block;margin:2px 4px 2px 0}
.actions input,.actions select{width:auto}
.small{font-size:.9em}
@media (max-width:700px){table.grid{font-size:.9em}}
`;
