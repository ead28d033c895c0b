/**
 * Resolves the CloudFormation intrinsics that a synthesized template of this app uses (Ref, Fn::GetAtt,
 * Fn::Join, Fn::Select, Fn::Split, Fn::Sub without a variable map) against the local stand-ins of its resources.
 * Anything else is an error: the local runtime must run exactly what was synthesized, or refuse to start.
 */
export type Refs = {
  ref: (logicalId: string) => string;
  getAtt: (logicalId: string, attribute: string) => string;
};

export const resolveIntrinsics = (value: unknown, refs: Refs): unknown => {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    switch (key) {
      case 'Ref':
        return refs.ref(String(arg));
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
        return refs.getAtt(String(id), String(attr));
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (resolveIntrinsics(parts, refs) as unknown[]).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number | string, unknown];
        return (resolveIntrinsics(list, refs) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return String(resolveIntrinsics(source, refs)).split(sep);
      }
      case 'Fn::Sub': {
        if (typeof arg !== 'string') throw new Error('Fn::Sub with a variable map is not supported locally');
        return arg.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          name.includes('.') ? refs.getAtt(name.split('.')[0] ?? '', name.split('.')[1] ?? '') : refs.ref(name),
        );
      }
      default:
        throw new Error(`Intrinsic ${key} is not supported by the local runtime`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, refs)]));
};
