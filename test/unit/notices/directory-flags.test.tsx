import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { listAgencies } from '#adapters/store/directory.ts';
import { importAgencies, saveAgency } from '#app/directory.ts';
import { viewDirectory } from '#core/agency-search.ts';
import { blankForm, toDirectiveInput } from '#web/officials/directive-form-input.ts';
import { DirectoryPage } from '#web/officials/directory-page.tsx';

/** The directory's phones (E.164) and "no SMS" / "no Zalo" flags, from the form and from a CSV. */

const official = { id: 'o-1', name: 'Cán bộ', office: 'stttt-danhba' };

describe('the directory', () => {
  it('a CSV with phone, noSms and noZalo columns: phones kept as +84…, flags where ticked', async () => {
    const csv = [
      'id,name,email,groups,headName,headEmail,phone,noSms,noZalo,headPhone',
      'cong-an,Công an tỉnh,ca@gialai.example,,Giám đốc,gd@gialai.example,0913 421 376,x,,0932.532.789',
      'dien-luc,Điện lực,dl@gialai.example,,,,(0269) 3.824.567,,1,',
      'so-yte,Sở Y tế,yt@gialai.example,,,,,,,',
    ].join('\n');
    expect(await importAgencies(official, Buffer.from(csv))).toEqual({ imported: 3 });
    const byId = Object.fromEntries((await listAgencies('stttt-danhba')).map((a) => [a.id, a]));
    expect(byId['cong-an']).toMatchObject({ phone: '+84913421376', noSms: true });
    expect(byId['cong-an']?.noZalo).toBeUndefined();
    expect(byId['dien-luc']).toMatchObject({ phone: '+842693824567', noZalo: true });
    expect(byId['so-yte']?.phone).toBeUndefined();

    // The form's recipients carry the phones and the flags onto the directive (and so the assignment).
    const input = toDirectiveInput(
      { ...blankForm('k', '2026-03-04'), recipients: ['cong-an', 'dien-luc'] },
      Object.values(byId),
    );
    expect(input.recipients).toEqual([
      {
        id: 'cong-an',
        name: 'Công an tỉnh',
        email: 'ca@gialai.example',
        phone: '+84913421376',
        noSms: true,
        head: { name: 'Giám đốc', email: 'gd@gialai.example', phone: '+84932532789' },
      },
      { id: 'dien-luc', name: 'Điện lực', email: 'dl@gialai.example', phone: '+842693824567', noZalo: true },
    ]);
  });

  it('a bad number is refused by row and field, nothing saved', async () => {
    const csv = 'id,name,email,phone\nxa-1,Xã 1,x1@gialai.example,0123\n';
    const result = await importAgencies(official, Buffer.from(csv));
    expect(result).toMatchObject({ problems: [{ line: 2, problem: { code: 'field.phone' } }] });
    expect((await listAgencies('stttt-danhba')).some((a) => a.id === 'xa-1')).toBe(false);
    const form = await saveAgency(official, {
      id: 'xa-2',
      name: 'Xã 2',
      email: 'x2@gialai.example',
      phone: '+1 202 555 0143',
    });
    expect(form.saved).toBe(false);
  });

  it('the page shows the flags beside the phone and as boxes in the form', async () => {
    const html = renderToString(
      <DirectoryPage
        lang="vi"
        official={official}
        view={viewDirectory(await listAgencies('stttt-danhba'), { sort: 'name', page: 1 })}
        editing={{ id: 'cong-an', noSms: 'true' }}
      />,
    );
    expect(html).toContain('+84913421376<span class="small"> (Không nhận SMS)</span>');
    expect(html).toMatch(/<input id="field-noSms" name="noSms" type="checkbox" value="on" checked\/>/);
    expect(html).toMatch(/<input id="field-noZalo" name="noZalo" type="checkbox" value="on"\/>/);
  });
});
