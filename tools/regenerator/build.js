const esbuild = require('esbuild');
esbuild.build({
  entryPoints: ['entry.js'], outfile: process.argv[2] || 'regenerator-runtime.min.js',
  format: 'iife', bundle: true, minify: true, target: 'es2016', legalComments: 'inline',
}).catch(() => process.exit(1));
