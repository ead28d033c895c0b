import { describe, expect, inject, it } from 'vitest';
import { ENTRY_METADATA } from '#contracts/metadata.ts';

/** The agency inbox's part of the synthesized stack: its weekly schedule, function and dead letters. */

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Json = Record<string, unknown>;

describe('weekly inbox email', () => {
  const all = (JSON.parse(inject('template')) as { Resources: Record<string, Resource> }).Resources;

  it('runs at 08:00 Asia/Ho_Chi_Minh, Monday to Friday (the function sends on the week’s first working day), with its dead letters alarmed', () => {
    const schedules = Object.values(all).filter(
      (r) => r.Type === 'AWS::Scheduler::Schedule' && String(r.Properties?.Description).startsWith('Weekly email'),
    );
    expect(schedules).toHaveLength(1);
    const schedule = (schedules[0]?.Properties ?? {}) as Json;
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0 8 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
    });
    const target = schedule.Target as { Arn: { 'Fn::GetAtt': [string, string] }; DeadLetterConfig?: unknown };
    const fn = all[target.Arn['Fn::GetAtt'][0]] as Resource & { Metadata?: Record<string, string> };
    expect(fn.Metadata?.[ENTRY_METADATA]).toBe('functions/handlers/tasks/inbox-weekly.ts');
    expect(target.DeadLetterConfig).toBeDefined();
    const alarms = Object.values(all).filter(
      (r) =>
        r.Type === 'AWS::CloudWatch::Alarm' &&
        String(r.Properties?.AlarmDescription).startsWith('InboxWeeklyDeadLetters'),
    );
    expect(alarms).toHaveLength(1);
  });
});
