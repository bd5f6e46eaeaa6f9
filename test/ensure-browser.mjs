// Gets ready what the browser tests need before `pnpm test` runs anything: Chromium and the
// CJK fonts their screenshots are read with. Missing ones are installed from Debian's or
// Ubuntu's packages when this runs as root there; otherwise it stops with one line naming
// what to install. CHROMIUM_PATH points the tests at a Chromium of your own instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT_DIR = '/usr/share/fonts/opentype/noto';

function hasCjkFont() {
  const fc = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fc.status === 0) return fc.stdout.trim().length > 0;
  return existsSync(CJK_FONT_DIR);
}

function isDebianLike() {
  if (!existsSync('/etc/os-release')) return false;
  const release = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');

if (missing.length > 0) {
  const canInstall = isDebianLike() && process.getuid?.() === 0 && !process.env.CHROMIUM_PATH;
  if (!canInstall) {
    console.error(
      `pnpm test needs ${missing.join(' and ')}: install ${missing.join(' ')} from your distribution's packages (or set CHROMIUM_PATH to a Chromium binary), then run pnpm test again`,
    );
    process.exit(1);
  }
  console.log(`pnpm test: installing ${missing.join(' ')} from the distribution's packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    const step = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (step.status !== 0) {
      console.error(
        `pnpm test: apt-get ${args.join(' ')} failed; install ${missing.join(' ')} by hand`,
      );
      process.exit(1);
    }
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`pnpm test: ${CHROMIUM} is still missing after installing chromium`);
    process.exit(1);
  }
}
