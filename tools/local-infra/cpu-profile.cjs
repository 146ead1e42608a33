// Preloaded into each service when TEND_CPU_PROFILE_DIR is set: profiles the whole process and
// writes the profile when the service is told to stop. Node's own --cpu-prof writes only on a
// normal exit, and Nest's shutdown hooks end a service by re-raising SIGTERM, so it never would.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const dir = process.env.TEND_CPU_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');

let written = false;
function writeProfile() {
  if (written) return;
  written = true;
  // A session in the process's own thread answers synchronously, so the file exists before the stop goes on.
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const name = `${path.basename(path.dirname(path.dirname(process.argv[1])))}-${process.pid}.cpuprofile`;
    writeFileSync(path.join(dir, name), JSON.stringify(result.profile));
  });
}
process.prependListener('SIGTERM', writeProfile);
process.prependListener('SIGINT', writeProfile);
process.once('exit', writeProfile);
