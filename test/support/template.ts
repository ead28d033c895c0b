/**
 * The synthesized CloudFormation template (test/global-setup.ts synthesizes the app once per run) and what the
 * template tests read in it.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';

export type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
export type Json = Record<string, unknown>;

export const raw = JSON.parse(inject('template')) as { Resources: Record<string, Resource> };
export const template = Template.fromJSON(raw);
export const resources = raw.Resources;
export const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** A stand-in for an intrinsic inside a string: no quotes, so the JSON it sits in stays JSON. */
const placeholder = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Json;
    if ('Ref' in v) return v.Ref === 'AWS::Partition' ? 'aws' : `REF_${String(v.Ref).replace(/\W/g, '_')}`;
    if ('Fn::GetAtt' in v) {
      const [id, attribute] = v['Fn::GetAtt'] as [string, string];
      return attribute === 'Arn'
        ? `arn:aws:lambda:ap-southeast-1:000000000000:function:${id}`
        : `GETATT_${id}_${attribute}`;
    }
    if ('Fn::Join' in v) return joined(v);
  }
  return 'INTRINSIC';
};

export const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as Json)['Fn::Join'] as [string, unknown[]] | undefined;
  if (!join) throw new Error(`Not an Fn::Join: ${JSON.stringify(value)}`);
  const [separator, parts] = join;
  return parts.map(placeholder).join(separator);
};
