const esbuild = require('esbuild');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');
esbuild.build({
  entryPoints: ['entry.js'], outfile: process.argv[2] || 'plotly-custom.min.js', format: 'iife',
  globalName: 'Plotly', bundle: true, minify: true, target: 'es2016', legalComments: 'inline',
  plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
  alias: { stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false' },
}).catch(() => process.exit(1));
