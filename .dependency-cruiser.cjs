/**
 * The import rules of functions/ (README, "How it fits together"): each room may import only the rooms below it.
 *
 *   handlers → app, web → core, adapters, documents, files, parsing → contracts
 *
 * `npm test` runs these (npm run lint:imports); a violation fails the run.
 */
const room = (name) => `^functions/${name}/`;
const rooms = (...names) => `^functions/(${names.join('|')})/`;
const allowedBy = {
  contracts: [],
  core: ['contracts'],
  parsing: ['contracts', 'core'],
  adapters: ['contracts', 'core'],
  documents: ['contracts', 'core'],
  files: ['contracts', 'core'],
  web: ['contracts', 'core', 'parsing'],
  app: ['contracts', 'core', 'parsing', 'adapters', 'documents', 'files'],
  handlers: ['contracts', 'core', 'parsing', 'adapters', 'documents', 'files', 'app', 'web'],
};

module.exports = {
  forbidden: [
    ...Object.entries(allowedBy).map(([name, allowed]) => ({
      name: `${name}-imports-only-${allowed.join('-') || 'itself'}`,
      comment: `functions/${name} may import ${allowed.length ? allowed.map((r) => `functions/${r}`).join(', ') : 'nothing of the application'} besides itself`,
      severity: 'error',
      from: { path: room(name) },
      to: { path: '^functions/', pathNot: rooms(name, ...allowed) },
    })),
    {
      name: 'nothing-imports-handlers',
      comment: 'handlers are entry points: the template names them, nothing imports them (tests excepted)',
      severity: 'error',
      from: { path: '^(functions|infra|workflows|local|bench)/', pathNot: room('handlers') },
      to: { path: room('handlers') },
    },
    {
      name: 'core-is-pure',
      comment: 'functions/core knows no AWS SDK, no Powertools, no middy and no preact',
      severity: 'error',
      from: { path: room('core') },
      to: { path: 'node_modules/(@aws-sdk|@aws-lambda-powertools|@middy|preact|preact-render-to-string)/' },
    },
    {
      name: 'contracts-depend-on-zod-only',
      comment: 'functions/contracts may import zod and nothing else from node_modules',
      severity: 'error',
      from: { path: room('contracts') },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'],
        pathNot: 'node_modules/zod/',
      },
    },
    {
      name: 'infra-and-workflows-see-contracts-only',
      comment: 'the CDK app knows the application only through functions/contracts',
      severity: 'error',
      from: { path: '^(infra|workflows)/' },
      to: { path: '^functions/', pathNot: room('contracts') },
    },
    {
      name: 'local-reaches-handlers-through-the-template',
      comment: 'the local runtime imports handlers only by the module names the template carries',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: rooms('handlers', 'app', 'adapters') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
