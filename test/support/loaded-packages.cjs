// Loaded with `node --require`: at exit, says on stderr which of some packages the process loaded
// ("loaded: typeorm=0 …"), so a spec can check that a command stays light.
const WATCHED = ['typeorm', '@nestjs/core', 'exceljs', 'pdfkit'];
process.on('exit', () => {
  const files = Object.keys(require.cache);
  const counts = WATCHED.map((name) => `${name}=${files.filter((f) => f.includes(`/node_modules/${name}/`)).length}`);
  process.stderr.write(`loaded: ${counts.join(' ')}\n`);
});
