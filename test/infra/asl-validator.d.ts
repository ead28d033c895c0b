// asl-validator ships no types; this is the part of its API the template test uses.
declare module 'asl-validator' {
  export type AslValidatorOptions = { checkArn?: boolean; checkPaths?: boolean };
  export type AslValidatorResult = {
    isValid: boolean;
    errors: { 'Error code': string; Message: string }[];
    errorsText: (separator?: string) => string;
  };
  export default function aslValidator(definition: unknown, options?: AslValidatorOptions): AslValidatorResult;
}
