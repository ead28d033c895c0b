import { describe, expect, it } from 'vitest';
import type { NoticeSubject } from '#core/assignment/notices.ts';
import { gsm7Length, noticeText, SMS_SEGMENT, toGsm7, withoutDiacritics, zaloTemplate } from '#documents/notices.ts';

/** The words of the phone notices: an SMS in GSM 7-bit within one segment, a Zalo notice with its diacritics. */

const LINK = 'https://chidao.example.gov.vn/l/7k2m9q4xrt';
const FACTS = { number: '126/STTTT-BCVT', agency: 'Công an tỉnh Gia Lai', link: LINK };
const DEADLINE = '2026-03-06T10:00:00.000Z'; // 17:00 on 06/03/2026 in Hà Nội
const GSM_BASIC = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑܧ¿a-zäöñüà^{}\\[~\]|€]*$/;

const subjects: NoticeSubject[] = [
  { kind: 'invitation', checkpoint: 'invite:1', obligation: 'ack', deadline: DEADLINE },
  { kind: 'reminder', checkpoint: 'remind:1.3:P1D', obligation: '1.3', taskCode: '1.3', deadline: DEADLINE },
  { kind: 'reminder', checkpoint: 'remind:ack:P1D', obligation: 'ack', deadline: DEADLINE },
  {
    kind: 'escalation',
    checkpoint: 'escalate:1.3:1',
    obligation: '1.3',
    taskCode: '1.3',
    deadline: DEADLINE,
    level: 1,
  },
];

describe('an SMS notice', () => {
  it('has no diacritics, and says the number, the task, the deadline (dd/mm/yyyy) and the short link', () => {
    const text = noticeText('sms', subjects[1] as NoticeSubject, {
      ...FACTS,
      taskText: 'Rà soát, thống kê các trạm BTS đặt trên đất công',
    });
    expect(text).toBe(
      `Nhac han cong van 126/STTTT-BCVT: nhiem vu 1.3 (Ra soat, thong ke cac tram BTS dat tren dat cong), han 06/03/2026. ${LINK}`,
    );
    expect(text).toMatch(GSM_BASIC);
  });

  it('fits one segment (160 GSM-7 characters) whatever the task and the agency, never cutting number, date or link', () => {
    const long = 'Đề nghị các đơn vị khẩn trương rà soát, thống kê và báo cáo đầy đủ '.repeat(20);
    for (const subject of subjects) {
      const text = noticeText('sms', subject, { ...FACTS, agency: `Ủy ban nhân dân ${long}`, taskText: long });
      expect(gsm7Length(text), text).toBeLessThanOrEqual(SMS_SEGMENT);
      expect(text).toMatch(GSM_BASIC);
      expect(text).toContain('126/STTTT-BCVT');
      expect(text).toContain('06/03/2026');
      expect(text.endsWith(LINK)).toBe(true);
    }
  });

  it('the invitation asks to acknowledge; an escalation names the late agency', () => {
    expect(noticeText('sms', subjects[0] as NoticeSubject, FACTS)).toBe(
      `Cong van 126/STTTT-BCVT: de nghi xac nhan da nhan, han 06/03/2026. Xem va xac nhan: ${LINK}`,
    );
    expect(noticeText('sms', subjects[3] as NoticeSubject, FACTS)).toBe(
      `Qua han cong van 126/STTTT-BCVT: Cong an tinh Gia Lai chua bao cao nhiem vu 1.3, han 06/03/2026. ${LINK}`,
    );
  });

  it('strips every Vietnamese diacritic, đ and Đ included, and plain-spells typography', () => {
    expect(withoutDiacritics('Đắk Lắk, Thừa Thiên Huế, Quảng Ngãi, đường')).toBe(
      'Dak Lak, Thua Thien Hue, Quang Ngai, duong',
    );
    expect(toGsm7('“Khẩn” — hạn 17:00…\t✓')).toBe('"Khan" - han 17:00...');
    expect(gsm7Length('a[b]€')).toBe(8);
  });
});

describe('a Zalo notice', () => {
  it('keeps the diacritics and names the template of its kind, with its parameters', () => {
    const subject = subjects[1] as NoticeSubject;
    const facts = { ...FACTS, taskText: 'Rà soát trạm BTS' };
    expect(noticeText('zalo', subject, facts)).toBe(
      `Nhắc hạn công văn 126/STTTT-BCVT: nhiệm vụ 1.3 (Rà soát trạm BTS), hạn 06/03/2026. ${LINK}`,
    );
    const ids = { invitation: '231001', reminder: '231002', escalation: '231003' };
    expect(zaloTemplate(subject, facts, ids)).toEqual({
      id: '231002',
      data: {
        so_cong_van: '126/STTTT-BCVT',
        don_vi: 'Công an tỉnh Gia Lai',
        nhiem_vu: 'nhiệm vụ 1.3 (Rà soát trạm BTS)',
        han: '06/03/2026',
        lien_ket: LINK,
      },
    });
  });
});
