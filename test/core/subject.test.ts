import { describe, expect, it } from 'vitest';
import { letterheadLines, letterheadOf } from '#core/letterhead.ts';
import { aboutSubject, subjectLine, subjectMatter } from '#core/subject.ts';

describe('a subject as letters write it', () => {
  it.each([
    // typed, V/v line, inside a sentence
    ['V/v đảm bảo thông tin liên lạc', 'V/v đảm bảo thông tin liên lạc', 'về việc đảm bảo thông tin liên lạc'],
    ['v/v đảm bảo thông tin liên lạc', 'V/v đảm bảo thông tin liên lạc', 'về việc đảm bảo thông tin liên lạc'],
    ['V/V: đảm bảo thông tin liên lạc.', 'V/v đảm bảo thông tin liên lạc', 'về việc đảm bảo thông tin liên lạc'],
    ['Về việc báo cáo tình hình', 'V/v báo cáo tình hình', 'về việc báo cáo tình hình'],
    ['về việc báo cáo tình hình', 'V/v báo cáo tình hình', 'về việc báo cáo tình hình'],
    ['VỀ VIỆC báo cáo tình hình', 'V/v báo cáo tình hình', 'về việc báo cáo tình hình'],
    ['Báo cáo tình hình triển khai', 'V/v báo cáo tình hình triển khai', 'về việc báo cáo tình hình triển khai'],
    ['V/v Báo cáo tình hình', 'V/v báo cáo tình hình', 'về việc báo cáo tình hình'],
    ['báo cáo tình hình', 'V/v báo cáo tình hình', 'về việc báo cáo tình hình'],
    ['V/v Về việc báo cáo', 'V/v báo cáo', 'về việc báo cáo'],
    // acronyms, codes and proper names keep their capitals
    ['UBND các huyện báo cáo', 'V/v UBND các huyện báo cáo', 'về việc UBND các huyện báo cáo'],
    [
      'COVID-19: tăng cường phòng, chống',
      'V/v COVID-19: tăng cường phòng, chống',
      'về việc COVID-19: tăng cường phòng, chống',
    ],
    ['V/v Covid-19 và dịch vụ bưu chính', 'V/v Covid-19 và dịch vụ bưu chính', 'về việc Covid-19 và dịch vụ bưu chính'],
    ['Sở Y tế phối hợp', 'V/v Sở Y tế phối hợp', 'về việc Sở Y tế phối hợp'],
    ['Tết Nguyên đán Quý Mão', 'V/v Tết Nguyên đán Quý Mão', 'về việc Tết Nguyên đán Quý Mão'],
    ['Ủy ban nhân dân tỉnh giao', 'V/v Ủy ban nhân dân tỉnh giao', 'về việc Ủy ban nhân dân tỉnh giao'],
    // words that only start like a proper start are lowered
    ['Tếtxyz chưa có', 'V/v tếtxyz chưa có', 'về việc tếtxyz chưa có'],
  ])('%s → %s / %s', (typed, line, about) => {
    expect(subjectLine(typed)).toBe(line);
    expect(aboutSubject(typed)).toBe(about);
  });

  it('collapses whitespace and line breaks, keeps NFC', () => {
    const decomposed = 'V/v  ba\u0301o ca\u0301o\n tình hình ';
    expect(subjectMatter(decomposed)).toBe('báo cáo tình hình');
  });

  it('does not take a word that starts with "vv" or "về" for the marker', () => {
    expect(subjectLine('Vvip khách mời')).toBe('V/v vvip khách mời');
    expect(subjectLine('Vềviệc lạ')).toBe('V/v vềviệc lạ');
  });

  it('renders nothing for a subject that is only the marker', () => {
    expect(subjectLine('V/v')).toBe('');
    expect(aboutSubject(' về việc ')).toBe('');
  });
});

describe('the letterhead', () => {
  it('puts the parent body with its province above the issuer', () => {
    const l = letterheadOf({ issuer: 'Sở Thông tin và Truyền thông', issuerParent: 'UBND tỉnh Gia Lai' });
    expect(letterheadLines(l)).toEqual(['UBND TỈNH GIA LAI', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG']);
  });

  it("reads a department's province from its name when no parent was given", () => {
    expect(letterheadOf({ issuer: 'Sở Y tế tỉnh Gia Lai' })).toEqual({
      parent: 'UBND tỉnh Gia Lai',
      issuer: 'Sở Y tế',
    });
    expect(letterheadOf({ issuer: 'Sở Tài chính thành phố Hà Nội' })).toEqual({
      parent: 'UBND thành phố Hà Nội',
      issuer: 'Sở Tài chính',
    });
    expect(letterheadOf({ issuer: 'Sở Nội vụ TP. Hồ Chí Minh' })).toEqual({
      parent: 'UBND thành phố Hồ Chí Minh',
      issuer: 'Sở Nội vụ',
    });
  });

  it('leaves alone an issuer whose parent cannot be known', () => {
    expect(letterheadOf({ issuer: 'Công an tỉnh Gia Lai' })).toEqual({ issuer: 'Công an tỉnh Gia Lai' });
    expect(letterheadOf({ issuer: 'UBND huyện Chư Sê' })).toEqual({ issuer: 'UBND huyện Chư Sê' });
    expect(letterheadOf({ issuer: 'Sở Thông tin và Truyền thông', issuerParent: '  ' })).toEqual({
      issuer: 'Sở Thông tin và Truyền thông',
    });
  });
});
